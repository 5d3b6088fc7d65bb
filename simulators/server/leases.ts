/**
 * Leases on the simulator's shared state, for runners that share one smsim. Most scenarios
 * only touch their own account and phones and may run side by side (a shared lease); a
 * scenario that moves what everyone shares — the clock, a provider's faults — must run alone
 * (an exclusive lease). The lock is here, in the simulator, rather than in each runner, because
 * two CI jobs pointed at one smsim know nothing of each other.
 *
 * A readers–writer lock with a first-come queue (a waiting exclusive lease is not overtaken by
 * later shared ones), and a time to live: a runner that dies holding a lease does not block the
 * simulator for good.
 */
import { randomUUID } from 'node:crypto'

export type LeaseMode = 'shared' | 'exclusive'

/**
 * The longest a lease may be asked for: a scenario of many steps at the runner's default
 * 10 s per step stays well under it, and a dead runner's lease ends within it.
 */
export const MAX_LEASE_TTL_MS = 15 * 60_000

/** Waiters at once: a bound on what runners can pile up (each is an open HTTP request). */
export const MAX_LEASE_WAITERS = 1000

interface Waiter {
  mode: LeaseMode
  ttlMs: number
  grant(id: string): void
}

export class LeaseTable {
  readonly #held = new Map<string, { mode: LeaseMode; timer: NodeJS.Timeout }>()
  readonly #queue: Waiter[] = []

  /**
   * Resolves with the lease's id once granted; rejects when `signal` aborts first (the runner
   * went away) or when too many are waiting.
   *
   * @example
   * const id = await leases.acquire('exclusive', 60_000)
   * // … move the clock …
   * leases.release(id)
   */
  acquire(mode: LeaseMode, ttlMs: number, signal?: AbortSignal): Promise<string> {
    if (this.#queue.length >= MAX_LEASE_WAITERS)
      return Promise.reject(new RangeError(`${MAX_LEASE_WAITERS} leases are already waiting`))
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { mode, ttlMs, grant: resolve }
      this.#queue.push(waiter)
      signal?.addEventListener('abort', () => {
        const at = this.#queue.indexOf(waiter)
        if (at < 0) return
        this.#queue.splice(at, 1)
        reject(signal.reason)
        this.#pump()
      })
      this.#pump()
    })
  }

  /** Ends a lease; false when it was not held (already released, or expired). */
  release(id: string): boolean {
    const lease = this.#held.get(id)
    if (!lease) return false
    clearTimeout(lease.timer)
    this.#held.delete(id)
    this.#pump()
    return true
  }

  /** What is held and waiting, for the control API and tests. */
  get state(): { shared: number; exclusive: number; waiting: number } {
    const modes = [...this.#held.values()].map((l) => l.mode)
    return {
      shared: modes.filter((m) => m === 'shared').length,
      exclusive: modes.filter((m) => m === 'exclusive').length,
      waiting: this.#queue.length,
    }
  }

  #pump(): void {
    while (this.#queue.length) {
      const head = this.#queue[0]!
      const { shared, exclusive } = this.state
      const free = head.mode === 'shared' ? exclusive === 0 : shared + exclusive === 0
      if (!free) return
      this.#queue.shift()
      const id = randomUUID()
      const timer = setTimeout(() => this.release(id), head.ttlMs)
      timer.unref()
      this.#held.set(id, { mode: head.mode, timer })
      head.grant(id)
    }
  }
}
