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
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, expect } from 'vitest'
import { SmstobHttpClient, type SmstobClientOptions } from '../../client/smstob/http.ts'
import type { Account, AccountInput, JournalEntry, Mail, Sms } from '../../simulators/core/model.ts'
import { createSimulator, smsimHandlers, type Simulator } from '../../simulators/msw.ts'
import type { Faults } from '../../simulators/engine/faults.ts'
import { importContacts } from '../../simulators/smstob/contacts.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'
import {
  controlInProcess,
  controlOverHttp,
  resetEachTest,
  type ProviderControl,
} from '../support/control.ts'
import type { Implementation } from '../support/implementations.ts'
import { recordingLogger, type RecordingLogger } from '../support/logger.ts'
import {
  rawHttp as rawHttpRequest,
  type RawRequest,
  type RawResponse,
} from '../support/raw-http.ts'

export { IMPLEMENTATIONS, type Implementation } from '../support/implementations.ts'
export type { RawResponse } from '../support/raw-http.ts'

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
  resetEachTest(target, { now: MONDAY_9H, accounts, logger })
  return target
}

type Lifecycle = SmstobTarget & {
  start(): Promise<void>
  close(): Promise<void>
  resetAt(now: string): Promise<void>
}

type CommonPart = 'client' | 'get' | 'fetch' | 'snapshot'

/** The state behind a target, with {@link ECOLE}'s account unless told otherwise. */
function smstobState(control: ProviderControl): ProviderControl & Pick<SmstobTarget, 'account'> {
  return { ...control, account: (id = ECOLE.email) => control.account(id) }
}

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
function standaloneTarget(logger: RecordingLogger): Lifecycle {
  let smsim: TestSmsim | undefined
  const running = (): TestSmsim => {
    if (!smsim) throw new Error('the standalone server is not started')
    return smsim
  }
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
    ...smstobState(controlOverHttp(() => running().control, 'smstob')),
    async importGroup(name, csv, contentType = 'text/csv') {
      const response = await fetch(
        `${running().url}/_smsim/accounts/smstob/${ECOLE.email}/groups/${encodeURIComponent(name)}`,
        { method: 'PUT', body: csv, headers: { 'content-type': contentType } },
      )
      expect(response.status).toBe(200)
      return (await response.json()) as Awaited<ReturnType<SmstobTarget['importGroup']>>
    },
  }
  return Object.assign(target, common(target))
}

/** msw in-process: the code under test calls `http://www.smstob.com/http.php` with fetch. */
function mswTarget(logger: RecordingLogger): Lifecycle {
  const sim: Simulator = createSimulator({ logger })
  const server = setupServer(...smsimHandlers(sim))
  const target: Omit<Lifecycle, CommonPart> = {
    httpPhp: 'http://www.smstob.com/http.php',
    baseUrl: 'http://www.smstob.com',
    origin: 'http://www.smstob.com',
    start: async () => server.listen({ onUnhandledRequest: 'error' }),
    close: async () => server.close(),
    ...smstobState(controlInProcess(sim, 'smstob')),
    async importGroup(name, csv) {
      // What a team using msw does: read the file with the same reader the control API uses.
      const text = typeof csv === 'string' ? csv : new TextDecoder().decode(csv)
      const { contacts, rejected } = importContacts(text)
      const account = sim.store.account('smstob', ECOLE.email)
      if (!account) throw new Error(`no smstob account ${ECOLE.email}`)
      const groups = { ...(account.options.groups as object), [name]: contacts }
      sim.store.updateAccount('smstob', ECOLE.email, { options: { groups } }, sim.clock.now())
      return { group: name, imported: contacts.length, rejected }
    },
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

/** One request with node:http (see test/support/raw-http.ts), its body read byte for byte (latin1). */
export function rawHttp(
  baseUrl: string,
  request: Omit<RawRequest, 'encoding'>,
): Promise<RawResponse> {
  return rawHttpRequest(baseUrl, { ...request, encoding: 'latin1' })
}
