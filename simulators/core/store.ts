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
   * A store on disk (sqlite-store.ts): resolves once every write made so far is durable, and
   * rejects if it cannot be (a full disk). The engine answers a request only after it. A store
   * in memory has none: its writes are done when they return.
   */
  durable?(): Promise<void>
  /**
   * A store on disk: why it cannot be written now (after trying again), or undefined. The
   * engine asks before deciding, so that a request is refused whole rather than decided in
   * memory only.
   */
  unwritable?(): Error | undefined
  /** A store on disk: where, and whether it can be written (the health answer shows it). */
  onDisk?(): OnDisk
  /**
   * What a durable store keeps beside the state for the engine and the server (the faults, the
   * clock), as JSON; a store in memory has none. `undefined` when never saved.
   */
  setting?(name: string): unknown
  saveSetting?(name: string, value: unknown): void
}

/** Where a store on disk keeps the state, and how it stands. */
export interface OnDisk {
  /** The data directory (`--data-dir`). */
  dir: string
  /** The database file in it. */
  file: string
  /** False while a commit fails (a full disk): requests are refused with 503 until it works. */
  writable: boolean
  /** Why it cannot be written. */
  error?: string
}
