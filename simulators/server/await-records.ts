/**
 * The waits of `GET /_smsim/messages?wait=` and `GET /_smsim/mails?wait=`: a read that finds
 * nothing yet stays open until a record it selects arrives, or until its deadline. No polling:
 * the wait listens to the engine's changes (engine/changes.ts) and looks again only when a
 * record it would select is created or changes; its timer and its listener go as soon as it
 * ends — answered, timed out, or its client gone.
 */
import { ControlError } from '../core/errors.ts'
import type { ChangeFeed, ChangeMap } from '../engine/changes.ts'
import { MAX_RECORD_WAITERS } from './live-limits.ts'

export type WaitOutcome = 'ready' | 'timeout' | 'gone'

/** One read's wait: for which records, until when, and while its client is there. */
export interface WaitRequest<K extends 'sms' | 'mail'> {
  kind: K
  /** Whether a record the feed tells of is one the read selects (then {@link ready} is asked). */
  relevant(record: ChangeMap[K]): boolean
  /** Whether the read now has something to answer. */
  ready(): boolean
  /** How long to wait, in real time (the simulator's clock may be frozen). */
  ms: number
  /** Aborted when the client goes away. */
  gone: AbortSignal
}

/** The reads waiting on one simulator. */
export class RecordWaiters {
  readonly #changes: ChangeFeed
  readonly #maxWaiters: number
  #waiting = 0

  /** @param maxWaiters {@link MAX_RECORD_WAITERS}, lowered by tests. */
  constructor(changes: ChangeFeed, maxWaiters = MAX_RECORD_WAITERS) {
    this.#changes = changes
    this.#maxWaiters = maxWaiters
  }

  /** Reads waiting now. */
  get size(): number {
    return this.#waiting
  }

  /**
   * Resolves `ready` once a relevant record arrived and `ready()` holds, `timeout` at the
   * deadline, `gone` when the client left first; throws ControlError(503) beyond
   * the bound of waiters ({@link MAX_RECORD_WAITERS}).
   *
   * @example
   * const outcome = await waiters.wait({ kind: 'sms', relevant: query.accepts, ready: () => query.select().length > 0, ms: 5000, gone })
   */
  wait<K extends 'sms' | 'mail'>(request: WaitRequest<K>): Promise<WaitOutcome> {
    if (this.#waiting >= this.#maxWaiters)
      throw new ControlError(
        503,
        `${this.#maxWaiters} reads are already waiting: try again when some have answered`,
      )
    const { kind, ms, gone } = request
    if (gone.aborted) return Promise.resolve('gone')
    this.#waiting++
    return new Promise((resolve) => {
      let looking = false
      let ended = false
      const end = (outcome: WaitOutcome) => {
        if (ended) return
        ended = true
        clearTimeout(timer)
        stopListening()
        gone.removeEventListener('abort', onGone)
        this.#waiting--
        resolve(outcome)
      }
      const onGone = () => end('gone')
      const timer = setTimeout(() => end('timeout'), ms)
      // Listeners run inside the decision that made the change: look once it is over (its
      // journal entry written), and once however many records it made.
      const stopListening = this.#changes.on(kind, (record) => {
        if (looking || !request.relevant(record)) return
        looking = true
        queueMicrotask(() => {
          looking = false
          if (ended) return
          // A read that fails is answered now: the route reads again and reports the failure.
          let answer: boolean
          try {
            answer = request.ready()
          } catch {
            answer = true
          }
          if (answer) end('ready')
        })
      })
      gone.addEventListener('abort', onGone, { once: true })
    })
  }
}
