// @ts-check
'use strict';

/**
 * Child processes for the e2e script, every one time-bound: `run` waits for a command and kills
 * its whole process group when the time is up; `startBackground` starts a long-lived one (n8n start)
 * that `stop()` ends. Output is captured (and, with `echo`, streamed with a prefix).
 */

const { spawn } = require('node:child_process');

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {number} timeoutMs          kill the process group after this long
 * @property {boolean} [echo]            stream stdout/stderr to this process's stderr
 * @property {string} [label]            prefix for echoed lines and messages
 * @property {boolean} [allowFailure]    resolve instead of reject on a non-zero exit
 * @property {string} [input]            written to stdin (stdin is closed either way)
 */

/**
 * @typedef {object} RunResult
 * @property {number | null} code
 * @property {string | null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} ms
 * @property {boolean} timedOut
 */

/** @param {number} pid @param {NodeJS.Signals} signal */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

/**
 * @param {string} label
 * @param {NodeJS.WritableStream} sink
 */
function linePrefixer(label, sink) {
	let partial = '';
	return {
		/** @param {Buffer | string} chunk */
		write(chunk) {
			const text = partial + chunk.toString();
			const lines = text.split('\n');
			partial = lines.pop() ?? '';
			for (const line of lines) sink.write(`  [${label}] ${line}\n`);
		},
		flush() {
			if (partial) sink.write(`  [${label}] ${partial}\n`);
			partial = '';
		},
	};
}

/**
 * Runs a command to completion (or until its time is up).
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
function run(command, args, options) {
	const label = options.label ?? command;
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['pipe', 'pipe', 'pipe'],
			detached: true, // own process group, so a timeout kills its children too
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		const echoOut = options.echo ? linePrefixer(label, process.stderr) : undefined;
		const echoErr = options.echo ? linePrefixer(label, process.stderr) : undefined;
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			echoOut?.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			echoErr?.write(chunk);
		});
		child.stdin.on('error', () => {});
		child.stdin.end(options.input ?? '');
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(/** @type {number} */ (child.pid), 'SIGTERM');
			setTimeout(() => killGroup(/** @type {number} */ (child.pid), 'SIGKILL'), 5000).unref();
		}, options.timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(new Error(`${label}: could not start ${command}: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			echoOut?.flush();
			echoErr?.flush();
			const result = { code, signal, stdout, stderr, ms: Date.now() - started, timedOut };
			if (timedOut) {
				const error = new Error(
					`${label}: timed out after ${Math.round(options.timeoutMs / 1000)} s (${command} ${args.join(' ')})\n${tail(stderr || stdout)}`,
				);
				Object.assign(error, { result });
				reject(error);
			} else if (code !== 0 && !options.allowFailure) {
				const error = new Error(
					`${label}: exit ${code ?? signal} (${command} ${args.join(' ')})\n${tail(stderr)}\n${tail(stdout)}`,
				);
				Object.assign(error, { result });
				reject(error);
			} else {
				resolve(result);
			}
		});
	});
}

/**
 * @typedef {object} Background
 * @property {number} pid               the process (and its group's) id
 * @property {(signal: NodeJS.Signals) => void} kill  signal the whole group now (e.g. SIGKILL: a crash)
 * @property {() => string} output      everything printed so far (stdout + stderr)
 * @property {() => boolean} exited
 * @property {() => Promise<void>} stop SIGTERM the group, SIGKILL after 10 s
 */

/**
 * Starts a long-lived process in its own group. It is killed when `stop()` is called, when
 * `maxMs` passes, or when this process exits.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, maxMs: number, label?: string, echo?: boolean }} options
 * @returns {Background}
 */
function startBackground(command, args, options) {
	const label = options.label ?? command;
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	let exited = false;
	const echo = options.echo ? linePrefixer(label, process.stderr) : undefined;
	/** @param {Buffer} chunk */
	const collect = (chunk) => {
		output += chunk;
		echo?.write(chunk);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	const closed = new Promise((resolve) => child.on('close', resolve));
	child.on('close', () => {
		exited = true;
		echo?.flush();
	});
	child.on('error', (error) => {
		output += `\n[could not start ${command}: ${error.message}]\n`;
		exited = true;
	});
	const pid = /** @type {number} */ (child.pid);
	const onExit = () => killGroup(pid, 'SIGKILL');
	process.on('exit', onExit);
	const limit = setTimeout(() => killGroup(pid, 'SIGTERM'), options.maxMs);
	limit.unref();
	return {
		pid,
		kill: (signal) => killGroup(pid, signal),
		output: () => output,
		exited: () => exited,
		async stop() {
			clearTimeout(limit);
			process.removeListener('exit', onExit);
			if (exited) return;
			killGroup(pid, 'SIGTERM');
			const force = setTimeout(() => killGroup(pid, 'SIGKILL'), 10000);
			await closed;
			clearTimeout(force);
		},
	};
}

/** @param {string} text @param {number} [lines] */
function tail(text, lines = 25) {
	const all = String(text || '').trimEnd().split('\n');
	return all.slice(-lines).join('\n');
}

module.exports = { run, startBackground, tail };
