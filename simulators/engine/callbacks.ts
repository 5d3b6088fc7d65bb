/**
 * Calling the URLs clients give for delivery notifications (ASPSMS's
 * `URLDeliveryNotification`…): each call retried a bounded number of times on the simulator
 * clock, every attempt written to the journal. How a call is made is the `CallbackSender` the
 * engine is given: by default a real HTTP GET, only where server/callback-guard.ts allows
 * (server/callback-sender.ts); a refused notification is journalled with its reason and never
 * retried.
 */
import type { NewJournalEntry } from '../core/journal-record.ts'
import type { ProviderId } from '../core/model.ts'
import { SmsimError } from '../core/errors.ts'
import type { CallbackEffect } from '../core/store.ts'

/** When attempts 2, 3… are made after a failure, in simulator time (then it gives up). */
export const CALLBACK_RETRY_DELAYS_MS = [60_000, 5 * 60_000] as const
/** How long one attempt may take before it counts as failed (wall time: it is real I/O). */
export const CALLBACK_TIMEOUT_MS = 5_000

/**
 * Performs one GET; injectable so that tests and msw users can route it (an injected sender is
 * not checked by the guard: it decides where calls go). Throwing {@link CallbackRefusedError}
 * journals a refusal, not retried; any other throw is a failed attempt.
 */
export type CallbackSender = (url: string, signal: AbortSignal) => Promise<{ status: number }>

/**
 * A notification smsim will not make: the reason is journalled and the call is not retried.
 * Thrown by the guard; an injected `CallbackSender` may throw it too.
 *
 * @example
 * const sender: CallbackSender = async (url) => {
 *   if (!url.startsWith('http://app.test/')) throw new CallbackRefusedError('not our app')
 *   return { status: 200 }
 * }
 */
export class CallbackRefusedError extends SmsimError {
  constructor(reason: string) {
    super('SMSIM_CALLBACK_REFUSED', reason)
  }
}

interface Pending {
  callback: CallbackEffect
  attempt: number
  dueAt: number
}

/** The queue of callbacks; `run(now)` starts every attempt that fell due. */
export class Callbacks {
  #queue: Pending[] = []
  #inFlight = new Set<Promise<void>>()
  readonly #journal: (entry: NewJournalEntry, startedAt: number) => void
  readonly #send: CallbackSender
  readonly #now: () => Date

  /**
   * `journal` writes each attempt's entry (the engine's `addJournal`, which the log follows),
   * with the `performance.now()` the attempt started at.
   */
  constructor(
    journal: (entry: NewJournalEntry, startedAt: number) => void,
    now: () => Date,
    send: CallbackSender,
  ) {
    this.#journal = journal
    this.#now = now
    this.#send = send
  }

  enqueue(callbacks: readonly CallbackEffect[], now: Date): void {
    for (const callback of callbacks)
      this.#queue.push({ callback, attempt: 1, dueAt: now.getTime() })
    this.run(now)
  }

  /** Starts the attempts due at `now` (they complete in the background). */
  run(now: Date): void {
    const due = this.#queue.filter((p) => p.dueAt <= now.getTime())
    if (due.length === 0) return
    this.#queue = this.#queue.filter((p) => p.dueAt > now.getTime())
    for (const pending of due) {
      const attempt = this.#attempt(pending).finally(() => this.#inFlight.delete(attempt))
      this.#inFlight.add(attempt)
    }
  }

  /** Resolves when every attempt started so far has finished (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.#inFlight.size) await Promise.all([...this.#inFlight])
  }

  /** Callbacks waiting for a retry. */
  get waiting(): number {
    return this.#queue.length
  }

  clear(): void {
    this.#queue = []
  }

  async #attempt(pending: Pending): Promise<void> {
    const { callback, attempt } = pending
    const total = CALLBACK_RETRY_DELAYS_MS.length + 1
    let status: number | undefined
    let error: string | undefined
    let refused: string | undefined
    const startedAt = performance.now()
    try {
      status = (await this.#send(callback.url, AbortSignal.timeout(CALLBACK_TIMEOUT_MS))).status
    } catch (e) {
      if (e instanceof CallbackRefusedError) refused = e.message
      else error = (e as Error).message
    }
    const ok = status !== undefined && status >= 200 && status < 300
    const failure =
      error ?? `HTTP ${status}${status && status >= 300 && status < 400 ? ' (not followed)' : ''}`
    const now = this.#now()
    this.#journal(
      {
        at: now.toISOString(),
        provider: callback.provider as ProviderId,
        transport: 'callback',
        account: callback.account,
        request: {
          method: 'GET',
          url: callback.url,
          ...(callback.ref ? { ref: callback.ref } : {}),
        },
        ...(status !== undefined ? { status } : {}),
        note:
          refused !== undefined
            ? `refused: ${refused}`
            : `attempt ${attempt}/${total}${ok ? '' : `: ${failure}`}`,
      },
      startedAt,
    )
    const delay = CALLBACK_RETRY_DELAYS_MS[attempt - 1]
    if (!ok && refused === undefined && delay !== undefined)
      this.#queue.push({ callback, attempt: attempt + 1, dueAt: now.getTime() + delay })
  }
}
