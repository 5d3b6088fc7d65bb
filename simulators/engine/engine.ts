/**
 * The engine: the clock, the state and the providers it is given, put together with no
 * transport. An adapter (node:http, msw, SMTP) asks it where a request goes ({@link
 * Engine.route}), hands it the request or the mail, and writes back what it returns; the
 * control API calls the rest. Each concern has its file here: router.ts where things go,
 * faults.ts which fault hits, journal.ts what is written, reactions.ts what follows from
 * effects; this class holds the state and calls them in order (docs/decisions/013-the-engine.md).
 */
import { Clock } from '../core/clock.ts'
import { ControlError } from '../core/errors.ts'
import type { Effect } from '../core/effects.ts'
import { isMultipart, readMultipart } from '../core/multipart.ts'
import { maskError, secretsInQuery } from '../core/secrets.ts'
import { MemoryStore, type MemoryStoreOptions } from '../core/memory-store.ts'
import type { StoreLimits } from '../core/store-limits.ts'
import type { NewJournalEntry } from '../core/journal-record.ts'
import type { AccountInput, JournalEntry, Mail, ProviderId } from '../core/model.ts'
import type { InboundMail } from '../core/mail.ts'
import type { Provider, SimRequest, SimResponse } from '../core/provider.ts'
import type { NumberState } from '../core/numbers.ts'
import type { Store } from '../core/store.ts'
import { Callbacks, type CallbackSender } from './callbacks.ts'
import { ChangeFeed } from './changes.ts'
import { FaultBoard, takeFailure, takeMailFault, takeRefusal, type Faults } from './faults.ts'
import {
  codeMeaning,
  faultNote,
  httpEntry,
  httpFaultEntry,
  mailEntry,
  mailErrorEntry,
  mailFaultEntry,
  smtpRefusalEntry,
} from './journal.ts'
import { ObservedStore } from './observed-store.ts'
import { Reactions } from './reactions.ts'
import { Router, type HttpRoute, type MailRoute } from './router.ts'

export interface EngineOptions {
  /** The providers to simulate: the engine knows none of its own (simulators/providers.ts). */
  providers: readonly Provider[]
  /** How delivery-notification URLs are called (engine/callbacks.ts). */
  callbackSender: CallbackSender
  clock?: Clock
  /**
   * The clock the configuration set (`clock:` of the config file): `reset` puts the clock back
   * there, as it puts back the accounts. Without it `reset` leaves the clock where it is.
   */
  configuredClock?: { now: string; frozen: boolean }
  store?: Store
  /** Accounts created at start and restored by `reset` (from the config file). */
  accounts?: AccountInput[]
  /** Number states set at start and restored by `reset` (from the config file). */
  numbers?: { number: string; state: NumberState }[]
  /** Create each provider's demo accounts too (default true). */
  demo?: boolean
  /** Where unexpected errors are reported (never to the client). */
  logger?: Pick<Console, 'error'>
  /**
   * Makes the store from the options the engine gives the default one (how it compares account
   * ids, which are secret): the server opens the store on disk of `--data-dir` with it.
   */
  openStore?: (options: MemoryStoreOptions) => Store
  /** Retention bounds of the default store (core/memory-store.ts); tests lower them. */
  storeLimits?: Partial<StoreLimits>
}

/**
 * Told of every journal entry as the store keeps it (bounded, secrets masked), with how long
 * smsim took over the request or mail it records: `durationMs`, wall time from when the engine
 * was handed it to the entry (an injected latency included), absent for what has no such start
 * (a refusal at the SMTP level). The duration is not in the entry: the journal is written on the
 * simulator's clock and reads the same on every run; only the log shows it.
 */
export type JournalListener = (entry: JournalEntry, timing: { durationMs?: number }) => void

/** What the HTTP adapters do with a request: write the response, or close the connection. */
export type HttpOutcome = { kind: 'response'; response: SimResponse } | { kind: 'drop' }

/**
 * What the SMTP gateway does with a mail: answer that it was handed to these providers, close
 * the connection with no reply (`drop`), or answer a temporary failure (`tempfail`, 451).
 */
export type MailOutcome =
  { kind: 'handled'; providers: ProviderId[] } | { kind: 'drop' } | { kind: 'tempfail' }

/**
 * @example
 * const engine = new Engine({ providers: [smstob], callbackSender: async () => ({ status: 200 }) })
 * const request = { method: 'GET', host: 'www.smstob.com', path: '/http.php', query: 'email=…', headers: {}, body: new Uint8Array() }
 * const outcome = await engine.handleHttp(engine.route(request.host, request.path)!, request)
 */
