/**
 * Size limits of the HTTP side, shared by the `node:http` server and the msw handlers so that
 * both refuse the same requests the same way.
 */

/** Longest request target accepted (414 beyond): old gateways cap GET URLs near 8 KiB. */
export const MAX_URL_BYTES = 8 * 1024
/** Largest request body accepted on a provider endpoint (413 beyond). */
export const MAX_BODY_BYTES = 256 * 1024
/** A client that sends its request slower than this is cut off (no hung sockets). */
export const REQUEST_TIMEOUT_MS = 30_000
