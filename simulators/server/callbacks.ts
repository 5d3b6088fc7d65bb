/**
 * Calling the URLs clients give for delivery notifications (ASPSMS's
 * `URLDeliveryNotification`…): a real HTTP GET, retried a bounded number of times on the
 * simulator clock, every attempt written to the journal. Nothing else in smsim calls out.
 */
import type { ProviderId } from '../core/model.ts'
import type { CallbackEffect, Store } from '../core/store.ts'

/** When attempts 2, 3… are made after a failure, in simulator time (then it gives up). */
export const CALLBACK_RETRY_DELAYS_MS = [60_000, 5 * 60_000] as const
/** How long one attempt may take before it counts as failed (wall time: it is real I/O). */
export const CALLBACK_TIMEOUT_MS = 5_000

/** Performs one GET; injectable so that tests and msw users can route it. */
export type CallbackSender = (url: string, signal: AbortSignal) => Promise<{ status: number }>

const fetchSender: CallbackSender = async (url, signal) => {
  const response = await fetch(url, { method: 'GET', signal, redirect: 'manual' })
  await response.body?.cancel()
  return { status: response.status }
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
  readonly #store: Store
  readonly #send: CallbackSender
  readonly #now: () => Date

  constructor(store: Store, now: () => Date, send: CallbackSender = fetchSender) {
    this.#store = store
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
    try {
      status = (await this.#send(callback.url, AbortSignal.timeout(CALLBACK_TIMEOUT_MS))).status
    } catch (e) {
      error = (e as Error).message
    }
    const ok = status !== undefined && status >= 200 && status < 300
    const now = this.#now()
    this.#store.addJournal({
      at: now.toISOString(),
      provider: callback.provider as ProviderId,
      transport: 'callback',
      account: callback.account,
      request: { method: 'GET', url: callback.url, ...(callback.ref ? { ref: callback.ref } : {}) },
      ...(status !== undefined ? { status } : {}),
      note: `attempt ${attempt}/${total}${ok ? '' : `: ${error ?? `HTTP ${status}`}`}`,
    })
    const delay = CALLBACK_RETRY_DELAYS_MS[attempt - 1]
    if (!ok && delay !== undefined)
      this.#queue.push({ callback, attempt: attempt + 1, dueAt: now.getTime() + delay })
  }
}