export class Engine {
  readonly clock: Clock
  /**
   * The state. Every write through it is told to {@link changes} (engine/observed-store.ts);
   * the store given in the options, or the default one, is its `inner`.
   */
  readonly store: ObservedStore
  /**
   * What changes, as it happens: SMS, mails, journal entries, the clock, accounts, number
   * states and faults, resets (engine/changes.ts). The control API's event stream and waits
   * listen here.
   */
  readonly changes: ChangeFeed
  readonly providers: ReadonlyMap<ProviderId, Provider>
  /** Delivery-notification calls under way or waiting for a retry. */
  readonly callbacks: Callbacks
  readonly #router: Router
  readonly #faults = new FaultBoard()
  /** The data directory's failure was logged (once, not per request). */
  #notKeptLogged = false
  /** Keeps the faults in the store's settings, when the store keeps settings. */
  readonly #saveFaults: (() => void) | undefined
  readonly #reactions: Reactions
  readonly #accounts: AccountInput[]
  readonly #numbers: { number: string; state: NumberState }[]
  readonly #configuredClock: { now: string; frozen: boolean } | undefined
  readonly #logger: Pick<Console, 'error'>
  readonly #journalListeners = new Set<JournalListener>()

  constructor(options: EngineOptions) {
    const { providers } = options
    this.providers = new Map(providers.map((p) => [p.id, p]))
    this.#router = new Router(providers)
    this.clock = options.clock ?? new Clock()
    this.#logger = options.logger ?? console
    this.changes = new ChangeFeed(this.#logger)
    const storeOptions: MemoryStoreOptions = {
      normalizeId: (provider, id) => this.normalizeAccountId(provider, id),
      secretAccountIds: (provider) => this.providers.get(provider)?.accountIdIsSecret === true,
      ...(options.storeLimits ? { limits: options.storeLimits } : {}),
    }
    const store: Store =
      options.store ??
      (options.openStore ? options.openStore(storeOptions) : new MemoryStore(storeOptions))
    this.store = new ObservedStore(store, this.changes)
    // On disk (--data-dir) the faults armed, and how many are left, survive a restart.
    if (store.setting && store.saveSetting) {
      const kept = store.setting('faults') as Parameters<FaultBoard['restore']>[0] | undefined
      if (kept) this.#faults.restore(kept)
      this.#saveFaults = () => store.saveSetting!('faults', this.#faults.toJSON())
    }
    this.callbacks = new Callbacks(
      (entry, startedAt) => this.addJournal(entry, startedAt),
      () => this.clock.now(),
      options.callbackSender,
    )
    this.#reactions = new Reactions(this.store, this.providers, this.callbacks)
    this.#accounts = [
      ...(options.demo === false ? [] : providers.flatMap((p) => p.demo.accounts)),
      ...(options.accounts ?? []),
    ]
    this.#numbers = options.numbers ?? []
    this.#configuredClock = options.configuredClock
    this.clock.onChange(() => {
      if (this.changes.wants('clock')) this.changes.emit('clock', this.clock.toJSON())
      this.tick()
    })
    this.#seed()
  }

  /**
   * An account id as the provider compares it (an SMStoB login in any case): what the store
   * keys accounts by, and what `?account=` filters match.
   */
  normalizeAccountId(provider: ProviderId, id: string): string {
    return this.providers.get(provider)?.normalizeAccountId?.(id) ?? id
  }

  /**
   * The provider endpoint a request is for: by real host name, else by `/<provider>/` prefix.
   * Asked once per request, before its body is read; the route is then handed to
   * {@link handleHttp}.
   */
  route(host: string, path: string): HttpRoute | undefined {
    return this.#router.http(host, path)
  }

  /** Whether a host name is one of the providers' real hosts. */
  isProviderHost(host: string): boolean {
    return this.#router.isProviderHost(host)
  }

  /**
   * Handles one request along the route {@link route} gave for it: faults, then the
   * provider's decision, applied atomically, then the journal. Never throws: an unexpected
   * error becomes a plain 500.
   */
  async handleHttp(route: HttpRoute, request: SimRequest): Promise<HttpOutcome> {
    return this.answerHttp(route, request)
  }

  /**
   * {@link handleHttp}, with the outcome itself rather than a promise when nothing waits (no
   * injected latency, no multipart body, a store in memory): what the `node:http` adapter
   * calls, so that a plain request is answered in the turn it was read (issue 17). The same
   * steps in the same order; a promise otherwise.
   */
  answerHttp(route: HttpRoute, request: SimRequest): HttpOutcome | Promise<HttpOutcome> {
    const startedAt = performance.now()
    const { endpoint } = route
    const operation = endpoint.isOperation
      ? endpoint.isOperation({ ...request, path: route.path })
      : true
    const faults = operation ? this.#faults.of(route.provider.id) : undefined
    if (faults && faults.latencyMs > 0) return this.#answerLate(route, request, faults, startedAt)
    return this.#answerNow(route, request, faults, startedAt)
  }

