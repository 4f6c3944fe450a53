import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small gateway that answers whatever a test tells it to, on 127.0.0.1: for answers the
 * emulator never gives (a code of null, errors as an object, a body over the cap, a 404 page).
 */
export interface HostileServer {
	/** The Gateway URL (…/openapi2/) to put in the credential. */
	url: string;
	/** Requests received so far. */
	requests: number;
	close(): Promise<void>;
}

export type Answer = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export async function startHostileServer(answer: Answer): Promise<HostileServer> {
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			state.requests++;
			answer(req, res, Buffer.concat(chunks).toString('utf8'));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const state: HostileServer = {
		url: `http://127.0.0.1:${port}/openapi2/`,
		requests: 0,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return state;
}

/** Answers JSON (given as text, so any shape can be sent). */
export function json(text: string, status = 200, headers: http.OutgoingHttpHeaders = {}): Answer {
	return (_req, res) => {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(text);
	};
}

/** The rec_ids of the stock_sync_list a request carried. */
export function recIdsOf(body: string): string[] {
	const list = new URLSearchParams(body).get('stock_sync_list') ?? '[]';
	return (JSON.parse(list) as Array<{ rec_id: string }>).map((entry) => entry.rec_id);
}
