/**
 * The in-memory {@link Store}: the default, and what tests and msw use.
 */
import { createHash, randomBytes } from 'node:crypto'
import { detached, SHORTEST_SLICED_STRING } from './bounds.ts'
import { isoInstant } from './clock.ts'
import { ControlError } from './errors.ts'
import { routeSms, type Transition } from './delivery.ts'
import type { Effect } from './effects.ts'
import { journalRecord, type NewJournalEntry } from './journal-record.ts'
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
import { KeptKeys, KeptList } from './retention.ts'
import {
  LEDGER_RECORD_BYTES,
  mailBytes,
  smsBytes,
  STORE_LIMITS,
  type StoreLimits,
} from './store-limits.ts'
import type { AccountPatch, CallbackEffect, SmsEvent, SmsFilter, Store } from './store.ts'

export interface MemoryStoreOptions {
  /** Retention bounds (default {@link STORE_LIMITS}). */
  limits?: Partial<StoreLimits>
  /** Maps an account id to its key; e-mail logins are compared without case. */
  normalizeId?: (provider: ProviderId, id: string) => string
  /** Generates record ids; injectable so tests see stable ids. */
  nextId?: (kind: 'sms' | 'mail') => string
  /**
   * Whether a provider's account ids are credentials (iSendPro's keyid): its journal entries
   * then show the account masked, and are found by the clear id all the same.
   */
  secretAccountIds?: (provider: ProviderId) => boolean
  /**
   * The salt of the hashes that find a masked journal entry by its clear account id (random by
   * default); a durable store keeps its own, so that the hashes it wrote still match.
   */
  salt?: Uint8Array
}

/** What {@link MemoryStore.snapshot} returns: the whole state as plain data. */
export interface StoreSnapshot {
  accounts: Account[]
  numbers: [string, NumberState][]
  sms: Sms[]
  smsSizes: number[]
  unlistedSms: Sms[]
  pending: [string, Transition[]][]
  lastSubmitted: [string, number][]
  marks: string[]
  mails: Mail[]
  mailSizes: number[]
  journal: JournalEntry[]
  journalSizes: number[]
  journalTags: (string | null)[]
  ledger: LedgerEntry[]
  ledgerSizes: number[]
  seq: number
  counters: { sms: number; mail: number }
}

/** @example const store = new MemoryStore(); store.createAccount({ provider: 'smstob', id: 'a@b.fr' }, now) */
export class MemoryStore implements Store {
  #accounts = new Map<string, Account>()
  #numbers = new Map<string, NumberState>()
  #sms: KeptList<Sms>
  /**
   * The SMS still pending a transition, by id (cancel and release find them here): an SMS
   * leaves it with its last transition, so that the index holds no delivered SMS (issue 17).
   */
  #smsById = new Map<string, Sms>()
  #pending = new Map<string, Transition[]>()
  #lastSubmitted: KeptKeys<number>
  #marks: KeptKeys<true>
  #mails: KeptList<Mail>
  #journal: KeptList<JournalEntry>
  #ledger: KeptList<LedgerEntry>
  /**
   * For a journal entry whose account is masked: a salted hash of the clear id, so that
   * `journal({ account })` finds it by the id without the journal keeping the id in clear.
   */
  #journalAccountTags = new WeakMap<JournalEntry, string>()
  /**
   * The last journal entry kept and its estimated bytes, for a durable store to record right
   * after (a WeakMap of every entry's bytes took 26 B per entry, issue 17).
   */
  #lastJournal: JournalEntry | undefined
  #lastJournalBytes = 0
  /**
   * The duplicate index keeps times in milliseconds since this one (the first it kept): a
   * small integer is kept in the map's slot, a full epoch time takes a number of its own
   * (16 B per send, issue 17). Exact either way.
   */
  #duplicateEpoch: number | undefined
  readonly #salt: Uint8Array
  /**
   * The long strings of the last decision's SMS and their copies (see {@link #detach}): the SMS
   * of one decision share their text and their notification URLs, copied once.
   */
  #copies: string[] = []
  /**
   * The strings the last decision stored (its SMS's texts, senders and accounts): the journal
   * entry of the same request, written next, quotes them, and keeps the same strings instead
   * of copies of its own (issue 17: one text kept once, ~70 B per send).
   */
  #stored: string[] = []
  /** Ledger reasons, kept once each (`send (http)`): at most {@link REASONS_KEPT}. */
  #reasons = new Map<string, string>()
  #seq = 0
  #counters = { sms: 0, mail: 0 }
  readonly #normalizeId: (provider: ProviderId, id: string) => string
  readonly #nextId: (kind: 'sms' | 'mail') => string
  readonly #secretAccountIds: (provider: ProviderId) => boolean

