/**
 * What changed in the simulator, as it happens: an SMS created or moved on, a mail in the outbox,
 * a journal entry, the clock, an account, the number states or the faults, a reset. The event
 * stream of the control API (`GET /_smsim/events`), the waits of `/messages?wait=` and the
 * outbox relay listen here; the store and the engine tell (engine/observed-store.ts).
 *
 * Listeners are called synchronously, inside the decision that made the change: they must only
 * look, copy or queue work, never change the state. One that throws is logged and the others
 * still run; the decision goes on as if nobody listened. With no listener for a kind, the
 * tellers build nothing for it ({@link ChangeFeed.wants}): the hot path pays one lookup.
 */
import type { Clock } from '../core/clock.ts'
import type { Account, JournalEntry, Mail, ProviderId, Sms } from '../core/model.ts'

/** Each kind of change and what its listeners are given. */
export interface ChangeMap {
  /**
   * An SMS was created or changed status (delivered, buffered, failed, expired, or released
   * when the clock reached its deferred time): the live record, which moves on afterwards.
   * Once per SMS per decision or clock move, in its state after it (its `history` lists every
   * status it went through).
   */
  sms: Sms
  /** A mail a provider sent back, as it lands in the outbox (credentials it quotes included). */
  mail: Mail
  /** A journal entry, as kept (bounded, secrets masked). */
  journal: JournalEntry
  /** The clock was set or moved (not its running on in real time). */
  clock: ReturnType<Clock['toJSON']>
  /** An account was created or changed: credits (a debit included), secret, options. */
  account: Account
  'account-deleted': { provider: ProviderId; id: string }
  /** Number states or a provider's faults changed (set, cleared, or a counted fault taken). */
  state: { kind: 'numbers' | 'faults' }
  /** Everything was emptied (`POST /_smsim/reset`); the configured accounts come back after. */
  reset: Record<string, never>
}

export type ChangeKind = keyof ChangeMap

/** One change, as {@link ChangeFeed.onAny} listeners get it. */
export type Change = { [K in ChangeKind]: { kind: K; data: ChangeMap[K] } }[ChangeKind]

type Listener<K extends ChangeKind> = (data: ChangeMap[K]) => void

/**
 * @example
 * const stop = sim.changes.on('sms', (sms) => console.log(sms.id, sms.status))
 * // … later
 * stop()
 */
export class ChangeFeed {
  readonly #byKind = new Map<ChangeKind, Set<Listener<never>>>()
  readonly #any = new Set<(change: Change) => void>()
  readonly #logger: Pick<Console, 'error'>

  constructor(logger: Pick<Console, 'error'> = console) {
    this.#logger = logger
  }

  /** Calls `listener` with each change of `kind`; returns a function that removes it. */
  on<K extends ChangeKind>(kind: K, listener: Listener<K>): () => void {
    let listeners = this.#byKind.get(kind)
    if (!listeners) this.#byKind.set(kind, (listeners = new Set()))
    // A listener of one kind is kept among listeners of every kind's type: the map is keyed.
    const kept = listener as Listener<never>
    listeners.add(kept)
    return () => void listeners.delete(kept)
  }

  /** Calls `listener` with every change, of every kind; returns a function that removes it. */
  onAny(listener: (change: Change) => void): () => void {
    this.#any.add(listener)
    return () => void this.#any.delete(listener)
  }

  /** Whether anyone listens to `kind`: tellers build nothing when nobody does. */
  wants(kind: ChangeKind): boolean {
    return this.#any.size > 0 || (this.#byKind.get(kind)?.size ?? 0) > 0
  }

  /** How many listeners there are, of every kind (a test checks that none is left behind). */
  get size(): number {
    let size = this.#any.size
    for (const listeners of this.#byKind.values()) size += listeners.size
    return size
  }

  /** Tells the listeners of `kind`, then those of every kind; a listener that throws is logged. */
  emit<K extends ChangeKind>(kind: K, data: ChangeMap[K]): void {
    const listeners = this.#byKind.get(kind)
    if (listeners)
      for (const listener of listeners) this.#call(kind, () => (listener as Listener<K>)(data))
    if (this.#any.size === 0) return
    const change = { kind, data } as Change
    for (const listener of this.#any) this.#call(kind, () => listener(change))
  }

  #call(kind: ChangeKind, call: () => void): void {
    try {
      call()
    } catch (error) {
      this.#logger.error(`smsim: a listener of "${kind}" changes failed:`, error)
    }
  }
}
