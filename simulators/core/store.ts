/**
 * The one state of the simulator behind one interface (principle 4): accounts and credit
 * ledger, number states, phones (SMS), outbox (mails), journal. Every method is synchronous and
 * completes before any other request is looked at, so each operation — and each provider
 * decision applied with {@link Store.apply} — is atomic: credits never go below zero and a
 * duplicate is refused exactly once, however many requests arrive together.
 */
import type { Effect } from './effects.ts'
import type { NewJournalEntry } from './journal-record.ts'

/** A URL to call, as a decision asked (the store only hands it on: calling is I/O). */
export type CallbackEffect = Extract<Effect, { kind: 'callback' }>
import type { NumberState } from './numbers.ts'
import type {
  Account,
  AccountInput,
  JournalEntry,
  LedgerEntry,
  Mail,
  ProviderId,
  Sms,
  SmsStatus,
} from './model.ts'

/** What a provider decision may read. */
export interface StateView {
  account(provider: ProviderId, id: string): Account | undefined
  listAccounts(provider?: ProviderId): Account[]
  numberState(e164: string): NumberState
  /** When the same text was last accepted for the same number on this account (ms), if ever. */
  lastSubmitted(provider: ProviderId, account: string, to: string, text: string): number | undefined
  hasMark(provider: ProviderId, account: string, key: string): boolean
  /** SMS, oldest first (ASPSMS looks its delivery reports up by TRN). */
  messages(filter?: SmsFilter): Sms[]
}

export interface SmsFilter {
  provider?: string
  account?: string
  to?: string
  status?: SmsStatus
}

export interface AccountPatch {
  secret?: string
  credits?: number
  options?: Record<string, unknown>
}

/** A status an SMS reached, for the providers that react to it (error mails, callbacks). */
export interface SmsEvent {
  sms: Sms
  status: SmsStatus
  at: string
}

export interface Store extends StateView {
  createAccount(input: AccountInput, now: Date): Account
  updateAccount(provider: ProviderId, id: string, patch: AccountPatch, now: Date): Account
  deleteAccount(provider: ProviderId, id: string): void
  listAccounts(provider?: ProviderId): Account[]
  /** Applies every effect of one decision; returns the SMS created and the events they raised. */
  apply(
    effects: readonly Effect[],
    now: Date,
  ): { sms: Sms[]; mails: Mail[]; events: SmsEvent[]; callbacks: CallbackEffect[] }
  /** Moves every SMS whose next status falls due at or before `now`. */
  release(now: Date): SmsEvent[]
  setNumber(e164: string, state: NumberState | undefined): void
  listNumbers(): { number: string; state: NumberState }[]
  /**
   * Records a request. The entry is bounded and its secrets masked before it is kept (see
   * journal-record.ts); the entry returned is the one kept.
   */
  addJournal(entry: NewJournalEntry): JournalEntry
  messages(filter?: SmsFilter): Sms[]
  mails(filter?: { to?: string; provider?: string }): Mail[]
  journal(filter?: { provider?: string; account?: string }): JournalEntry[]
  ledger(filter?: { provider?: string; account?: string }): LedgerEntry[]
  /** Empties everything. */
  reset(): void
  /**
   * Runs `fn`, making every write it does durable together when it returns (a store on disk:
   * sqlite-store.ts); a store in memory just runs it. The engine wraps one request in it: the
   * decision, its reactions and its journal entry are kept all together or not at all.
   */
  batch?<T>(fn: () => T): T
  /**
   * What a durable store keeps beside the state for the engine and the server (the faults, the
   * clock), as JSON; a store in memory has none. `undefined` when never saved.
   */
  setting?(name: string): unknown
  saveSetting?(name: string, value: unknown): void
}