  /** After the injected latency: the rest of {@link answerHttp}. */
  async #answerLate(
    route: HttpRoute,
    request: SimRequest,
    faults: Faults,
    startedAt: number,
  ): Promise<HttpOutcome> {
    await sleep(faults.latencyMs)
    return this.#answerNow(route, request, faults, startedAt)
  }

  /** An injected failure, else the decision (once a multipart body is read). */
  #answerNow(
    route: HttpRoute,
    request: SimRequest,
    faults: Faults | undefined,
    startedAt: number,
  ): HttpOutcome | Promise<HttpOutcome> {
    const failure = takeFailure(faults)
    if (failure) {
      this.#faultsChanged()
      const entry = httpFaultEntry(this.clock.now(), route.provider.id, request, failure)
      this.addJournal(entry, startedAt)
      return failure === 'drop' ? { kind: 'drop' } : { kind: 'response', response: INTERNAL_ERROR }
    }
    // A multipart body is read here, with Node's asynchronous parser, before the decision.
    if (isMultipart(request.headers['content-type']))
      return this.#decideMultipart(route, request, faults, startedAt)
    return this.#decideHttp(route, request, faults, startedAt)
  }

  async #decideMultipart(
    route: HttpRoute,
    request: SimRequest,
    faults: Faults | undefined,
    startedAt: number,
  ): Promise<HttpOutcome> {
    const form = await readMultipart(request.body, request.headers['content-type']!)
    return this.#decideHttp(route, { ...request, form }, faults, startedAt)
  }

  /** The provider's decision, applied, journalled: nothing awaits from here to the entry. */
  #decideHttp(
    route: HttpRoute,
    request: SimRequest,
    faults: Faults | undefined,
    startedAt: number,
  ): HttpOutcome | Promise<HttpOutcome> {
    const { provider, endpoint } = route
    // On disk (--data-dir), a directory that cannot be written refuses the request whole.
    const unwritable = this.store.unwritable?.()
    if (unwritable) return this.#notKept(unwritable)
    // From here to the journal entry nothing awaits: the decision and its effects are atomic.
    let outcome: HttpOutcome
    try {
      // One instant for what falls due and for the decision (one Date per request, issue 17).
      const now = this.clock.now()
      this.#reactions.tick(now)
      const refuse = takeRefusal(faults)
      if (refuse !== undefined) this.#faultsChanged()
      const result = endpoint.handle(
        // The prefix the request came under, as SimRequest documents (a WSDL's address, JSON's `/json`).
        // Object.assign: same object as a spread, a third of its cost (bench/README.md, suggestion 7).
        Object.assign({}, request, { path: route.path, mount: route.mount }),
        this.store,
        now,
        refuse,
      )
      const applied = this.apply(result.effects, now)
      // The answer was late or refused on purpose: say so, as for the other faults (only
      // looked for when a fault is set: this is the hot path, bench/README.md suggestion 7).
      const note = faults ? faultNote(faults.latencyMs, refuse) : undefined
      const meaning = codeMeaning(provider, result.journal.code)
      this.addJournal(
        httpEntry(now, provider.id, result, applied, note, meaning, request.secure),
        startedAt,
      )
      outcome = { kind: 'response', response: result.response }
    } catch (error) {
      this.#logger.error(
        `smsim: ${provider.id} ${endpoint.name} failed:`,
        maskError(error, requestSecrets(request)),
      )
      outcome = { kind: 'response', response: INTERNAL_ERROR }
    }
    // On disk, answered once the decision, its reactions and its journal entry are committed
    // (together, with the other requests of this event-loop turn: ADR 021).
    return this.store.durable ? this.#whenDurable(outcome) : outcome
  }

  /** `outcome` once the store says its writes are durable; a 503 if they cannot be. */
  async #whenDurable(outcome: HttpOutcome): Promise<HttpOutcome> {
    try {
      await this.store.durable!()
      return outcome
    } catch (error) {
      return this.#notKept(error)
    }
  }

  /** The answer to a request whose effects the data directory cannot keep (a full disk). */
  #notKept(error: unknown): HttpOutcome {
    const message = error instanceof Error ? error.message : String(error)
    if (!this.#notKeptLogged) this.#logger.error(`smsim: ${message}`)
    this.#notKeptLogged = true
    return {
      kind: 'response',
      response: {
        status: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' },
        body: `Service Unavailable: smsim cannot keep this request on disk: ${message}`,
      },
    }
  }

  /** The mail endpoint an RCPT TO address belongs to, if any (the gateway's address policy). */
  mailEndpoint(address: string): MailRoute | undefined {
    return this.#router.mail(address)
  }

  /** Every address the mail providers accept, for the 550 that names them. */
  mailAddresses(): string[] {
    return this.#router.mailAddresses()
  }

  /**
   * Handles one received mail: the faults of its providers, taken once for the whole mail
   * (faults.ts), then each recipient's provider decides, applied atomically, then the journal.
   * Never throws: an unexpected error in a decision is logged and journalled, and the mail is
   * still handed over (the sender gets no stack trace). With no latency injected, the
   * decisions are made before this returns its promise, as {@link handleHttp}'s are.
   */
  async handleMail(mail: InboundMail): Promise<MailOutcome> {
    const startedAt = performance.now()
    const providers = this.#router.mailProviders(mail.envelope.to)
    const fault = takeMailFault(providers, this.#faults)
    if (fault.hits.length > 0) this.#faultsChanged()
    for (const { provider, recipient, failure } of fault.hits) {
      const secrets = this.#router.mailSecrets(recipient, mail.subject)
      const now = this.clock.now()
      const entry = mailFaultEntry({ now, provider, recipient, mail, secrets }, failure)
      this.addJournal(entry, startedAt)
    }
    if (fault.latencyMs > 0) await sleep(fault.latencyMs)
    if (fault.failure) return { kind: fault.failure }
    // Nothing decided when the data directory cannot be written: the sender tries again later.
    if (this.store.unwritable?.()) return { kind: 'tempfail' }
    for (const recipient of mail.envelope.to)
      this.#decideMail(mail, recipient, fault.latencyMs, startedAt)
    // On disk, the gateway answers 250 once every recipient's decision is committed (handleHttp).
    if (this.store.durable) {
      try {
        await this.store.durable()
      } catch {
        return { kind: 'tempfail' }
      }
    }
    return { kind: 'handled', providers: [...providers.keys()] }
  }

  /**
   * Journals a mail, or a recipient, the SMTP side refused before any provider could read it
   * (smtp-gateway.ts: a 550 address, a 552 size, a 554 mail that is not MIME, a 452 or 421
   * limit, a 421 deadline): once for each provider its recipients name, by address or by
   * domain, or once with no provider when none does. `envelope.to` holds the refused recipient,
   * or the recipients accepted so far when the whole mail or session was refused.
   */
  journalSmtpRefusal(envelope: InboundMail['envelope'], status: number, reason: string): void {
    const concerned = new Map<ProviderId | undefined, string>()
    for (const recipient of envelope.to) {
      const provider = this.#router.mailProvider(recipient)
      if (!concerned.has(provider)) concerned.set(provider, recipient)
    }
    if (concerned.size === 0) concerned.set(undefined, '')
    for (const [provider, recipient] of concerned) {
      const secrets = this.#router.mailSecrets(recipient, '')
      const now = this.clock.now()
      const facts = { now, provider, recipient, from: envelope.from, secrets }
      this.addJournal(smtpRefusalEntry(facts, status, reason))
    }
  }

  /**
   * One recipient's provider decides the mail; `latencyMs` is the mail's injected latency,
   * `startedAt` when the engine was handed the mail (for the log's duration).
   */
  #decideMail(mail: InboundMail, recipient: string, latencyMs: number, startedAt: number): void {
    const target = this.#router.mail(recipient)
    if (!target) return
    const { provider, endpoint } = target
    const faults = this.#faults.of(provider.id)
    const now = this.clock.now()
    // Read when an entry is written: the credentials the address and subject carry go with it.
    const facts = () => ({
      now,
      provider: provider.id,
      recipient,
      mail,
      secrets: endpoint.secretsIn?.(recipient, mail.subject) ?? [],
    })
    try {
      this.tick()
      const refuse = takeRefusal(faults)
      if (refuse !== undefined) this.#faultsChanged()
      const result = endpoint.handle(mail, recipient, this.store, now, refuse)
      if (result.internalError !== undefined) {
        this.#logger.error(
          `smsim: ${provider.id} ${endpoint.name} failed:`,
          maskError(result.internalError, [...(result.journal.secrets ?? []), ...facts().secrets]),
        )
      }
      const applied = this.apply(result.effects, now)
      const note = faultNote(latencyMs, refuse)
      const meaning = codeMeaning(provider, result.journal.code)
      this.addJournal(mailEntry(facts(), result, applied, note, meaning), startedAt)
    } catch (error) {
      const about = facts()
      this.#logger.error(
        `smsim: ${provider.id} ${endpoint.name} failed:`,
        maskError(error, about.secrets),
      )
      this.addJournal(mailErrorEntry(about), startedAt)
    }
  }

  /**
   * Writes a journal entry to the store and tells the {@link onJournal} listeners, with the
   * time since `startedAt` (`performance.now()` when the request or mail was handed over). Every
   * entry goes through here — the engine's, the notification queue's, the relay's — so that the
   * log shows exactly what the journal records. Returns the entry as kept.
   */
  addJournal(entry: NewJournalEntry, startedAt?: number): JournalEntry {
    const kept = this.store.addJournal(entry)
    if (this.#journalListeners.size === 0) return kept
    const timing = startedAt === undefined ? {} : { durationMs: performance.now() - startedAt }
    for (const listener of this.#journalListeners) {
      // A listener that fails (a log whose stream broke) must not fail the request it records.
      try {
        listener(kept, timing)
      } catch (error) {
        this.#logger.error('smsim: a journal listener failed:', error)
      }
    }
    return kept
  }

  /**
   * Calls `listener` with every journal entry as it is kept (see {@link JournalListener}):
   * what `smsim start` logs. Listeners run synchronously inside a decision: they must only
   * write or queue. Returns a function that removes the listener.
   *
   * @example
   * const stop = sim.onJournal((entry, { durationMs }) => console.log(entry.provider, entry.code, durationMs))
   */
  onJournal(listener: JournalListener): () => void {
    this.#journalListeners.add(listener)
    return () => void this.#journalListeners.delete(listener)
  }

  /**
   * Calls `listener` with every mail a provider sends back, as it lands in the outbox (the
   * `--relay` hands them on): `changes.on('mail', …)`. Listeners run synchronously inside a
   * decision: they must only queue work. Returns a function that removes the listener.
   */
  onMail(listener: (mail: Mail) => void): () => void {
    return this.changes.on('mail', listener)
  }

  /** Applies effects and the providers' reactions to the SMS events they cause; returns SMS ids. */
  apply(effects: readonly Effect[], now: Date): string[] {
    return this.#reactions.apply(effects, now)
  }

  /** Releases whatever fell due on the clock (deferred SMS, late deliveries, expiries). */
  tick(): void {
    this.#reactions.tick(this.clock.now())
  }

  /** The provider's injected faults as they stand (`GET /_smsim/faults/{provider}`). */
  faults(provider: ProviderId): Faults {
    return this.#faults.show(provider)
  }

  /** Merges `faults` into the provider's (`undefined` clears them); returns them as they stand. */
  setFaults(provider: ProviderId, faults: Partial<Faults> | undefined): Faults {
    if (!this.providers.has(provider)) throw new ControlError(404, `no provider "${provider}"`)
    this.#faults.set(provider, faults)
    this.#faultsChanged()
    return this.faults(provider)
  }

  /** Tells that the faults changed: set, cleared, or one counted down by a request or a mail. */
  #faultsChanged(): void {
    this.#saveFaults?.()
    if (this.changes.wants('state')) this.changes.emit('state', { kind: 'faults' })
  }

  /**
   * Empties the state, clears faults and number states, and restores the configured accounts.
   * Listeners are told `reset` once the state is empty, then each account restored.
   */
  reset(): void {
    this.store.reset()
    this.callbacks.clear()
    this.#faults.clear()
    this.#saveFaults?.()
    // Emptied first: moving the clock releases deferred SMS, and there are none left to release.
    if (this.#configuredClock)
      this.clock.set(this.#configuredClock.now, this.#configuredClock.frozen)
    this.#seed()
  }

  /** The accounts restored by {@link reset}. */
  get configuredAccounts(): readonly AccountInput[] {
    return this.#accounts
  }

  #seed(): void {
    const now = this.clock.now()
    for (const account of this.#accounts) {
      if (!this.store.account(account.provider, account.id)) this.store.createAccount(account, now)
    }
    for (const { number, state } of this.#numbers) this.store.setNumber(number, state)
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The secret-named parameters of a request's query string and form body (`pass=`,
 * `Password=`), for what is logged about a request that failed before its provider said more.
 */
function requestSecrets(request: SimRequest): string[] {
  const form = /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')
  return [
    ...secretsInQuery(request.query),
    ...(form ? secretsInQuery(Buffer.from(request.body).toString('latin1')) : []),
  ]
}

const INTERNAL_ERROR: SimResponse = {
  status: 500,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'Internal Server Error',
}
