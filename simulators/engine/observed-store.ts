/**
 * The engine's store, telling its {@link ChangeFeed} what each write changed. Every write goes
 * through the engine's `store` — decisions, reactions, the control API, notification attempts,
 * the relay — so wrapping that one object tells every change, whoever made it, and leaves the
 * store itself (core/, no listeners) as it was. Reads go straight through.
 *
 * Each teller first asks {@link ChangeFeed.wants}: with nobody listening, a write costs one
 * extra call and one lookup (bench/README.md, "Live events").
 */
import type { Effect } from '../core/effects.ts'
import type { NewJournalEntry } from '../core/journal-record.ts'
import type { Account, AccountInput, JournalEntry, ProviderId, Sms } from '../core/model.ts'
import type { NumberState } from '../core/numbers.ts'
import type { AccountPatch, OnDisk, SmsEvent, SmsFilter, Store } from '../core/store.ts'
import type { ChangeFeed } from './changes.ts'

/**
 * @example
 * const store = new ObservedStore(new MemoryStore(), changes)
 * changes.on('account', (account) => console.log(account.credits))
 * store.updateAccount('smstob', 'a@b.fr', { credits: 3 }, now) // logs 3
 */
export class ObservedStore implements Store {
  /** The store written to: reads and writes go to it, changes are told from here. */
  readonly inner: Store
  readonly #changes: ChangeFeed

  /** Undefined for a store in memory, as the inner store's (core/store.ts). */
  readonly durable: (() => Promise<void>) | undefined
  readonly unwritable: (() => Error | undefined) | undefined
  readonly onDisk: (() => OnDisk) | undefined

  constructor(inner: Store, changes: ChangeFeed) {
    this.inner = inner
    this.#changes = changes
    this.durable = inner.durable?.bind(inner)
    this.unwritable = inner.unwritable?.bind(inner)
    this.onDisk = inner.onDisk?.bind(inner)
  }

  account(provider: ProviderId, id: string): Account | undefined {
    return this.inner.account(provider, id)
  }

  listAccounts(provider?: ProviderId): Account[] {
    return this.inner.listAccounts(provider)
  }

  numberState(e164: string): NumberState {
    return this.inner.numberState(e164)
  }

  lastSubmitted(
    provider: ProviderId,
    account: string,
    to: string,
    text: string,
  ): number | undefined {
    return this.inner.lastSubmitted(provider, account, to, text)
  }

  hasMark(provider: ProviderId, account: string, key: string): boolean {
    return this.inner.hasMark(provider, account, key)
  }

  messages(filter?: SmsFilter): Sms[] {
    return this.inner.messages(filter)
  }

  mails(filter?: { to?: string; provider?: string }): ReturnType<Store['mails']> {
    return this.inner.mails(filter)
  }

  journal(filter?: { provider?: string; account?: string }): JournalEntry[] {
    return this.inner.journal(filter)
  }

  ledger(filter?: { provider?: string; account?: string }): ReturnType<Store['ledger']> {
    return this.inner.ledger(filter)
  }

  listNumbers(): { number: string; state: NumberState }[] {
    return this.inner.listNumbers()
  }

  createAccount(input: AccountInput, now: Date): Account {
    const account = this.inner.createAccount(input, now)
    if (this.#changes.wants('account')) this.#changes.emit('account', account)
    return account
  }

  updateAccount(provider: ProviderId, id: string, patch: AccountPatch, now: Date): Account {
    const account = this.inner.updateAccount(provider, id, patch, now)
    if (this.#changes.wants('account')) this.#changes.emit('account', account)
    return account
  }

  deleteAccount(provider: ProviderId, id: string): void {
    // The id as the account was created (an SMStoB login is found in any case).
    const stored = this.#changes.wants('account-deleted')
      ? this.inner.account(provider, id)
      : undefined
    this.inner.deleteAccount(provider, id)
    if (stored) this.#changes.emit('account-deleted', { provider, id: stored.id })
  }

  apply(effects: readonly Effect[], now: Date): ReturnType<Store['apply']> {
    const applied = this.inner.apply(effects, now)
    const changes = this.#changes
    if (changes.wants('sms')) this.#smsChanged(applied.sms, applied.events)
    if (changes.wants('mail')) for (const mail of applied.mails) changes.emit('mail', mail)
    if (changes.wants('account')) this.#accountsChanged(effects)
    return applied
  }

  release(now: Date): SmsEvent[] {
    const events = this.inner.release(now)
    if (events.length > 0 && this.#changes.wants('sms')) this.#smsChanged([], events)
    return events
  }

  setNumber(e164: string, state: NumberState | undefined): void {
    this.inner.setNumber(e164, state)
    if (this.#changes.wants('state')) this.#changes.emit('state', { kind: 'numbers' })
  }

  addJournal(entry: NewJournalEntry): JournalEntry {
    const kept = this.inner.addJournal(entry)
    if (this.#changes.wants('journal')) this.#changes.emit('journal', kept)
    return kept
  }

  reset(): void {
    this.inner.reset()
    if (this.#changes.wants('reset')) this.#changes.emit('reset', {})
  }

  /** The accounts a decision debited or whose options it set, each told once. */
  #accountsChanged(effects: readonly Effect[]): void {
    let told: Set<Account> | undefined
    for (const effect of effects) {
      if (effect.kind !== 'debit' && effect.kind !== 'options') continue
      const account = this.inner.account(effect.provider, effect.account)
      if (!account || told?.has(account)) continue
      ;(told ??= new Set()).add(account)
      this.#changes.emit('account', account)
    }
  }

  /**
   * The SMS created and those that changed status, each told once, in its state now: an SMS
   * delivered at once is created and delivered in the same decision, and one event says both.
   */
  #smsChanged(created: readonly Sms[], events: readonly SmsEvent[]): void {
    if (created.length + events.length === 1) {
      return this.#changes.emit('sms', created[0] ?? events[0]!.sms)
    }
    const told = new Set<Sms>()
    for (const sms of created) if (!told.has(sms)) told.add(sms)
    for (const { sms } of events) if (!told.has(sms)) told.add(sms)
    for (const sms of told) this.#changes.emit('sms', sms)
  }
}
