/**
 * The simulator: the clock, the state and the providers put together, with no transport. The
 * `node:http` server and the msw handlers both call {@link Simulator.handleHttp}; the control
 * API calls the rest.
 */
import { cutText, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import { Clock, isoInstant } from '../core/clock.ts'
import { ControlError } from '../core/errors.ts'
import type { Effect } from '../core/effects.ts'
import { maskError, secretsInQuery } from '../core/secrets.ts'
import { MemoryStore, type StoreLimits } from '../core/memory-store.ts'
import type { AccountInput, Mail, ProviderId } from '../core/model.ts'
import type { InboundMail, MailEndpoint } from '../core/mail.ts'
import type { HttpEndpoint, Provider, SimRequest, SimResponse } from '../core/provider.ts'
import type { NumberState } from '../core/numbers.ts'
import type { SmsEvent, Store } from '../core/store.ts'
import { PROVIDERS } from '../providers.ts'
import { CallbackGuard, type CallbackLookup } from './callback-guard.ts'
import { Callbacks, guardedHttpSender, type CallbackSender } from './callbacks.ts'
import { consume, faultNote, NO_FAULTS, type Faults } from './faults.ts'
import { RouteTable } from './routes.ts'

export interface SimulatorOptions {
  clock?: Clock
  store?: Store
  providers?: readonly Provider[]
  /** Accounts created at start and restored by `reset` (from the config file). */
  accounts?: AccountInput[]
  /** Number states set at start and restored by `reset` (from the config file). */
  numbers?: { number: string; state: NumberState }[]
  /** Create each provider's demo accounts too (default true). */
  demo?: boolean
  /**
   * How delivery-notification URLs are called (default: a GET over node:http, checked by
   * {@link Simulator.callbackGuard}). Under msw, pass one to route them to your handlers.
   */
  callbackSender?: CallbackSender
  /** Hosts, addresses and CIDRs notifications may go to besides loopback (`--callback-allow`). */
  callbackAllow?: readonly string[]
  /** How the default sender resolves names (default: the system's resolver). */
  callbackLookup?: CallbackLookup
  /** Where unexpected errors are reported (never to the client). */
  logger?: Pick<Console, 'error'>
  /** Retention bounds of the default store (core/memory-store.ts); tests lower them. */
  storeLimits?: Partial<StoreLimits>
}

/** What the HTTP adapters do with a request. */
export type HttpOutcome =
  { kind: 'response'; response: SimResponse } | { kind: 'drop' } | { kind: 'unrouted' }

/**
 * The faults a received mail meets before its providers decide (see {@link Simulator.takeMailFault}):
 * how long to wait before answering, and whether to drop the connection or answer a temporary
 * failure instead of handing the mail over.
 */
export interface MailFault {
  latencyMs: number
  failure?: 'drop' | 'tempfail'
}

/** Reactions to SMS events may cause more events (a flash retry fails too); bound the chain. */
const MAX_REACTION_ROUNDS = 8

/**
 * @example
 * const sim = new Simulator({ clock: new Clock({ now: '2026-01-05T09:00:00Z', frozen: true }) })
 * const outcome = await sim.handleHttp({ method: 'GET', host: 'www.smstob.com', path: '/http.php', query: 'email=…', headers: {}, body: new Uint8Array() })
 */
export class Simulator {
  readonly clock: Clock
  readonly store: Store
  readonly providers: ReadonlyMap<ProviderId, Provider>
  /** Delivery-notification calls under way or waiting for a retry. */
  readonly callbacks: Callbacks
  /** Where notifications may go; the server tells it smsim's own ports once it listens. */
  readonly callbackGuard: CallbackGuard
  /** Where the SMTP gateway listens once started (health shows it to remote runners). */
  smtp: { host: string; port: number } | undefined
  readonly #byHost = new Map<string, RouteTable>()
  readonly #byPrefix = new Map<string, RouteTable>()
  readonly #endpointProvider = new Map<HttpEndpoint, Provider>()
  readonly #faults = new Map<ProviderId, Faults>()
  readonly #accounts: AccountInput[]
  readonly #numbers: { number: string; state: NumberState }[]
  readonly #logger: Pick<Console, 'error'>
  readonly #mailListeners = new Set<(mail: Mail) => void>()

  constructor(options: SimulatorOptions = {}) {
    const providers = options.providers ?? PROVIDERS
    this.providers = new Map(providers.map((p) => [p.id, p]))
    this.clock = options.clock ?? new Clock()
    this.store =
      options.store ??
      new MemoryStore({
        normalizeId: (provider, id) => this.providers.get(provider)?.normalizeAccountId?.(id) ?? id,
        secretAccountIds: (provider) => this.providers.get(provider)?.accountIdIsSecret === true,
        ...(options.storeLimits ? { limits: options.storeLimits } : {}),
      })
    this.#logger = options.logger ?? console
    this.callbackGuard = new CallbackGuard({
      ...(options.callbackAllow ? { allow: options.callbackAllow } : {}),
      ...(options.callbackLookup ? { lookup: options.callbackLookup } : {}),
    })
    this.callbacks = new Callbacks(
      this.store,
      () => this.clock.now(),
      options.callbackSender ?? guardedHttpSender(this.callbackGuard),
    )
    this.#accounts = [
      ...(options.demo === false ? [] : providers.flatMap((p) => p.demo.accounts)),
      ...(options.accounts ?? []),
    ]
    this.#numbers = options.numbers ?? []
    for (const provider of providers) {
      const underPrefix = new RouteTable()
      for (const endpoint of provider.http) {
        this.#endpointProvider.set(endpoint, provider)
        for (const path of endpoint.prefixPaths ?? endpoint.paths) underPrefix.add(path, endpoint)
        for (const host of endpoint.hosts) {
          const table = this.#byHost.get(host) ?? new RouteTable()
          for (const path of endpoint.paths) table.add(path, endpoint)
          this.#byHost.set(host, table)
        }
      }
      this.#byPrefix.set(provider.prefix, underPrefix)
    }
    this.clock.onChange(() => this.tick())
    this.#seed()
  }

  /** The provider endpoint a request is for: by real host name, else by `/<provider>/` prefix. */
  route(
    host: string,
    path: string,
  ): { endpoint: HttpEndpoint; path: string; mount: string } | undefined {
    const hostTable = this.#byHost.get(host)
    if (hostTable) {
      const endpoint = hostTable.match(path)
      if (endpoint) return { endpoint, path, mount: '' }
    }
    const slash = path.indexOf('/', 1)
    const prefix = this.#byPrefix.get(slash < 0 ? path : path.slice(0, slash))
    if (!prefix || slash < 0) return undefined
    const rest = path.slice(slash)
    const endpoint = prefix.match(rest)
    return endpoint ? { endpoint, path: rest, mount: path.slice(0, slash) } : undefined
  }

  /** Whether a host name is one of the providers' real hosts. */
  isProviderHost(host: string): boolean {
    return this.#byHost.has(host)
  }

  /**
   * Handles one request to a provider endpoint: faults, then the provider's decision, applied
   * atomically, then the journal. Never throws: an unexpected error becomes a plain 500.
   */
  async handleHttp(request: SimRequest): Promise<HttpOutcome> {
    const routed = this.route(request.host, request.path)
    if (!routed) return { kind: 'unrouted' }
    const provider = this.#endpointProvider.get(routed.endpoint)!
    const endpoint = routed.endpoint
    const operation = endpoint.isOperation
      ? endpoint.isOperation({ ...request, path: routed.path })
      : true
    const faults = operation ? this.#faults.get(provider.id) : undefined
    if (faults && faults.latencyMs > 0)
      await new Promise((resolve) => setTimeout(resolve, faults.latencyMs))
    if (faults && consume(faults, 'drop')) {
      this.#journalFault(provider.id, request, 'connection dropped (fault)')
      return { kind: 'drop' }
    }
    if (faults && consume(faults, 'http500')) {
      this.#journalFault(provider.id, request, 'HTTP 500 (fault)', 500)
      return { kind: 'response', response: INTERNAL_ERROR }
    }
    // From here to the journal entry nothing awaits: the decision and its effects are atomic.
    try {
      this.tick()
      const now = this.clock.now()
      const refuse = faults && consume(faults, 'refuse') ? faults.refuse?.code : undefined
      const result = routed.endpoint.handle(
        // The prefix the request came under, as SimRequest documents (a WSDL's address, JSON's `/json`).
        // Object.assign: same object as a spread, a third of its cost (bench/README.md, suggestion 7).
        Object.assign({}, request, { path: routed.path, mount: routed.mount }),
        this.store,
        now,
        refuse,
      )
      const applied = this.apply(result.effects, now)
      // The answer was late or refused on purpose: say so, as for the other faults.
      const note = faults ? faultNote(faults, refuse) : undefined
      this.store.addJournal({
        at: isoInstant(now),
        provider: provider.id,
        ...result.journal,
        status: result.response.status,
        ...(applied.length ? { messages: applied } : {}),
        ...(note ? { note } : {}),
      })
      return { kind: 'response', response: result.response }
    } catch (error) {
      this.#logger.error(
        `smsim: ${provider.id} ${routed.endpoint.name} failed:`,
        maskError(error, requestSecrets(request)),
      )
      return { kind: 'response', response: INTERNAL_ERROR }
    }
  }

  /** The mail endpoint an RCPT TO address belongs to, if any (the gateway's address policy). */
  mailEndpoint(address: string): { provider: Provider; endpoint: MailEndpoint } | undefined {
    for (const provider of this.providers.values()) {
      for (const endpoint of provider.mail ?? []) {
        if (endpoint.accepts(address)) return { provider, endpoint }
      }
    }
    return undefined
  }

  /**
   * The credentials a mail's recipient address and subject carry, as the provider of that
   * address reads them (SMStoB's password, allmysms's apiKey): for the journal entries written
   * before or without the provider's decision, so that they are masked there too.
   */
  mailSecrets(recipient: string, subject: string): string[] {
    return this.mailEndpoint(recipient)?.endpoint.secretsIn?.(recipient, subject) ?? []
  }

  /** Every address the mail providers accept, for the 550 that names them. */
  mailAddresses(): string[] {
    return [...this.providers.values()].flatMap((p) => (p.mail ?? []).flatMap((e) => e.addresses))
  }

  /**
   * Hands a received mail to the provider of each of its recipients: faults, the decision,
   * applied atomically, then the journal. Never throws: an unexpected error is logged and
   * journalled, and the mail is still accepted (the sender gets no stack trace). `note` is
   * added to each journal entry (the gateway's injected latency).
   */
  handleMail(mail: InboundMail, note?: string): void {
    for (const recipient of mail.envelope.to) {
      const target = this.mailEndpoint(recipient)
      if (!target) continue
      const { provider, endpoint } = target
      const faults = this.#faults.get(provider.id)
      const now = this.clock.now()
      try {
        this.tick()
        const refuse = faults && consume(faults, 'refuse') ? faults.refuse?.code : undefined
        const result = endpoint.handle(mail, recipient, this.store, now, refuse)
        if (result.internalError !== undefined) {
          this.#logger.error(
            `smsim: ${provider.id} ${endpoint.name} failed:`,
            maskError(result.internalError, [
              ...(result.journal.secrets ?? []),
              ...this.mailSecrets(recipient, mail.subject),
            ]),
          )
        }
        const applied = this.apply(result.effects, now)
        this.store.addJournal({
          at: now.toISOString(),
          provider: provider.id,
          transport: 'smtp',
          ...result.journal,
          request: { ...mailFields(recipient, mail), ...result.journal.request },
          secrets: [
            ...(result.journal.secrets ?? []),
            ...this.mailSecrets(recipient, mail.subject),
          ],
          ...(applied.length ? { messages: applied } : {}),
          ...(noteOf(note, refuse) ? { note: noteOf(note, refuse) } : {}),
        })
      } catch (error) {
        this.#logger.error(
          `smsim: ${provider.id} ${endpoint.name} failed:`,
          maskError(error, this.mailSecrets(recipient, mail.subject)),
        )
        this.store.addJournal({
          at: now.toISOString(),
          provider: provider.id,
          transport: 'smtp',
          request: mailFields(recipient, mail),
          secrets: this.mailSecrets(recipient, mail.subject),
          note: 'internal error (see the smsim log)',
        })
      }
    }
  }

  /**
   * Takes the faults injected for the providers a mail is addressed to (`PUT /_smsim/faults`),
   * once for the whole mail, since SMTP answers a mail with one reply: the longest latency, and
   * a dropped connection (`drop`) or a temporary failure (`http500`, answered 451 on SMTP) when
   * one of those providers counts one. A failure is journalled for each provider it hit, and the
   * mail is then handed to none of them: the client will send it again.
   */
  takeMailFault(mail: InboundMail): MailFault {
    // Each provider once, with the first of its addresses the mail was sent to.
    const hit = new Map<ProviderId, { faults: Faults; recipient: string }>()
    for (const recipient of mail.envelope.to) {
      const provider = this.mailEndpoint(recipient)?.provider.id
      const faults = provider ? this.#faults.get(provider) : undefined
      if (provider && faults && !hit.has(provider)) hit.set(provider, { faults, recipient })
    }
    const latencyMs = Math.max(0, ...[...hit.values()].map((h) => h.faults.latencyMs))
    let failure: MailFault['failure']
    for (const [provider, { faults, recipient }] of hit) {
      const kind = consume(faults, 'drop')
        ? 'drop'
        : consume(faults, 'http500')
          ? 'tempfail'
          : undefined
      if (!kind) continue
      if (failure !== 'drop') failure = kind
      this.store.addJournal({
        at: this.clock.now().toISOString(),
        provider,
        transport: 'smtp',
        request: mailFields(recipient, mail),
        secrets: this.mailSecrets(recipient, mail.subject),
        note: kind === 'drop' ? 'connection dropped (fault)' : 'SMTP 451 (fault)',
        ...(kind === 'tempfail' ? { status: 451 } : {}),
      })
    }
    return { latencyMs, ...(failure ? { failure } : {}) }
  }

  /**
   * Calls `listener` with every mail a provider sends back, as it lands in the outbox (the
   * `--relay` hands them on). Listeners run synchronously inside a decision: they must only
   * queue work. Returns a function that removes the listener.
   */
  onMail(listener: (mail: Mail) => void): () => void {
    this.#mailListeners.add(listener)
    return () => void this.#mailListeners.delete(listener)
  }

  /** Applies effects and the providers' reactions to the SMS events they cause; returns SMS ids. */
  apply(effects: readonly Effect[], now: Date): string[] {
    const applied = this.store.apply(effects, now)
    this.#sent(applied.mails)
    this.callbacks.enqueue(applied.callbacks, now)
    this.#react(applied.events, now)
    return applied.sms.map((s) => s.id)
  }

  /** Tells the outbox listeners; one that throws is logged and never fails the decision. */
  #sent(mails: readonly Mail[]): void {
    for (const mail of mails) {
      for (const listener of this.#mailListeners) {
        try {
          listener(mail)
        } catch (error) {
          this.#logger.error('smsim: outbox listener failed:', error)
        }
      }
    }
  }

  /** Releases whatever fell due on the clock (deferred SMS, late deliveries, expiries). */
  tick(): void {
    const now = this.clock.now()
    this.#react(this.store.release(now), now)
    this.callbacks.run(now)
  }

  #react(events: SmsEvent[], now: Date): void {
    for (let round = 0; events.length > 0 && round < MAX_REACTION_ROUNDS; round++) {
      const next: SmsEvent[] = []
      for (const event of events) {
        const effects =
          this.providers.get(event.sms.provider)?.onSmsEvent?.(event, this.store, now) ?? []
        if (!effects.length) continue
        const applied = this.store.apply(effects, now)
        this.#sent(applied.mails)
        this.callbacks.enqueue(applied.callbacks, now)
        next.push(...applied.events)
      }
      events = next
    }
  }

  faults(provider: ProviderId): Faults {
    return { ...(this.#faults.get(provider) ?? NO_FAULTS) }
  }

  setFaults(provider: ProviderId, faults: Partial<Faults> | undefined): Faults {
    if (!this.providers.has(provider)) throw new ControlError(404, `no provider "${provider}"`)
    if (!faults) this.#faults.delete(provider)
    else this.#faults.set(provider, { ...NO_FAULTS, ...this.#faults.get(provider), ...faults })
    return this.faults(provider)
  }

  /** Empties the state, clears faults and number states, and restores the configured accounts. */
  reset(): void {
    this.store.reset()
    this.callbacks.clear()
    this.#faults.clear()
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

  #journalFault(provider: ProviderId, request: SimRequest, note: string, status?: number): void {
    this.store.addJournal({
      at: this.clock.now().toISOString(),
      provider,
      transport: 'http',
      // The request line as received, cut; the store masks its secret parameters (`pass=`).
      request: {
        method: cutText(request.method, JOURNAL_FIELD_CHARS),
        path: cutText(request.path, JOURNAL_FIELD_CHARS),
        query: cutText(request.query, JOURNAL_TEXT_CHARS),
      },
      note,
      ...(status ? { status } : {}),
    })
  }
}

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

/** What the journal keeps of a mail's envelope and headers, whoever decides it. */
function mailFields(
  recipient: string,
  mail: InboundMail,
): { to: string; from: string; subject: string } {
  return {
    to: cutText(recipient, JOURNAL_FIELD_CHARS),
    from: cutText(mail.from, JOURNAL_FIELD_CHARS),
    subject: cutText(mail.subject, JOURNAL_FIELD_CHARS),
  }
}

/** The journal note of a mail: the gateway's (an injected latency) and a refusal's. */
function noteOf(note: string | undefined, refuse: number | undefined): string | undefined {
  const notes = [
    ...(note ? [note] : []),
    ...(refuse !== undefined ? [`refused with code ${refuse} (fault)`] : []),
  ]
  return notes.length ? notes.join('; ') : undefined
}

const INTERNAL_ERROR: SimResponse = {
  status: 500,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'Internal Server Error',
}
