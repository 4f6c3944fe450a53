#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run mutation [-- <stryker options>]`: Stryker (stryker.config.mjs), then the per-folder
 * thresholds (scripts/mutation-score.js). Options go to Stryker, e.g. a subset:
 *   npm run mutation -- --mutate 'nodes/Wdt/protocol/**\/*.ts'
 * or MUTATE='nodes/Wdt/protocol/**\/*.ts,nodes/Wdt/transport/retry.ts' npm run mutation (comma-separated globs).
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const stryker = path.join(path.dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const args = ['run', ...process.argv.slice(2)];
if (process.env.MUTATE && !args.includes('--mutate') && !args.includes('-m')) args.push('--mutate', process.env.MUTATE);

const run = spawnSync(process.execPath, [stryker, ...args], { cwd: root, stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
const check = spawnSync(process.execPath, [path.join(__dirname, 'mutation-score.js')], { cwd: root, stdio: 'inherit' });
process.exit(check.status ?? 1);
