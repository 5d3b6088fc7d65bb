/**
 * Shared setup of SMStoB's transport tests (STYLE.md §18–23).
 *
 * Every suite runs over both implementations of the HTTP side (§21): the standalone server on
 * 127.0.0.1 port 0, driven through its control API, and the msw handlers in-process, driven
 * through the same {@link Simulator} a team would hold. {@link useSmstob} hides which one a
 * test talks to behind {@link SmstobTarget}; a test that only one transport can express (raw
 * bytes, a Host header, a header too large for Node's parser) uses {@link rawHttp} on the
 * standalone server.
 *
 * Time is the simulator's frozen clock, moved with {@link SmstobTarget.advance}: no test waits
 * on the wall clock. Unexpected errors are logged to a recording logger, and every test ends
 * by checking that nothing was logged: a request answered 500 by the catch-all fails the test
 * that caused it.
 *
 * @example
 * describe.each(IMPLEMENTATIONS)('code 80 through $name', ({ kind }) => {
 *   const smstob = useSmstob(kind)
 *   it('answers 80', async () => expect((await smstob.get(SEND)).body).toBe('80'))
 * })
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { SmstobHttpClient, type SmstobClientOptions } from '../../client/smstob/http.ts'
import type { Account, AccountInput, JournalEntry, Mail, Sms } from '../../simulators/core/model.ts'
import { parsePhone } from '../../simulators/core/phone.ts'
import { createSimulator, smsimHandlers, type Simulator } from '../../simulators/msw.ts'
import type { Faults } from '../../simulators/server/faults.ts'
import { importContacts } from '../../simulators/smstob/contacts.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

/** The school of the tests; `XV65JU` is the document's own example password (§2, syntax 3). */
export const ECOLE = { email: 'ecole@example.fr', pass: 'XV65JU' } as const

/** The document's example mobile number (§2) and its E.164 form. */
export const MOBILE = '0660919010'
export const MOBILE_E164 = '+33660919010'

/** A Monday morning in Paris, winter time (UTC+1): 08:00 UTC. */
export const MONDAY_9H = '2026-01-05T09:00:00+01:00'

export const HOUR = 3600_000
export const DAY = 24 * HOUR

/** The fields of a good send; tests spread it and change what they test. */
export const SEND = {
  email: ECOLE.email,
  pass: ECOLE.pass,
  numero: MOBILE,
  message: 'Bonjour',
} as const

/** The two implementations of the HTTP side, for `describe.each` (STYLE.md §21). */
export const IMPLEMENTATIONS = [
  { name: 'the standalone server', kind: 'standalone' },
  { name: 'msw in-process', kind: 'msw' },
] as const

export type Implementation = (typeof IMPLEMENTATIONS)[number]['kind']

/** The request fields of `http.php`; `undefined` leaves a field out of the query. */
export type Fields = Record<string, string | undefined>

export interface AnsweredPage {
  status: number
  body: string
  contentType: string | null
}

/** One implementation of SMStoB's HTTP side, and the state behind it. */
export interface SmstobTarget {
  /** `http.php`'s URL. */
  readonly httpPhp: string
  /** Where `http.php` lives, for {@link SmstobHttpClient}'s `baseUrl`. */
  readonly baseUrl: string
  /** The real host's origin the target answers (msw) or the server's own URL (standalone). */
  readonly origin: string
  /** A client logged in as {@link ECOLE} unless told otherwise. */
  client(options?: Partial<SmstobClientOptions>): SmstobHttpClient
  /** GET `http.php` with these fields, percent-encoded as UTF-8. */
  get(fields: Fields): Promise<AnsweredPage>
  /** Any request to `http.php` with a query string written by hand. */
  fetch(query: string, init?: RequestInit): Promise<Response>
  advance(ms: number): Promise<void>
  setClock(now: string): Promise<void>
  createAccount(input: Omit<AccountInput, 'provider'>): Promise<void>
  patchAccount(
    id: string,
    patch: { credits?: number; options?: Record<string, unknown> },
  ): Promise<void>
  account(id?: string): Promise<Account>
  /** Imports a `;`-separated contact file as a group of the account (§6–7). */
  importGroup(
    name: string,
    csv: string | Uint8Array,
    contentType?: string,
  ): Promise<{ group: string; imported: number; rejected: { line: number; reason: string }[] }>
  messages(filter?: { to?: string; status?: string }): Promise<Sms[]>
  mails(to?: string): Promise<Mail[]>
  journal(): Promise<JournalEntry[]>
  /** Empties the state, as `POST /_smsim/reset` does: accounts, SMS, mails, journal, faults. */
  reset(): Promise<void>
  faults(): Promise<Faults>
  setFaults(faults: Partial<Faults>): Promise<Faults>
  clearFaults(): Promise<void>
  /** Credits of the account and every SMS, to show a bad request changed nothing. */
  snapshot(): Promise<{ credits: number; messages: Sms[] }>
}

