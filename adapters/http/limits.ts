/**
 * What the HTTP server accepts from anyone, before any signature or token is checked. Slack sends
 * a command, a click or a modal's values, and Teams an activity: a few KB, far below the body
 * limit. Bodies are refused from their Content-Length before anything is read, and counted while
 * read when no length is given.
 */
export const MAX_BODY_BYTES = 256 * 1024;
/** Time for a client to send its request headers. */
export const HEADERS_TIMEOUT_MS = 10_000;
/** Time for a client to send its whole request (a slow body is cut off after this). */
export const REQUEST_TIMEOUT_MS = 15_000;
/** How often Node checks those two timeouts (its default, 30 s, would let them run over by as much). */
export const TIMEOUT_CHECK_MS = 1_000;
/** Open connections at most; beyond it new ones are closed at once. */
export const MAX_CONNECTIONS = 512;
