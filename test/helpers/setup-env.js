// @ts-check
'use strict';
// Running a workflow writes n8n's instance config under $N8N_USER_FOLDER/.n8n: keep it out of $HOME.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-wdt-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
