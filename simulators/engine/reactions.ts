/**
 * What follows from a decision's effects once the store has applied them: the notification URLs
 * go to the callback queue, and the SMS events it caused (delivered, failed, expired) to their
 * provider's `onSmsEvent`, whose effects may cause more. The clock's ticks release what fell due
 * the same way. (The mails it sent reach the outbox listeners, the `--relay`, through the
 * engine's change feed: engine/observed-store.ts.)
 */
import type { Effect } from '../core/effects.ts'
import type { ProviderId } from '../core/model.ts'
import type { Provider } from '../core/provider.ts'
import type { SmsEvent, Store } from '../core/store.ts'
import type { Callbacks } from './callbacks.ts'

/** Reactions to SMS events may cause more events (a flash retry fails too); bound the chain. */
const MAX_REACTION_ROUNDS = 8

export class Reactions {
  readonly #store: Store
  readonly #providers: ReadonlyMap<ProviderId, Provider>
  readonly #callbacks: Callbacks

  constructor(store: Store, providers: ReadonlyMap<ProviderId, Provider>, callbacks: Callbacks) {
    this.#store = store
    this.#providers = providers
    this.#callbacks = callbacks
  }

  /** Applies effects and the providers' reactions to the SMS events they cause; returns SMS ids. */
  apply(effects: readonly Effect[], now: Date): string[] {
    const applied = this.#applyOnce(effects, now)
    this.#react(applied.events, now)
    return applied.sms.map((s) => s.id)
  }

  /** Releases whatever fell due at `now` (deferred SMS, late deliveries, expiries, retries). */
  tick(now: Date): void {
    this.#react(this.#store.release(now), now)
    this.#callbacks.run(now)
  }

  /** Applies effects, hands on their notifications, returns what happened. */
  #applyOnce(effects: readonly Effect[], now: Date): ReturnType<Store['apply']> {
    const applied = this.#store.apply(effects, now)
    this.#callbacks.enqueue(applied.callbacks, now)
    return applied
  }

  #react(events: SmsEvent[], now: Date): void {
    for (let round = 0; events.length > 0 && round < MAX_REACTION_ROUNDS; round++) {
      const next: SmsEvent[] = []
      for (const event of events) {
        const effects =
          this.#providers.get(event.sms.provider)?.onSmsEvent?.(event, this.#store, now) ?? []
        if (effects.length) next.push(...this.#applyOnce(effects, now).events)
      }
      events = next
    }
  }
}
