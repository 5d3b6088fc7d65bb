/**
 * A phone-side web server for the scenarios: providers that call back (ASPSMS's delivery
 * notifications) need a URL that answers. The runner starts one receiver per run, on
 * 127.0.0.1, when a scenario uses the `callbacks` verb; each scenario gets its own path
 * (`${callbackUrl}`), so scenarios running side by side see only their own calls.
 *
 * @note Only a target on this machine (or one that can reach it) can call 127.0.0.1; a real
 * provider cannot, so the scenarios that wait for callbacks are not `free`.
 */
import { EventEmitter, once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Calls kept per run: far more than any suite makes, small enough to bound a runaway target. */
export const MAX_CALLBACKS_KEPT = 10_000

/** Where a path segment says the receiver should fail: `${callbackUrl}/fail/…` answers 500. */
const FAIL_SEGMENT = '/fail/'

/** One call the receiver got. */
export interface ReceivedCallback {
  method: string
  /** The path under the scenario's `${callbackUrl}`, with its query, e.g. `/delivered?id=4242`. */
  path: string
  /** The status the receiver answered (500 under `/fail/`, else 200). */
  answered: number
}

export class CallbackReceiver {
  readonly #server: Server
  readonly #calls = new Map<string, ReceivedCallback[]>()
  readonly #events = new EventEmitter()
  #kept = 0
  /** `http://127.0.0.1:PORT`. */
  readonly url: string

  private constructor(server: Server) {
    this.#server = server
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    this.#events.setMaxListeners(0)
    server.on('request', (req, res) => {
      const [, key, ...rest] = (req.url ?? '/').split('/')
      const path = `/${rest.join('/')}`
      const answered = path.startsWith(FAIL_SEGMENT) ? 500 : 200
      if (key && this.#kept < MAX_CALLBACKS_KEPT) {
        this.#kept++
        const list = this.#calls.get(key) ?? []
        list.push({ method: req.method ?? 'GET', path, answered })
        this.#calls.set(key, list)
        this.#events.emit(key)
      }
      req.resume()
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'OK' : '')
    })
  }

  /** Starts a receiver on a free port of 127.0.0.1. */
  static async start(): Promise<CallbackReceiver> {
    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    return new CallbackReceiver(server)
  }

  /** The URL a scenario's callbacks go under. */
  urlFor(key: string): string {
    return `${this.url}/${encodeURIComponent(key)}`
  }

  /**
   * The calls made under `key`, once there are at least `count` of them (at once when there
   * already are); rejects when `signal` aborts first. Waits on the calls themselves, never on
   * a timer.
   */
  async waitFor(key: string, count: number, signal: AbortSignal): Promise<ReceivedCallback[]> {
    for (;;) {
      const calls = this.#calls.get(key) ?? []
      if (calls.length >= count) return [...calls]
      await once(this.#events, key, { signal })
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => resolve())
      this.#server.closeAllConnections()
    })
  }
}
