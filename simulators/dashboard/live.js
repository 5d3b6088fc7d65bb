// @ts-check
/**
 * Live updates: the Server-Sent Events of `GET /_smsim/events`, read with `fetch` and a stream
 * reader rather than `EventSource`, which cannot send the control token's Authorization header
 * (ADR 010). A smsim without that route (404) is polled instead, once a second.
 *
 * The events (each `data` is JSON): `sms`, `mail`, `journal` (one element of the list the
 * control API serves), `clock`, `account`, `account-deleted` ({provider, id}), `state`
 * ({kind: 'numbers' | 'faults'}) and `reset` ({}).
 */
import { askToken, authHeaders } from './api.js'

/** How often a smsim without the event stream is asked again (ms). */
export const POLL_INTERVAL_MS = 1000

/** How long to wait before connecting again after the stream broke, unless it said (`retry:`). */
const RECONNECT_MS = 1000

/**
 * @typedef {'connecting' | 'events' | 'polling' | 'reconnecting'} LiveMode
 * @typedef {{
 *   onEvent(type: string, data: any): void,
 *   onPoll(): Promise<void>,
 *   onResync(): void,
 *   onMode(mode: LiveMode): void,
 * }} LiveHandlers
 */

/**
 * Starts following smsim. `onResync` runs each time the stream opens, since events may have been
 * missed before (the first view was read before the stream opened); `onPoll` runs once a second when there is no stream.
 *
 * @param {LiveHandlers} handlers
 * @returns {() => void} stops
 */
export function startLive(handlers) {
  let stopped = false
  /** @type {AbortController | undefined} */
  let controller
  /** @type {string | undefined} */
  let lastId
  let retryMs = RECONNECT_MS

  const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms))

  async function poll() {
    handlers.onMode('polling')
    while (!stopped) {
      await sleep(POLL_INTERVAL_MS)
      if (!stopped) await handlers.onPoll().catch(() => undefined)
    }
  }

  async function follow() {
    handlers.onMode('connecting')
    while (!stopped) {
      controller = new AbortController()
      try {
        const response = await fetch('/_smsim/events', {
          headers: {
            accept: 'text/event-stream',
            ...authHeaders(),
            ...(lastId !== undefined ? { 'last-event-id': lastId } : {}),
          },
          cache: 'no-store',
          signal: controller.signal,
        })
        if (response.status === 404) return poll()
        if (response.status === 401) {
          if (await askToken()) continue
          return poll()
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`)
        handlers.onMode('events')
        handlers.onResync()
        await readEvents(response.body, (event) => {
          if (event.id !== undefined) lastId = event.id
          if (event.retry !== undefined) retryMs = event.retry
          if (event.data === '') return
          let data
          try {
            data = JSON.parse(event.data)
          } catch {
            return
          }
          handlers.onEvent(event.type, data)
        })
      } catch {
        if (stopped) return
      }
      if (stopped) return
      handlers.onMode('reconnecting')
      await sleep(retryMs)
    }
  }

  void follow()
  return () => {
    stopped = true
    controller?.abort()
  }
}

/**
 * @typedef {{ type: string, data: string, id?: string, retry?: number }} StreamEvent
 */

/**
 * Reads an event stream as the HTML standard says (§9.2.6 "Interpreting an event stream"):
 * lines end with CR, LF or CRLF; `field: value`; a blank line dispatches; a line starting with
 * `:` is a comment (the keep-alives).
 *
 * @param {ReadableStream<Uint8Array>} body
 * @param {(event: StreamEvent) => void} dispatch
 */
export async function readEvents(body, dispatch) {
  const reader = body
    .pipeThrough(/** @type {TransformStream<Uint8Array, string>} */ (new TextDecoderStream()))
    .getReader()
  let buffer = ''
  let type = ''
  /** @type {string[]} */
  let data = []
  /** @type {string | undefined} */
  let id
  /** @type {number | undefined} */
  let retry
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += value
    // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
    const lines = buffer.split(/\r\n|\r(?!$)|\n/)
    buffer = lines.pop() ?? ''
    for (const line of lines) {
      if (line === '') {
        if (data.length)
          dispatch({
            type: type || 'message',
            data: data.join('\n'),
            ...(id !== undefined ? { id } : {}),
            ...(retry !== undefined ? { retry } : {}),
          })
        type = ''
        data = []
        retry = undefined
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const name = colon < 0 ? line : line.slice(0, colon)
      let text = colon < 0 ? '' : line.slice(colon + 1)
      if (text.startsWith(' ')) text = text.slice(1)
      if (name === 'event') type = text
      else if (name === 'data') data.push(text)
      else if (name === 'id' && !text.includes('\0')) id = text
      else if (name === 'retry' && /^\d+$/.test(text)) retry = Number(text)
    }
  }
}
