/**
 * Limits of the HTTP side (STYLE.md §14). The sizes are shared by the `node:http` server and the
 * msw handlers so that both refuse the same requests the same way; the timeouts and the
 * connection cap are the standalone server's, and tests lower them through `httpLimits`
 * (`HttpLimits` in http-server.ts).
 */

/**
 * Longest request target accepted (414 beyond), in bytes as the client sent them: a raw UTF-8
 * `é` counts two, not the six of the `%C3%A9` smsim reads it as. Old gateways cap GET URLs near
 * 8 KiB, and Apache's `LimitRequestLine` (in front of the real `http.php`) is 8,190 bytes.
 */
export const MAX_URL_BYTES = 8 * 1024

/**
 * Largest request head accepted (431 beyond), counted as Node counts it: the target and each
 * header's name and value, not the method, the version, the colons or the line ends; a head
 * whose count reaches this is refused. Node's own default (`http.maxHeaderSize`), set here so
 * that a `--max-http-header-size` flag cannot move it, and so that the requests smsim parses a
 * second time (raw bytes in the URL, see http-server.ts) are held to the same count.
 */
export const MAX_HEADER_BYTES = 16 * 1024

/** Largest request body accepted on a provider endpoint (413 beyond). */
export const MAX_BODY_BYTES = 256 * 1024

/**
 * A client that has not sent its whole request head this long after it began (or after it
 * connected) is answered 408 and closed. The head is a few hundred bytes; a client that takes
 * longer is stuck or hostile, and holds a connection meanwhile. Equal to
 * {@link REQUEST_TIMEOUT_MS}, the value smsim has always documented: named because Node's
 * own default (60 s) is longer.
 */
export const HEADERS_TIMEOUT_MS = 30_000

/**
 * A client that has not sent its whole request — head and body — this long after it began is
 * answered 408 and closed (no hung sockets). The largest body accepted ({@link MAX_BODY_BYTES})
 * needs 9 KB/s to arrive in time: any real client on any real link is faster.
 */
export const REQUEST_TIMEOUT_MS = 30_000

/**
 * How often the two timeouts above are checked. Node checks every 30 s by default, so a 30 s
 * timeout fired anywhere between 30 and 60 s after the request began (49–66 s were measured);
 * checking every second keeps the real cut-off within a second of the documented value. A
 * check walks only the connections with a request in progress.
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000

/**
 * How long a keep-alive connection may stay idle between two requests before the server closes
 * it; Node waits one more second before it does (its buffer against a client's request racing
 * the close). Node's and Apache's default: clients that reuse connections (undici, a pooled
 * agent) send their next request well within it, and an idle one gives its descriptor back.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000

/**
 * Most HTTP connections open at once (beyond, a new connection is closed as soon as it is
 * accepted, with no answer). Every connection is a file descriptor; when a process has none
 * left, it can accept nothing — HTTP and SMTP alike — and even a reset cannot be answered.
 * Node raises its descriptor limit to the hard limit at start-up; the lowest common hard limit
 * is 4,096 (older Linux distributions; systemd's is 524,288, Docker's about a million). 3,000
 * leaves over a thousand descriptors for the SMTP gateway (64 clients), the relay, callbacks
 * and files, and is still above what a test run opens: the control API's 1,000 lease waiters
 * and a burst of 1,000 parallel sends together.
 */
export const MAX_HTTP_CONNECTIONS = 3_000
