/**
 * Running the WDT (旺店通) node through the real engine against an emulator: one place for the
 * node type, its parameters and the request log filters the wdt-*.test.ts files share.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { startEmulator } from '../../emulator';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { chain, emulatorCredentials, runWorkflow, sourceNode, wdtNode } from './engine';

export type Emulator = Awaited<ReturnType<typeof startEmulator>>;

export const WDT_TYPE = 'n8n-nodes-wdt.wdt';
const nodeTypes = { [WDT_TYPE]: new Wdt() };

/** Options that keep tests fast: no waiting between retries. */
export const FAST = { retryDelayMs: 1 };

export async function runWdt(
	emu: Emulator,
	parameters: IDataObject,
	{ input = [{}], extra = {} }: { input?: IDataObject[]; extra?: Partial<INode> } = {},
) {
	const result = await runWorkflow({
		nodeTypes,
		nodes: [sourceNode(input), wdtNode(WDT_TYPE, 'WDT', parameters, extra)],
		connections: chain('Source', 'WDT'),
		credentials: emulatorCredentials(emu),
	});
	return {
		...result,
		items: (): INodeExecutionData[] => result.output('WDT'),
		json: (): IDataObject[] => result.output('WDT').map((item) => item.json),
	};
}

/** The logged requests to one endpoint (name without .php), in order. */
export function requestsTo(emu: Emulator, endpoint: string) {
	return emu.requests.filter((r) => r.endpoint === `${endpoint}.php`);
}
