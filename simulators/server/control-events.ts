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
  readonly #limits: Pick<LiveLimits, 'maxStreams' | 'keepAliveMs' | 'maxBufferedBytes' | 'flushMs'>
  readonly #streams = new Set<Response>()
  /** The id of the last event: one sequence for every stream, never restarted. */
  #lastId = 0
  /** Events written since the last flush, sent to every stream at once. */
  /**
   * The events of the window, in the order of their ids. An account's event replaces the one
   * still waiting for the same account (moved to the end with its new id): a debit per send
   * would otherwise be most of the bytes, and a reader wants the credits after the window.
   */
  #pending = new Map<string, string>()
  #flushTimer: NodeJS.Timeout | undefined
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
    clearTimeout(this.#flushTimer)
    this.#flushTimer = undefined
    this.#pending.clear()
  }

  /**
   * Serialises a change now — the records it carries move on afterwards — and sends it with
   * the others of the same turn of the event loop: one write per stream for a burst of events.
   */
  #told(change: Change): void {
    const { event, data } = this.#shown(change)
    const id = ++this.#lastId
    const key =
      change.kind === 'account' ? `account ${change.data.provider} ${change.data.id}` : `#${id}`
    this.#pending.delete(key)
    this.#pending.set(key, `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    this.#flushTimer ??= setTimeout(() => this.#flush(), this.#limits.flushMs)
  }

  #flush(): void {
    this.#flushTimer = undefined
    const text = [...this.#pending.values()].join('')
    this.#pending.clear()
    // Encoded once for every stream, rather than by each write.
    if (text) this.#writeAll(Buffer.from(text))
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
