// Types for index.js, the programmatic API for scripts outside n8n. The protocol core and
// signRequestOptions come from declarations emitted by tsconfig.types.json into dist/types/;
// the credential class is typed as what it is to n8n, without shipping its own declaration
// (a .d.ts under dist/credentials/ fails n8n's package scanner: see tsconfig.types.json).
import type { ICredentialType } from 'n8n-workflow';

export * from './dist/types/protocol';
export { signRequestOptions } from './dist/types/signRequest';
export type { AuthenticatableRequest } from './dist/types/signRequest';

/** The `wdtApi` credential type n8n loads; its `authenticate` signs each request. */
export declare const WdtApi: new () => ICredentialType;