  constructor(options: MemoryStoreOptions = {}) {
    this.#normalizeId = options.normalizeId ?? ((_p, id) => id)
    this.#nextId =
      options.nextId ?? ((kind) => `${kind}-${String(++this.#counters[kind]).padStart(6, '0')}`)
    this.#secretAccountIds = options.secretAccountIds ?? (() => false)
    this.#salt = options.salt ?? randomBytes(16)
    const limits = { ...STORE_LIMITS, ...options.limits }
    this.#sms = new KeptList(limits.maxRecords, limits.smsBytes)
    this.#lastSubmitted = new KeptKeys(limits.maxRecords, limits.duplicateIndexBytes)
    this.#marks = new KeptKeys(limits.maxRecords, limits.markBytes)
    this.#mails = new KeptList(limits.maxRecords, limits.outboxBytes)
    this.#journal = new KeptList(limits.maxRecords, limits.journalBytes)
    this.#ledger = new KeptList(limits.maxRecords, limits.ledgerBytes)
  }

  /** What each kept list holds: records and estimated bytes (the memory probe reads it). */
  retention(): Record<'sms' | 'mails' | 'journal' | 'ledger', { records: number; bytes: number }> {
    const of = (list: KeptList<unknown>) => ({ records: list.length, bytes: list.bytes })
    return {
      sms: of(this.#sms),
      mails: of(this.#mails),
      journal: of(this.#journal),
      ledger: of(this.#ledger),
    }
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
    const since = this.#lastSubmitted.get(this.#duplicateKey(provider, account, to, text))
    return since === undefined ? undefined : since + this.#duplicateEpoch!
  }

  /**
   * The duplicate index's key, made flat by `join`: a template literal makes a tree of five
   * concatenations that the index kept, 184 B per send instead of 64 (issue 17).
   */
  #duplicateKey(provider: ProviderId, account: string, to: string, text: string): string {
    return [provider, ':', this.#normalizeId(provider, account), '\0', to, '\0', text].join('')
  }

  hasMark(provider: ProviderId, account: string, key: string): boolean {
    return this.#marks.has(
      [provider, ':', this.#normalizeId(provider, account), '\0', key].join(''),
    )
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
    this.#stored.length = 0
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
          // The reply may quote the client's mail: copies, not views of it (bounds.ts detached).
          mail.from = detached(mail.from)
          mail.to = detached(mail.to)
          mail.subject = detached(mail.subject)
          mail.text = detached(mail.text)
          if (mail.headers)
            for (const name in mail.headers) mail.headers[name] = detached(mail.headers[name]!)
          if (mail.secrets) mail.secrets = mail.secrets.map(detached)
          this.#mails.push(mail, mailBytes(mail))
          out.mails.push(mail)
          break
        }
        case 'mark':
          this.#marks.set(
            [
              effect.provider,
              ':',
              this.#normalizeId(effect.provider, effect.account),
              '\0',
              effect.key,
            ].join(''),
            true,
          )
          break
        case 'options': {
          const account = this.#mustGet(effect.provider, effect.account)
          account.options = { ...account.options, ...structuredClone(effect.set) }
          break
        }
        case 'callback':
          out.callbacks.push(effect)
          break
        case 'cancel':
          for (const id of effect.ids) {
            const sms = this.#smsById.get(id)
            if (!sms || sms.status !== 'scheduled') continue
            if (sms.provider !== effect.provider || sms.account !== effect.account) continue
            this.#pending.set(id, [{ at: now.getTime(), status: 'failed', reason: effect.reason }])
            this.#releaseOne(sms, now.getTime(), out.events)
          }
          break
      }
    }
    this.#copies.length = 0
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
    this.#detach(sms)
    this.#keepStored(sms.text)
    this.#keepStored(sms.account)
    if (sms.from !== undefined) this.#keepStored(sms.from)
    const duplicateKey = this.#duplicateKey(sms.provider, sms.account, sms.to, sms.text)
    // The newest sends stay last in the index's order: pruning drops the oldest.
    this.#setSubmitted(duplicateKey, now.getTime())
    this.#smsById.set(sms.id, sms)
    // An SMS dropped from the list but still pending delivery stays reachable by id.
    this.#sms.push(sms, smsBytes(sms))
    const reachesNetworkAt = sms.scheduledAt ? Date.parse(sms.scheduledAt) : now.getTime()
    if (failed) {
      this.#pending.set(sms.id, [{ at: now.getTime(), status: 'failed', reason: failed }])
      this.#releaseOne(sms, now.getTime(), events)
    } else if (reachesNetworkAt > now.getTime()) {
      sms.history = [{ at: submittedAt, status: 'scheduled' }]
      this.#pending.set(sms.id, [{ at: reachesNetworkAt, status: 'scheduled' }])
    } else {
      this.#pending.set(sms.id, routeSms(sms, this.numberState(sms.to), now.getTime()))
      this.#releaseOne(sms, now.getTime(), events)
    }
    return sms
  }

