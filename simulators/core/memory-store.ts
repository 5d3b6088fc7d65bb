/**
 * The in-memory {@link Store}: the default, and what tests and msw use.
 */
import { isoInstant } from './clock.ts'
import { ControlError } from './errors.ts'
import { routeSms, type Transition } from './delivery.ts'
import type { Effect } from './effects.ts'
import { numberStateOf, type NumberState } from './numbers.ts'
import type {
  Account,
  AccountInput,
  JournalEntry,
  LedgerEntry,
  Mail,
  NewSms,
  ProviderId,
  Sms,
} from './model.ts'
import type { AccountPatch, CallbackEffect, SmsEvent, SmsFilter, Store } from './store.ts'

/**
 * Most records kept of each kind (SMS, mails, journal entries, ledger entries). A simulator
 * left running under a load test must not grow without bound; past the limit the oldest
 * records are dropped (SMS still pending delivery are kept).
 */
export const MAX_RECORDS = 200_000
/** How many of the oldest records go when a list is full. */
const TRIM_RECORDS = MAX_RECORDS / 10

/**
 * Bounds the duplicate index and the marks like the record lists: past MAX_RECORDS keys the
 * oldest tenth is forgotten (a duplicate older than 200,000 sends is no longer refused).
 */
function pruneOldest(keys: Map<string, unknown> | Set<string>): void {
  if (keys.size <= MAX_RECORDS) return
  let drop = keys.size - MAX_RECORDS + TRIM_RECORDS
  for (const key of keys.keys()) {
    if (drop-- <= 0) break
    keys.delete(key)
  }
}

export interface MemoryStoreOptions {
  /** Maps an account id to its key; e-mail logins are compared without case. */
  normalizeId?: (provider: ProviderId, id: string) => string
  /** Generates record ids; injectable so tests see stable ids. */
  nextId?: (kind: 'sms' | 'mail') => string
}

/** @example const store = new MemoryStore(); store.createAccount({ provider: 'smstob', id: 'a@b.fr' }, now) */
export class MemoryStore implements Store {
  #accounts = new Map<string, Account>()
  #numbers = new Map<string, NumberState>()
  #sms: Sms[] = []
  #smsById = new Map<string, Sms>()
  #pending = new Map<string, Transition[]>()
  #lastSubmitted = new Map<string, number>()
  #marks = new Set<string>()
  #mails: Mail[] = []
  #journal: JournalEntry[] = []
  #ledger: LedgerEntry[] = []
  #seq = 0
  #counters = { sms: 0, mail: 0 }
  readonly #normalizeId: (provider: ProviderId, id: string) => string
  readonly #nextId: (kind: 'sms' | 'mail') => string

  constructor(options: MemoryStoreOptions = {}) {
    this.#normalizeId = options.normalizeId ?? ((_p, id) => id)
    this.#nextId =
      options.nextId ?? ((kind) => `${kind}-${String(++this.#counters[kind]).padStart(6, '0')}`)
  }