/** A logger that records what it is given (STYLE.md §22), instead of printing it. */
export function recordingLogger(): Pick<Console, 'error'> & { calls: unknown[][] } {
  const calls: unknown[][] = []
  return { calls, error: (...args: unknown[]) => void calls.push(args) }
}

export interface UseSmstobOptions {
  /** Accounts created before each test (default: {@link ECOLE} with 10 credits). */
  accounts?: Omit<AccountInput, 'provider'>[]
}

/**
 * Starts one implementation for the enclosing `describe`, and before each test empties its
 * state, freezes its clock at {@link MONDAY_9H} and creates the accounts. Closes it after the
 * last test.
 */
export function useSmstob(kind: Implementation, options: UseSmstobOptions = {}): SmstobTarget {
  const logger = recordingLogger()
  const accounts = options.accounts ?? [{ id: ECOLE.email, secret: ECOLE.pass, credits: 10 }]
  const target = kind === 'standalone' ? standaloneTarget(logger) : mswTarget(logger)
  beforeAll(() => target.start())
  afterAll(() => target.close())
  beforeEach(async () => {
    await target.reset()
    await target.setClock(MONDAY_9H)
    for (const account of accounts) await target.createAccount(account)
  })
  afterEach(() => {
    const logged = logger.calls.splice(0)
    expect(logged, 'errors logged by the simulator').toEqual([])
  })
  return target
}

type Lifecycle = SmstobTarget & {
  start(): Promise<void>
  close(): Promise<void>
}

type CommonPart = 'client' | 'get' | 'fetch' | 'snapshot'

/** The parts of a target that are the same whatever serves `http.php`. */
function common(
  target: Pick<SmstobTarget, 'httpPhp' | 'baseUrl' | 'account' | 'messages'>,
): Pick<SmstobTarget, CommonPart> {
  return {
    client: (options = {}) =>
      new SmstobHttpClient({ baseUrl: target.baseUrl, ...ECOLE, timeoutMs: 5000, ...options }),
    fetch: (query, init) => fetch(`${target.httpPhp}?${query}`, init),
    async get(fields) {
      const response = await fetch(`${target.httpPhp}?${encodeFields(fields)}`)
      return {
        status: response.status,
        body: await response.text(),
        contentType: response.headers.get('content-type'),
      }
    },
    async snapshot() {
      return { credits: (await target.account()).credits, messages: await target.messages() }
    },
  }
}

/** The standalone server, driven through its control API over HTTP. */
function standaloneTarget(logger: Pick<Console, 'error'>): Lifecycle {
  let smsim: TestSmsim | undefined
  const running = (): TestSmsim => {
    if (!smsim) throw new Error('the standalone server is not started')
    return smsim
  }
  const control = () => running().control
  const account = (id = ECOLE.email) => control().get<Account>(`/accounts/smstob/${id}`)
  const messages = (filter: { to?: string; status?: string } = {}) =>
    control().get<Sms[]>(`/messages?${new URLSearchParams({ provider: 'smstob', ...filter })}`)
  const target: Omit<Lifecycle, CommonPart> = {
    get httpPhp() {
      return `${running().url}/smstob/http.php`
    },
    get baseUrl() {
      return `${running().url}/smstob`
    },
    get origin() {
      return running().url
    },
    async start() {
      smsim = await startTestSmsim({ logger })
    },
    close: () => running().close(),
    reset: async () => void (await control().post('/reset')),
    setClock: async (now) => void (await control().put('/clock', { now, frozen: true })),
    advance: async (ms) => void (await control().post('/clock/advance', { ms })),
    createAccount: async (input) =>
      void (await control().post('/accounts', { provider: 'smstob', ...input })),
    patchAccount: async (id, patch) =>
      void (await control().patch(`/accounts/smstob/${id}`, patch)),
    account,
    async importGroup(name, csv, contentType = 'text/csv') {
      const response = await fetch(
        `${running().url}/_smsim/accounts/smstob/${ECOLE.email}/groups/${encodeURIComponent(name)}`,
        { method: 'PUT', body: csv, headers: { 'content-type': contentType } },
      )
      expect(response.status).toBe(200)
      return (await response.json()) as Awaited<ReturnType<SmstobTarget['importGroup']>>
    },
    messages,
    mails: (to) => control().get<Mail[]>(`/mails${to ? `?${new URLSearchParams({ to })}` : ''}`),
    journal: () => control().get<JournalEntry[]>('/journal?provider=smstob'),
    faults: () => control().get<Faults>('/faults/smstob'),
    setFaults: (faults) => control().put<Faults>('/faults/smstob', faults),
    clearFaults: () => control().delete('/faults/smstob'),
  }
  return Object.assign(target, common(target))
}

