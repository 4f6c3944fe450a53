/**
 * The example loop routes on the ack's outcome (examples/stock-sync-loop.workflow.json:
 * … → WDT Ack Stock Sync → "Acked by WDT?" → "Acked" / "Not acked — check"), through the n8n
 * engine against the emulator. Refusals are made as in real life: the ERP stock of some records
 * changes right after the query answered, so their acks carry a stale stock_change_count.
 * n8n's If, No Operation and Merge are played by scripts/stand-ins-routing.js (the If's filter
 * is evaluated by n8n-workflow itself); `npm run e2e` runs the same file with the real nodes.
 */
import type { IConnections, INode, INodeType } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import exampleWorkflow from '../../examples/stock-sync-loop.workflow.json';
import { Wdt } from '../../nodes/Wdt/Wdt.node';
import { WdtAckStockSync } from '../../nodes/WdtAckStockSync/WdtAckStockSync.node';
import { standInNodeTypes } from '../../scripts/stand-ins';
import { emulatorCredentials, runWorkflow } from '../helpers/engine';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
const QUERY = 'api_goods_stock_change_query.php';
const EXAMPLE_SHOP_URL = 'http://127.0.0.1:8650/fake-shop/stock';
const ACK = 'WDT Ack Stock Sync';
const ACKED = 'Acked';
const NOT_ACKED = 'Not acked — check';

const nodeTypes: Record<string, INodeType> = {
	...(standInNodeTypes() as unknown as Record<string, INodeType>),
	'n8n-nodes-wdt.wdt': new Wdt(),
	'n8n-nodes-wdt.wdtAckStockSync': new WdtAckStockSync(),
};

let emu: Emulator;
let onRequest: ((entry: Emulator['requests'][number]) => void) | undefined;
beforeEach(async () => {
	onRequest = undefined;
	emu = await startEmulator({
		pool: { shops: ['shop-a', 'shop-b'], perShop: 12 },
		seed: 3,
		onRequest: (entry) => onRequest?.(entry),
	});
});
afterEach(async () => {
	await emu.stop();
});

/** Runs the example; the stock of `refuse(shop)` records changes right after that shop's query. */
async function runWithRefusals(refuse: (pending: ReturnType<Emulator['pool']['pending']>) => string[]) {
	const refused = new Set<string>();
	onRequest = (entry) => {
		if (entry.endpoint !== QUERY || !entry.params) return;
		for (const recId of refuse(emu.pool.pending(entry.params.shop_no))) {
			emu.pool.changeStock(recId, (emu.pool.get(recId)?.sync_stock ?? 0) + 5);
			refused.add(recId);
		}
	};
	const { nodes, connections } = JSON.parse(JSON.stringify(exampleWorkflow).split(EXAMPLE_SHOP_URL).join(emu.fakeShopUrl)) as {
		nodes: INode[];
		connections: IConnections;
	};
	const result = await runWorkflow({ nodeTypes, nodes, connections, credentials: emulatorCredentials(emu, 'wdt-demo') });
	return { result, refused };
}

describe('the example loop shows refusals in a branch of their own', () => {
	it('a partly refused run: exactly the refused records reach "Not acked — check", with their SKU and the reason', async () => {
		const { result, refused } = await runWithRefusals((pending) => [pending[2].rec_id, pending[7].rec_id]);
		expect(refused.size).toBe(4);
		expect(result.error).toBeUndefined();
		expect(result.run.data.resultData.runData[ACK][0].executionStatus).toBe('success');
		const notAcked = result.output(NOT_ACKED);
		expect(new Set(notAcked.map((item) => item.json.rec_id))).toEqual(refused);
		expect(notAcked).toHaveLength(4);
		for (const item of notAcked) {
			const row = emu.pool.get(String(item.json.rec_id));
			expect(item.json).toMatchObject({ shop_no: row?.shop_no, spec_no: row?.spec_no, goods_name: row?.goods_name, acked: false });
			expect(item.json.error).toMatchObject({ scope: 'record', message: expect.stringMatching(/库存已变化/) });
			expect(row?.pending).toBe(true);
		}
		const acked = result.output(ACKED);
		expect(acked).toHaveLength(20);
		expect(acked.every((item) => item.json.acked === true && typeof item.json.spec_no === 'string')).toBe(true);
		expect(emu.pool.pendingCount()).toBe(4);
	});

	it('an all-refused run: the ack node fails (red) with a summary, and every record reaches "Not acked — check"', async () => {
		const { result, refused } = await runWithRefusals((pending) => pending.map((row) => row.rec_id));
		expect(refused.size).toBe(24);
		const task = result.run.data.resultData.runData[ACK][0];
		expect(task.executionStatus).toBe('error');
		expect(task.error?.message).toMatch(/^Nothing was acked: 0 of 24 items/);
		// n8n passes the input on: no acked: true in it, so the If sends every item to the check branch.
		expect(result.output(ACKED)).toHaveLength(0);
		expect(new Set(result.output(NOT_ACKED).map((item) => item.json.rec_id))).toEqual(refused);
		expect(emu.pool.pendingCount()).toBe(24);
	});
});