  #key(provider: ProviderId, id: string): string {
    return `${provider}:${this.#normalizeId(provider, id)}`
  }

  account(provider: ProviderId, id: string): Account | undefined {
    return this.#accounts.get(this.#key(provider, id))
  }

  numberState(e164: string): NumberState {
    return numberStateOf(e164, this.#numbers)
  }

  lastSubmitted(
    provider: ProviderId,
    account: string,
    to: string,
    text: string,
  ): number | undefined {
    return this.#lastSubmitted.get(`${this.#key(provider, account)}\0${to}\0${text}`)
  }

  hasMark(provider: ProviderId, account: string, key: string): boolean {
    return this.#marks.has(`${this.#key(provider, account)}\0${key}`)
  }

  createAccount(input: AccountInput, now: Date): Account {
    const key = this.#key(input.provider, input.id)
    if (this.#accounts.has(key))
      throw new ControlError(409, `account ${input.provider}/${input.id} already exists`)
    const account: Account = {
      provider: input.provider,
      id: input.id,
      secret: input.secret ?? '',
      credits: input.credits ?? 0,
      options: structuredClone(input.options ?? {}),
      createdAt: now.toISOString(),
    }
    this.#accounts.set(key, account)
    if (account.credits !== 0) this.#record(account, account.credits, 'account created', now)
    return account
  }

  updateAccount(provider: ProviderId, id: string, patch: AccountPatch, now: Date): Account {
    const account = this.#mustGet(provider, id)
    if (patch.secret !== undefined) account.secret = patch.secret
    if (patch.options !== undefined)
      account.options = { ...account.options, ...structuredClone(patch.options) }
    if (patch.credits !== undefined && patch.credits !== account.credits) {
      const delta = patch.credits - account.credits
      account.credits = patch.credits
      this.#record(account, delta, 'set through the control API', now)
    }
    return account
  }

  deleteAccount(provider: ProviderId, id: string): void {
    this.#mustGet(provider, id)
    this.#accounts.delete(this.#key(provider, id))
  }

  listAccounts(provider?: ProviderId): Account[] {
    return [...this.#accounts.values()].filter((a) => !provider || a.provider === provider)
  }

  apply(
    effects: readonly Effect[],
    now: Date,
  ): { sms: Sms[]; mails: Mail[]; events: SmsEvent[]; callbacks: CallbackEffect[] } {
    // Check every debit before changing anything: a decision is applied whole or not at all.
    const debits = new Map<Account, number>()
    for (const effect of effects) {
      if (effect.kind !== 'debit') continue
      const account = this.#mustGet(effect.provider, effect.account)
      debits.set(account, (debits.get(account) ?? 0) + effect.amount)
    }
    for (const [account, amount] of debits) {
      if (amount > account.credits + 1e-9) {
        throw new Error(
          `decision debits ${amount} from ${account.provider}/${account.id}, which has ${account.credits}`,
        )
      }
    }
    const out = {
      sms: [] as Sms[],
      mails: [] as Mail[],
      events: [] as SmsEvent[],
      callbacks: [] as CallbackEffect[],
    }
    for (const effect of effects) {
      switch (effect.kind) {
        case 'debit': {
          const account = this.#mustGet(effect.provider, effect.account)
          account.credits = roundCredits(account.credits - effect.amount)
          this.#record(account, -effect.amount, effect.reason, now)
          break
        }
        case 'sms':
          out.sms.push(this.#addSms(effect.sms, now, out.events))
          break
        case 'mail': {
          const mail: Mail = { ...effect.mail, id: this.#nextId('mail'), date: isoInstant(now) }
          this.#push(this.#mails, mail)
          out.mails.push(mail)
          break
        }
        case 'mark':
          this.#marks.add(`${this.#key(effect.provider, effect.account)}\0${effect.key}`)
          pruneOldest(this.#marks)
          break
        case 'options': {
          const account = this.#mustGet(effect.provider, effect.account)
          account.options = { ...account.options, ...structuredClone(effect.set) }
          break
        }
        case 'callback':
          out.callbacks.push(effect)
          break
      }
    }
    return out
  }

  #addSms(input: NewSms, now: Date, events: SmsEvent[]): Sms {
    const submittedAt = isoInstant(now)
    const failed = input.failed
    // Same keys in the same order as `{ ...fields, id, … }` with `{ failed, ...fields } = input`,
    // but Object.assign: the rest pattern and the spread took 6 µs a send, this takes under 1
    // (bench/README.md, suggestion 7). The rare `failed` key is deleted afterwards.
    const sms: Sms & { failed?: string } = Object.assign({}, input, {
      id: this.#nextId('sms'),
      status: 'scheduled' as const,
      submittedAt,
      history: [],
      meta: input.meta ?? {},
    })
    if ('failed' in sms) delete sms.failed
    const duplicateKey = `${this.#key(sms.provider, sms.account)}\0${sms.to}\0${sms.text}`
    // Delete first so that the newest sends stay last in the map's order: pruning drops the oldest.
    this.#lastSubmitted.delete(duplicateKey)
    this.#lastSubmitted.set(duplicateKey, now.getTime())
    pruneOldest(this.#lastSubmitted)
    this.#push(this.#sms, sms)
    this.#smsById.set(sms.id, sms)
    const reachesNetworkAt = sms.scheduledAt ? Date.parse(sms.scheduledAt) : now.getTime()
    if (failed) {
      this.#pending.set(sms.id, [{ at: now.getTime(), status: 'failed', reason: failed }])
      this.#releaseOne(sms, now.getTime(), events)
    } else if (reachesNetworkAt > now.getTime()) {
      sms.history.push({ at: submittedAt, status: 'scheduled' })
      this.#pending.set(sms.id, [{ at: reachesNetworkAt, status: 'scheduled' }])
    } else {
      this.#pending.set(sms.id, routeSms(sms, this.numberState(sms.to), now.getTime()))
      this.#releaseOne(sms, now.getTime(), events)
    }
    return sms
  }

  release(now: Date): SmsEvent[] {
    const events: SmsEvent[] = []
    const t = now.getTime()
    for (const id of [...this.#pending.keys()]) {
      const sms = this.#smsById.get(id)
      if (sms) this.#releaseOne(sms, t, events)
    }
    return events
  }

  /** Applies the due transitions of one SMS; a scheduled SMS is routed when it falls due. */
  #releaseOne(sms: Sms, t: number, events: SmsEvent[]): void {
    let queue = this.#pending.get(sms.id) ?? []
    while (queue.length > 0 && queue[0]!.at <= t) {
      const next = queue.shift()!
      if (next.status === 'scheduled') {
        // The deferred time has come: the SMS reaches the network now, in the number's state now.
        queue = routeSms(sms, this.numberState(sms.to), next.at)
        continue
      }
      const at = isoInstant(next.at)
      sms.status = next.status
      if (next.reason) sms.reason = next.reason
      if (next.status === 'delivered') sms.deliveredAt = at
      if (next.status === 'failed' || next.status === 'expired') sms.failedAt = at
      sms.history.push(
        next.reason
          ? { at, status: next.status, reason: next.reason }
          : { at, status: next.status },
      )
      events.push({ sms, status: next.status, at })
    }
    if (queue.length > 0) this.#pending.set(sms.id, queue)
    else this.#pending.delete(sms.id)
  }

  setNumber(e164: string, state: NumberState | undefined): void {
    if (state) this.#numbers.set(e164, state)
    else this.#numbers.delete(e164)
  }

  listNumbers(): { number: string; state: NumberState }[] {
    return [...this.#numbers].map(([number, state]) => ({ number, state }))
  }

  addJournal(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = { seq: ++this.#seq, ...entry }
    this.#push(this.#journal, full)
    return full
  }

  messages(filter: SmsFilter = {}): Sms[] {
    return this.#sms.filter(
      (m) =>
        (!filter.provider || m.provider === filter.provider) &&
        (!filter.account ||
          this.#normalizeId(m.provider, m.account) ===
            this.#normalizeId(m.provider, filter.account)) &&
        (!filter.to || m.to === filter.to) &&
        (!filter.status || m.status === filter.status),
    )
  }

  mails(filter: { to?: string; provider?: string } = {}): Mail[] {
    const to = filter.to?.toLowerCase()
    return this.#mails.filter(
      (m) =>
        (!to || m.to.toLowerCase() === to) && (!filter.provider || m.provider === filter.provider),
    )
  }

  journal(filter: { provider?: string; account?: string } = {}): JournalEntry[] {
    return this.#journal.filter(
      (j) =>
        (!filter.provider || j.provider === filter.provider) &&
        (!filter.account || j.account === filter.account),
    )
  }

  ledger(filter: { provider?: string; account?: string } = {}): LedgerEntry[] {
    return this.#ledger.filter(
      (l) =>
        (!filter.provider || l.provider === filter.provider) &&
        (!filter.account || l.account === filter.account),
    )
  }

  reset(): void {
    for (const collection of [
      this.#accounts,
      this.#numbers,
      this.#smsById,
      this.#pending,
      this.#lastSubmitted,
    ]) {
      collection.clear()
    }
    this.#marks.clear()
    this.#sms = []
    this.#mails = []
    this.#journal = []
    this.#ledger = []
    this.#seq = 0
    this.#counters = { sms: 0, mail: 0 }
  }

  #mustGet(provider: ProviderId, id: string): Account {
    const account = this.account(provider, id)
    if (!account) throw new ControlError(404, `no ${provider} account "${id}"`)
    return account
  }

  #record(account: Account, delta: number, reason: string, now: Date): void {
    this.#push(this.#ledger, {
      at: isoInstant(now),
      provider: account.provider,
      account: account.id,
      delta: roundCredits(delta),
      balance: account.credits,
      reason,
    })
  }

  #push<T>(list: T[], item: T): void {
    list.push(item)
    if (list.length > MAX_RECORDS) {
      // Drop a tenth at once: trimming one record per insert would shift the whole array on
      // every request once the store is full (measured: 15× slower, bench/README.md).
      const dropped = list.splice(0, list.length - MAX_RECORDS + TRIM_RECORDS)
      if (list === (this.#sms as unknown[])) {
        for (const sms of dropped as Sms[])
          if (!this.#pending.has(sms.id)) this.#smsById.delete(sms.id)
      }
    }
  }
}

/** Credits are kept to 1/10000 so that sums of quarters and tenths stay exact. */
function roundCredits(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