  /**
   * Makes the strings an SMS keeps its own (bounds.ts `detached`): a text cut from a long
   * message, a field read from a form body, would otherwise keep the whole request alive.
   */
  #detach(sms: Sms): void {
    sms.text = this.#copy(sms.text)
    if (sms.from !== undefined) sms.from = this.#copy(sms.from)
    const meta = sms.meta
    for (const key in meta) {
      const value = meta[key]
      if (typeof value === 'string') meta[key] = this.#copy(value)
    }
  }

  #copy(text: string): string {
    if (text.length < SHORTEST_SLICED_STRING) return text
    // Pairs [source, copy]; a decision has a handful of distinct long strings at most.
    const copies = this.#copies
    for (let i = 0; i < copies.length; i += 2) if (copies[i] === text) return copies[i + 1]!
    const copy = detached(text)
    if (copies.length < COPIES_KEPT * 2) copies.push(text, copy)
    return copy
  }

  #setSubmitted(key: string, at: number): void {
    this.#duplicateEpoch ??= at
    this.#lastSubmitted.set(key, at - this.#duplicateEpoch)
  }

  #keepStored(text: string): void {
    const stored = this.#stored
    if (stored.length < STORED_KEPT && !stored.includes(text)) stored.push(text)
  }

  /** The strings of a journal entry's request that the last decision stored: shared. */
  #share(value: unknown, depth: number): unknown {
    if (typeof value === 'string') {
      const i = this.#stored.indexOf(value)
      return i < 0 ? value : this.#stored[i]
    }
    if (depth === 0 || typeof value !== 'object' || value === null) return value
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.#share(value[i], depth - 1)
    } else {
      const object = value as Record<string, unknown>
      for (const key in object) object[key] = this.#share(object[key], depth - 1)
    }
    return value
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
      // A new array of the exact length (`concat`): a push onto an empty array, or a spread,
      // reserves 17 slots (128 B more per SMS kept, issue 17); a history holds one to three.
      sms.history = sms.history.concat(
        next.reason
          ? { at, status: next.status, reason: next.reason }
          : { at, status: next.status },
      )
      events.push({ sms, status: next.status, at })
    }
    if (queue.length > 0) this.#pending.set(sms.id, queue)
    else {
      this.#pending.delete(sms.id)
      this.#smsById.delete(sms.id)
    }
  }

  setNumber(e164: string, state: NumberState | undefined): void {
    if (state) this.#numbers.set(e164, state)
    else this.#numbers.delete(e164)
  }

  listNumbers(): { number: string; state: NumberState }[] {
    return [...this.#numbers].map(([number, state]) => ({ number, state }))
  }

  addJournal(entry: NewJournalEntry): JournalEntry {
    const secretAccount = entry.provider !== undefined && this.#secretAccountIds(entry.provider)
    const { entry: kept, bytes } = journalRecord(entry, ++this.#seq, secretAccount)
    if (this.#stored.length > 0) {
      this.#share(kept.request, SHARED_DEPTH)
      if (kept.account !== undefined) kept.account = this.#share(kept.account, 0) as string
    }
    const named = entry.account ?? entry.claimedAccount
    // `secretAccount` is only ever true for an entry that names its provider.
    if (secretAccount && named !== undefined)
      this.#journalAccountTags.set(kept, this.#accountTag(entry.provider!, named))
    this.#journal.push(kept, bytes)
    this.#lastJournal = kept
    this.#lastJournalBytes = bytes
    return kept
  }

  /**
   * A journal entry as {@link addJournal} kept it, with what a durable store needs to keep it
   * again without the clear entry (sqlite-store.ts): its estimated bytes and its account's hash.
   */
  journalRecordOf(kept: JournalEntry): { bytes: number; accountTag?: string } {
    const accountTag = this.#journalAccountTags.get(kept)
    const bytes = kept === this.#lastJournal ? this.#lastJournalBytes : this.#journal.sizeOf(kept)
    return accountTag === undefined ? { bytes } : { bytes, accountTag }
  }

  /** Keeps again an entry {@link addJournal} kept before (a durable store at start). */
  restoreJournal(kept: JournalEntry, bytes: number, accountTag?: string): void {
    if (accountTag !== undefined) this.#journalAccountTags.set(kept, accountTag)
    this.#seq = Math.max(this.#seq, kept.seq)
    this.#journal.push(kept, bytes)
  }

  /** A salted hash of an account's key (see {@link #journalAccountTags}). */
  #accountTag(provider: ProviderId, id: string): string {
    return createHash('sha256').update(this.#salt).update(this.#key(provider, id)).digest('base64')
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
    const { account } = filter
    // The tag of `account` under each provider whose entries hide it, computed once per read.
    const tags = new Map<ProviderId, string>()
    const tagOf = (provider: ProviderId) => {
      let tag = tags.get(provider)
      if (tag === undefined) tags.set(provider, (tag = this.#accountTag(provider, account!)))
      return tag
    }
    return this.#journal.filter((j) => {
      if (filter.provider && j.provider !== filter.provider) return false
      if (!account) return true
      const hidden = this.#journalAccountTags.get(j)
      // Only entries that name their provider are tagged (addJournal).
      return hidden !== undefined ? hidden === tagOf(j.provider!) : j.account === account
    })
  }

  ledger(filter: { provider?: string; account?: string } = {}): LedgerEntry[] {
    return this.#ledger.filter(
      (l) =>
        (!filter.provider || l.provider === filter.provider) &&
        (!filter.account || l.account === filter.account),
    )
  }

  /**
   * Everything the store holds, as plain data (JSON-safe): a durable store writes it instead of
   * the writes that led to it (sqlite-store.ts compaction). {@link restore} takes it back.
   */
  snapshot(): StoreSnapshot {
    const listed = new Set(this.#sms.items)
    const journal = this.#journal.items
    return {
      accounts: [...this.#accounts.values()],
      numbers: [...this.#numbers],
      sms: this.#sms.items,
      smsSizes: [...this.#sms.sizes],
      // Pending delivery but dropped from the list: still released when due.
      unlistedSms: [...this.#smsById.values()].filter((sms) => !listed.has(sms)),
      pending: [...this.#pending],
      lastSubmitted: this.#lastSubmitted
        .entries()
        .map(([key, since]): [string, number] => [key, since + this.#duplicateEpoch!]),
      marks: this.#marks.entries().map(([key]) => key),
      mails: this.#mails.items,
      mailSizes: [...this.#mails.sizes],
      journal,
      journalSizes: [...this.#journal.sizes],
      journalTags: journal.map((entry) => this.#journalAccountTags.get(entry) ?? null),
      ledger: this.#ledger.items,
      ledgerSizes: [...this.#ledger.sizes],
      seq: this.#seq,
      counters: { ...this.#counters },
    }
  }

  /** Replaces everything by a {@link snapshot} (read back from JSON: no object is shared). */
  restore(snapshot: StoreSnapshot): void {
    this.reset()
    for (const account of snapshot.accounts)
      this.#accounts.set(this.#key(account.provider, account.id), account)
    for (const [number, state] of snapshot.numbers) this.#numbers.set(number, state)
    this.#sms.restore(snapshot.sms, snapshot.smsSizes)
    for (const [id, queue] of snapshot.pending) this.#pending.set(id, queue)
    // Only the SMS pending a transition are indexed (an older snapshot holds every SMS listed).
    for (const sms of [...snapshot.sms, ...snapshot.unlistedSms])
      if (this.#pending.has(sms.id)) this.#smsById.set(sms.id, sms)
    for (const [key, at] of snapshot.lastSubmitted) this.#setSubmitted(key, at)
    for (const key of snapshot.marks) this.#marks.set(key, true)
    this.#mails.restore(snapshot.mails, snapshot.mailSizes)
    this.#journal.restore(snapshot.journal, snapshot.journalSizes)
    snapshot.journal.forEach((entry, i) => {
      const tag = snapshot.journalTags[i]
      if (tag != null) this.#journalAccountTags.set(entry, tag)
    })
    this.#ledger.restore(snapshot.ledger, snapshot.ledgerSizes)
    this.#seq = snapshot.seq
    this.#counters = { ...snapshot.counters }
  }

  reset(): void {
    for (const collection of [
      this.#accounts,
      this.#numbers,
      this.#smsById,
      this.#pending,
      this.#lastSubmitted,
      this.#marks,
      this.#sms,
      this.#mails,
      this.#journal,
      this.#ledger,
    ]) {
      collection.clear()
    }
    this.#seq = 0
    this.#counters = { sms: 0, mail: 0 }
    this.#stored.length = 0
    this.#reasons.clear()
    this.#lastJournal = undefined
    this.#duplicateEpoch = undefined
  }

  #mustGet(provider: ProviderId, id: string): Account {
    const account = this.account(provider, id)
    if (!account) throw new ControlError(404, `no ${provider} account "${id}"`)
    return account
  }

  #reason(reason: string): string {
    const kept = this.#reasons.get(reason)
    if (kept !== undefined) return kept
    if (this.#reasons.size >= REASONS_KEPT) return reason
    const copy = detached(reason)
    this.#reasons.set(copy, copy)
    return copy
  }

  #record(account: Account, delta: number, reason: string, now: Date): void {
    const entry: LedgerEntry = {
      at: isoInstant(now),
      provider: account.provider,
      account: account.id,
      delta: roundCredits(delta),
      balance: account.credits,
      reason: this.#reason(reason),
    }
    this.#ledger.push(entry, LEDGER_RECORD_BYTES + account.id.length + reason.length)
  }
}

/** Strings of one decision a journal entry may share (see `MemoryStore.#stored`). */
const STORED_KEPT = 8
/** How deep in a journal entry's request strings are shared: `request.params.message`. */
const SHARED_DEPTH = 3
/** Distinct ledger reasons kept once each; past them, a reason is kept as it comes. */
const REASONS_KEPT = 256

/** Distinct long strings of one decision whose copy {@link MemoryStore} remembers. */
const COPIES_KEPT = 8

/** Credits are kept to 1/10000 so that sums of quarters and tenths stay exact. */
function roundCredits(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
