/**
 * The WDT openapi2 protocol, free of n8n: signing, request building, response reading and
 * the error catalogue. Scripts can use it through the package root (`require('n8n-nodes-wdt')`).
 */
export { codePointLength, packParams, signParams } from './sign';
export type { WdtEnvironment } from './gateway';
export { GATEWAYS, endpointUrl, gatewayUrl, normaliseGatewayUrl } from './gateway';
export type { WdtParamValue } from './wire';
export { decodeForm, encodeForm, toWireParams, toWireValue } from './wire';
export type { WdtCredentials } from './credentials';
export { credentialsGateway, readCredentials } from './credentials';
export type { Clock } from './request';
export { SYSTEM_PARAMS, buildSignedParams, systemClock } from './request';
export { parseJsonLossless, quoteUnsafeIntegers } from './lossless-json';
export type { WdtResponseBody } from './response';
export { WdtProtocolError, readWdtResponse } from './response';
export type { WdtErrorInfo, WdtErrorKind } from './errors';
export { WdtApiError, describeWdtError, gatewayTimeInMessage } from './errors';
