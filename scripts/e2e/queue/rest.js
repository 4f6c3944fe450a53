// @ts-check
'use strict';

/**
 * The main's REST API as the editor uses it (owner session cookie): run a workflow (queue mode has
 * no `n8n execute`), activate one, read executions (their data is stored with `flatted`).
 */

const { nodeItems, runError } = require('../n8n-app');

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {{ api: import('../n8n-server').N8nServer['api'] }} Session
 * @typedef {{ parse: (text: string) => any }} Flatted
 */

/** @param {{ status: number, body: any }} answer @param {string} what */
function dataOf(answer, what) {
	if (answer.status !== 200) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
	return answer.body?.data ?? answer.body;
}

/**
 * Starts a stored workflow as the editor's "Execute workflow" does; returns the execution id.
 * @param {Session} main @param {string} workflowId @param {string} triggerName
 * @returns {Promise<string>}
 */
async function runWorkflow(main, workflowId, triggerName) {
	const workflowData = dataOf(await main.api(`/rest/workflows/${workflowId}`), `GET workflow ${workflowId}`);
	const started = dataOf(
		await main.api(`/rest/workflows/${workflowId}/run`, {
			method: 'POST',
			body: { workflowData, triggerToStartFrom: { name: triggerName } },
		}),
		`run ${workflowId}`,
	);
	if (!started?.executionId) throw new Error(`run ${workflowId}: no executionId in ${JSON.stringify(started).slice(0, 300)}`);
	return String(started.executionId);
}

/** @param {Session} main @param {string} workflowId */
async function activate(main, workflowId) {
	const workflow = dataOf(await main.api(`/rest/workflows/${workflowId}`), `GET workflow ${workflowId}`);
	const answer = await main.api(`/rest/workflows/${workflowId}/activate`, { method: 'POST', body: { versionId: workflow.versionId } });
	if (answer.status === 404) {
		// lines without the activate route: PATCH active
		return dataOf(
			await main.api(`/rest/workflows/${workflowId}`, { method: 'PATCH', body: { ...workflow, active: true } }),
			`activate ${workflowId}`,
		);
	}
	return dataOf(answer, `activate ${workflowId}`);
}

/**
 * One execution, its data parsed (`run` has the shape of `n8n execute --rawOutput`).
 * @param {Session} main @param {Flatted} flatted @param {string} id
 */
async function getExecution(main, flatted, id) {
	const execution = dataOf(await main.api(`/rest/executions/${id}`), `GET execution ${id}`);
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	// the shape of `n8n execute --rawOutput`, which nodeItems/runError read
	const run = { data };
	return { id: String(execution.id), status: String(execution.status), finished: Boolean(execution.finished), mode: String(execution.mode), run };
}

const DONE = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Waits until the execution has ended (or `until` says so), polling every second.
 * @param {Session} main @param {Flatted} flatted @param {string} id
 * @param {{ timeoutMs: number, until?: (e: Awaited<ReturnType<typeof getExecution>>) => boolean }} options
 */
async function waitForExecution(main, flatted, id, options) {
	const deadline = Date.now() + options.timeoutMs;
	for (;;) {
		const execution = await getExecution(main, flatted, id);
		if (options.until ? options.until(execution) : DONE.has(execution.status)) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${id} still "${execution.status}" after ${options.timeoutMs / 1000} s`);
		await sleep(1000);
	}
}

/**
 * The executions of a workflow, oldest first.
 * @param {Session} main @param {string} workflowId
 * @returns {Promise<Array<{ id: string, status: string, mode: string }>>}
 */
async function listExecutions(main, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const data = dataOf(await main.api(`/rest/executions?filter=${filter}&limit=100`), `executions of ${workflowId}`);
	const results = Array.isArray(data?.results) ? data.results : [];
	/** @type {Array<{ id: string, status: string, mode: string }>} */
	const list = results.map((/** @type {any} */ e) => ({ id: String(e.id), status: String(e.status), mode: String(e.mode) }));
	return list.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Which instance ran it, from the "Which Instance" node. @param {any} run @param {string} nodeName */
function instanceOf(run, nodeName) {
	return nodeItems(run, nodeName)
		.map((item) => item.json.instance)
		.filter(Boolean)[0];
}

module.exports = { runWorkflow, activate, getExecution, waitForExecution, listExecutions, instanceOf, runError, nodeItems };
