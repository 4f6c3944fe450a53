// @ts-check
'use strict';

/**
 * Reading a contract fixture (test/contract/fixtures/<name>): JSON as published. In JavaScript,
 * as the package linter forbids Node built-ins in .ts files.
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * @param {string} name the file name, e.g. 'goods_query.sandbox-answer.json'
 * @returns {any}
 */
function fixture(name) {
	return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));
}

module.exports = { fixture };
