/**
 * `GET /_smsim/events`: what changes in the simulator, as Server-Sent Events, for the dashboard
 * and for whoever wants to watch (`curl -N`). Each change of the engine (engine/changes.ts)
 * becomes one event whose data is the record exactly as the control API's reads show it
 * (control-views.ts): an `sms` event is one element of `GET /_smsim/messages`.
 *
 * One hub per control API serialises each change once and writes it to every stream; it
 * listens to the engine only while a stream is open, so that without one the engine builds
 * nothing. Streams are bounded in number and in what they may leave unread: a client that stops
 * reading is disconnected rather than kept in memory.
 *
 * @see docs/decisions/018-live-changes.md
 */
import type { Request, Response, Router } from 'express'
import { ControlError } from '../core/errors.ts'
import type { Change, ChangeFeed } from '../engine/changes.ts'
import type { RecordViews } from './control-views.ts'
import { EVENT_RETRY_MS, LIVE_LIMITS, type LiveLimits } from './live-limits.ts'

/**
 * The event streams of one control API.
 *
 * @example
 * const hub = new EventHub(sim.changes, views)
 * api.get('/events', (req, res) => hub.open(req, res))
 */
export class EventHub {
  readonly #changes: ChangeFeed
  readonly #views: RecordViews
  readonly #limits: Pick<LiveLimits, 'maxStreams' | 'keepAliveMs' | 'maxBufferedBytes'>
  readonly #streams = new Set<Response>()
  /** The id of the last event: one sequence for every stream, never restarted. */
  #lastId = 0
  /** Events written since the last flush, sent to every stream at once. */
  #pending: string[] = []
  #flushing = false
  #stopListening: (() => void) | undefined
  #keepAlive: NodeJS.Timeout | undefined

  constructor(changes: ChangeFeed, views: RecordViews, limits: Partial<LiveLimits> = {}) {
    this.#changes = changes
    this.#views = views
    this.#limits = { ...LIVE_LIMITS, ...limits }
  }

  /** Streams open now. */
  get size(): number {
    return this.#streams.size
  }

  /** Answers `GET /events`: the stream's head and `retry:`, then every change until it closes. */
  open(_req: Request, res: Response): void {
    if (this.#streams.size >= this.#limits.maxStreams)
      throw new ControlError(
        503,
        `${this.#limits.maxStreams} event streams are already open: close one (a dashboard tab) and try again`,
      )
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Proxies that buffer answers (nginx) would hold the events back.
      'x-accel-buffering': 'no',
    })
    res.write(`retry: ${EVENT_RETRY_MS}\n\n`)
    this.#streams.add(res)
    res.on('close', () => this.#remove(res))
    if (this.#streams.size === 1) this.#start()
  }

  /** Listens to the engine and starts the keep-alive comments: the first stream opened. */
  #start(): void {
    this.#stopListening = this.#changes.onAny((change) => this.#told(change))
    this.#keepAlive = setInterval(
      () => this.#writeAll(': keep-alive\n\n'),
      this.#limits.keepAliveMs,
    )
    this.#keepAlive.unref()
  }

  #remove(res: Response): void {
    if (!this.#streams.delete(res) || this.#streams.size > 0) return
    this.#stopListening?.()
    this.#stopListening = undefined
    clearInterval(this.#keepAlive)
    this.#pending = []
  }

  /**
   * Serialises a change now — the records it carries move on afterwards — and sends it with
   * the others of the same turn of the event loop: one write per stream for a burst of events.
   */
  #told(change: Change): void {
    const { event, data } = this.#shown(change)
    this.#pending.push(`id: ${++this.#lastId}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    if (this.#flushing) return
    this.#flushing = true
    setImmediate(() => {
      this.#flushing = false
      const text = this.#pending.join('')
      this.#pending = []
      // Encoded once for every stream, rather than by each write.
      if (text) this.#writeAll(Buffer.from(text))
    })
  }

  #shown(change: Change): { event: string; data: unknown } {
    const views = this.#views
    switch (change.kind) {
      case 'sms':
        return { event: 'sms', data: views.sms(change.data) }
      case 'mail':
        return { event: 'mail', data: views.mail(change.data) }
      case 'account':
        return { event: 'account', data: views.account(change.data) }
      case 'account-deleted': {
        const { provider, id } = change.data
        return { event: 'account-deleted', data: { provider, id: views.accountId(provider, id) } }
      }
      default:
        // journal (masked as stored), clock, state and reset are shown as they are told.
        return { event: change.kind, data: change.data }
    }
  }

  /** Writes to every stream; a stream that leaves more than its bound unread is cut off. */
  #writeAll(chunk: string | Buffer): void {
    for (const res of this.#streams) {
      res.write(chunk)
      if (res.writableLength > this.#limits.maxBufferedBytes) res.destroy()
    }
  }
}

/**
 * Mounts `GET /events` on the control API's router (behind its guards: Host, token).
 *
 * @example
 * mountEventRoutes(api, sim.changes, views, { keepAliveMs: 100 })
 */
export function mountEventRoutes(
  api: Router,
  changes: ChangeFeed,
  views: RecordViews,
  limits: Partial<LiveLimits> = {},
): EventHub {
  const hub = new EventHub(changes, views, limits)
  api.get('/events', (req, res) => hub.open(req, res))
  return hub
}