/** msw in-process: the code under test calls `http://www.smstob.com/http.php` with fetch. */
function mswTarget(logger: Pick<Console, 'error'>): Lifecycle {
  const sim: Simulator = createSimulator({ logger })
  const server = setupServer(...smsimHandlers(sim))
  // Copies, as the control API's JSON would be: later changes must not show in what a test read.
  const copy = <T>(value: T): T => structuredClone(value)
  const mustAccount = (id: string): Account => {
    const found = sim.store.account('smstob', id)
    if (!found) throw new Error(`no smstob account ${id}`)
    return found
  }
  const account = async (id = ECOLE.email) => copy(mustAccount(id))
  const messages = async (filter: { to?: string; status?: string } = {}) =>
    copy(
      sim.store.messages({
        provider: 'smstob',
        ...(filter.to ? { to: parsePhone(filter.to)?.e164 ?? filter.to } : {}),
        ...(filter.status ? { status: filter.status as Sms['status'] } : {}),
      }),
    )
  const target: Omit<Lifecycle, CommonPart> = {
    httpPhp: 'http://www.smstob.com/http.php',
    baseUrl: 'http://www.smstob.com',
    origin: 'http://www.smstob.com',
    start: async () => server.listen({ onUnhandledRequest: 'error' }),
    close: async () => server.close(),
    reset: async () => sim.reset(),
    setClock: async (now) => void sim.clock.set(now, true),
    advance: async (ms) => void sim.clock.advance(ms),
    createAccount: async (input) =>
      void sim.store.createAccount({ provider: 'smstob', ...input }, sim.clock.now()),
    patchAccount: async (id, patch) =>
      void sim.store.updateAccount('smstob', id, patch, sim.clock.now()),
    account,
    async importGroup(name, csv) {
      // What a team using msw does: read the file with the same reader the control API uses.
      const text = typeof csv === 'string' ? csv : new TextDecoder().decode(csv)
      const { contacts, rejected } = importContacts(text)
      const groups = { ...(mustAccount(ECOLE.email).options.groups as object), [name]: contacts }
      sim.store.updateAccount('smstob', ECOLE.email, { options: { groups } }, sim.clock.now())
      return { group: name, imported: contacts.length, rejected }
    },
    messages,
    mails: async (to) => copy(sim.store.mails(to ? { to } : {})),
    journal: async () => copy(sim.store.journal({ provider: 'smstob' })),
    faults: async () => sim.faults('smstob'),
    setFaults: async (faults) => sim.setFaults('smstob', faults),
    clearFaults: async () => void sim.setFaults('smstob', undefined),
  }
  return Object.assign(target, common(target))
}

/** Percent-encodes fields as UTF-8 (`application/x-www-form-urlencoded`), leaving out `undefined`. */
export function encodeFields(fields: Fields): string {
  const defined = Object.entries(fields).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  )
  return new URLSearchParams(defined).toString()
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * One request with node:http, for what fetch will not send: a Host header of our choosing, raw
 * bytes in the path (each char of `path` is written as one byte), a header of any size. No
 * connection reuse, so that a request the server refuses cannot affect the next one.
 */
export function rawHttp(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer },
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('latin1'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}
