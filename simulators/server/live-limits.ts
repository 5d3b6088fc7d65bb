/**
 * Limits of what the control API keeps open (STYLE.md §14): the event stream
 * (`GET /_smsim/events`, control-events.ts) and the reads that wait (`?wait=`,
 * await-records.ts). Tests lower the first four through `startSmsim({ liveLimits })`.
 */

/**
 * Event streams open at once. Each is told every change, so each adds to the cost of every SMS
 * sent (bench/README.md, "Live events": 20 streams); a dashboard opens one per tab.
 */
export const MAX_EVENT_STREAMS = 100

/**
 * How often a stream gets a `: keep-alive` comment. Proxies and load balancers close a
 * connection idle for 30 to 60 s (nginx's `proxy_read_timeout` is 60 s); a comment every 15 s
 * keeps the stream under all of them, and a write to a client that vanished fails within it.
 */
export const EVENT_KEEP_ALIVE_MS = 15_000

/**
 * What a stream may leave unread, in bytes (what its socket buffers and what Node holds for
 * it). A reading client drains a burst of thousands of events in milliseconds; one that stops
 * reading is disconnected at this point rather than holding memory: 100 MiB at most for
 * {@link MAX_EVENT_STREAMS} streams.
 */
export const MAX_EVENT_STREAM_BUFFER_BYTES = 1024 * 1024

/**
 * How long events wait to be sent together: every stream gets the changes of a window in one
 * write. Per event-loop turn (the first design) 20 streams cost the accepted send a quarter of its
 * throughput under load — the writes, not the bytes; per 100 ms, 20 streams cost 20 writes per
 * window whatever the send rate (bench/README.md, "Live events"). A dashboard still shows an SMS
 * well within the second.
 */
export const EVENT_FLUSH_MS = 100

/** The reconnection delay a browser's EventSource is told (`retry:`): soon, not in a loop. */
export const EVENT_RETRY_MS = 2_000

/**
 * Reads waiting at once (`?wait=`). Each is an open request and a listener called on every SMS
 * or mail: a bound on what clients can pile up and on what each change costs. A test suite
 * waits for a handful at a time; a thousand covers many runners sharing one smsim.
 */
export const MAX_RECORD_WAITERS = 1_000

/**
 * The longest `wait` a read may ask for. A test waits seconds for an SMS its application sends;
 * a minute covers a slow CI machine and stays under the idle timeouts of the proxies in front
 * of a shared smsim (nginx's 60 s `proxy_read_timeout`). A client that needs longer asks again.
 */
export const MAX_WAIT_MS = 60_000

/** The bounds tests lower to reach them. */
export interface LiveLimits {
  /** {@link MAX_EVENT_STREAMS} */
  maxStreams: number
  /** {@link EVENT_KEEP_ALIVE_MS} */
  keepAliveMs: number
  /** {@link MAX_EVENT_STREAM_BUFFER_BYTES} */
  maxBufferedBytes: number
  /** {@link MAX_RECORD_WAITERS} */
  maxWaiters: number
  /** {@link EVENT_FLUSH_MS} */
  flushMs: number
}

export const LIVE_LIMITS: Readonly<LiveLimits> = Object.freeze({
  maxStreams: MAX_EVENT_STREAMS,
  keepAliveMs: EVENT_KEEP_ALIVE_MS,
  maxBufferedBytes: MAX_EVENT_STREAM_BUFFER_BYTES,
  maxWaiters: MAX_RECORD_WAITERS,
  flushMs: EVENT_FLUSH_MS,
})
