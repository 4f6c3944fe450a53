// @ts-check
'use strict';

/**
 * Pack + sign throughput on one 2 000-entry stock_sync_list, against Node's raw md5 over the same
 * number of bytes (the packed string plus the secret): how much the packing itself costs.
 */
const { createHash } = require('node:crypto');
const { packParams, signParams } = require('..');

/** @param {() => void} fn @param {number} minMs @returns {number} operations per second */
function opsPerSecond(fn, minMs = 1500) {
	for (let i = 0; i < 20; i++) fn(); // warm up
	let runs = 0;
	const started = process.hrtime.bigint();
	let elapsed = 0;
	while (elapsed < minMs) {
		for (let i = 0; i < 20; i++) fn();
		runs += 20;
		elapsed = Number(process.hrtime.bigint() - started) / 1e6;
	}
	return (runs * 1000) / elapsed;
}

function benchSigning() {
	const entries = [];
	for (let i = 0; i < 2000; i++) {
		entries.push(`{"rec_id":"${2754327482516635662n + BigInt(i)}","sync_stock":${i % 500},"stock_change_count":${1000 + i}}`);
	}
	const params = { sid: 'bench-sid', appkey: 'bench-appkey', timestamp: '1795000000', stock_sync_list: `[${entries.join(',')}]` };
	const secret = 'bench-secret';
	const material = Buffer.from(packParams(params) + secret, 'utf8');
	const signOps = opsPerSecond(() => signParams(params, secret));
	const md5Ops = opsPerSecond(() => createHash('md5').update(material).digest('hex'));
	return {
		bytes: material.length,
		signPerSecond: signOps,
		md5PerSecond: md5Ops,
		signMBps: (signOps * material.length) / 1e6,
		md5MBps: (md5Ops * material.length) / 1e6,
		ratio: signOps / md5Ops,
	};
}

module.exports = { benchSigning };
