'use strict';
// The programmatic API for scripts outside n8n (n8n itself loads the files named in the
// package's "n8n" field). Requires a build: `npm run build`.
const protocol = require('./dist/nodes/Wdt/protocol');
const { WdtApi } = require('./dist/credentials/WdtApi.credentials');
const { signRequestOptions } = require('./dist/nodes/Wdt/signRequest');

module.exports = {
	...protocol,
	WdtApi,
	signRequestOptions,
};
