/**
 * Shared setup of the JSON API's transport tests (STYLE.md §18–23).
 *
 * Like SMStoB's, every suite can run over both implementations of the HTTP side (§21): the
 * standalone server on 127.0.0.1 port 0 at `/aspsms/json/<Method>`, driven through its control
 * API, and msw in-process answering `https://json.aspsms.com/<Method>`. {@link useAspsmsJson}
 * hides which one a test talks to behind {@link JsonTarget}. The clock is frozen at
 * {@link MONDAY_9H} and moved with {@link JsonTarget.advance}; every test ends by checking that
 * the simulator logged no unexpected error.
 *
 * @example
 * describe.each(IMPLEMENTATIONS)('CheckCredits through $name', ({ kind }) => {
 *   const aspsms = useAspsmsJson(kind)
 *   it('answers the balance', async () => expect((await aspsms.post('CheckCredits', CREDENTIALS)).json.Credits).toBe('100'))
 * })
 */
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { AspsmsJsonClient } from '../../../client/aspsms/json.ts'
import type { AspsmsClientOptions } from '../../../client/aspsms/common.ts'
import type { Account, AccountInput, JournalEntry, Sms } from '../../../simulators/core/model.ts'
import type { NumberState } from '../../../simulators/core/numbers.ts'
import { parsePhone } from '../../../simulators/core/phone.ts'
import { createSimulator, smsimHandlers, type Simulator } from '../../../simulators/msw.ts'
import type { Faults } from '../../../simulators/server/faults.ts'
import { startTestSmsim, type TestSmsim } from '../../../simulators/testing.ts'

/** XMLSPEC's example UserKey, and a password. */
export const ACCOUNT = { id: 'I3QHMYKEY6E', secret: 'mypassword', credits: 100 } as const
/** The JSON API's credential keys for {@link ACCOUNT}. */
export const CREDENTIALS = { UserName: ACCOUNT.id, Password: ACCOUNT.secret } as const

/** A Swiss mobile as clients write it, and its E.164 form. */
export const MOBILE = '0041791234567'
export const MOBILE_E164 = '+41791234567'
/** Magic numbers (core/numbers.ts): unassigned, and phone off for 10 minutes. */
export const UNASSIGNED = '+41799990010'
export const PHONE_OFF_10_MIN = '+41799990013'

/** A Monday morning in Zurich, winter time (UTC+1): 08:00 UTC. */
export const MONDAY_9H = '2026-01-05T09:00:00+01:00'
export const MINUTE = 60_000

/** A good SendTextSMS; tests spread it and change what they test. */
export const SEND = {
  ...CREDENTIALS,
  Originator: 'ESF Tignes',
  Recipients: [MOBILE],
  MessageText: 'Bonjour',
} as const

/** The two implementations of the HTTP side, for `describe.each`. */
export const IMPLEMENTATIONS = [
  { name: 'the standalone server', kind: 'standalone' },
  { name: 'msw in-process', kind: 'msw' },
] as const

export type Implementation = (typeof IMPLEMENTATIONS)[number]['kind']

/** A request fixture of `simulators/aspsms/fixtures/`, as bytes. */
export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../../simulators/aspsms/fixtures/${name}`, import.meta.url))
}

export interface JsonAnswer {
  status: number
  contentType: string | null
  text: string
  /** The body parsed (`{}` when it is not JSON). */
  json: Record<string, unknown>
}

export interface PostOptions {
  /** The Content-Type to send; `null` sends none (default `application/json`). */
  contentType?: string | null
  method?: string
}

/** One implementation of the JSON API, and the state behind it. */
export interface JsonTarget {
  /** Where the methods live: `<baseUrl>/<Method>`. */
  readonly baseUrl: string
  /** The standalone server's own URL, or the real host's origin (msw). */
  readonly origin: string
  /** Posts `body` (an object is serialized; a string or bytes go as they are). */
  post(method: string, body?: unknown, options?: PostOptions): Promise<JsonAnswer>
  client(options?: Partial<AspsmsClientOptions>): AspsmsJsonClient
  advance(ms: number): Promise<void>
  setClock(now: string): Promise<void>
  createAccount(input: Omit<AccountInput, 'provider'>): Promise<void>
  patchAccount(
    id: string,
    patch: { credits?: number; options?: Record<string, unknown> },
  ): Promise<void>
  account(id?: string): Promise<Account>
  setNumber(number: string, state: NumberState): Promise<void>
  messages(filter?: { to?: string; status?: string }): Promise<Sms[]>
  journal(): Promise<JournalEntry[]>
  setFaults(faults: Partial<Faults>): Promise<void>
  clearFaults(): Promise<void>
}

/** A logger that records what it is given, instead of printing it (STYLE.md §22). */
function recordingLogger(): Pick<Console, 'error'> & { calls: unknown[][] } {
  const calls: unknown[][] = []
  return { calls, error: (...args: unknown[]) => void calls.push(args) }
}

/**
 * Starts one implementation for the enclosing `describe`; before each test empties its state,
 * freezes its clock at {@link MONDAY_9H} and creates {@link ACCOUNT} (unless told otherwise).
 */
export function useAspsmsJson(
  kind: Implementation,
  options: { accounts?: Omit<AccountInput, 'provider'>[] } = {},
): JsonTarget {
  const logger = recordingLogger()
  const accounts = options.accounts ?? [{ ...ACCOUNT }]
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

type Lifecycle = JsonTarget & {
  start(): Promise<void>
  close(): Promise<void>
  reset(): Promise<void>
}

/** Posts to `<baseUrl>/<method>` and reads the answer. */
async function postTo(
  baseUrl: string,
  method: string,
  body: unknown,
  options: PostOptions = {},
): Promise<JsonAnswer> {
  const contentType = options.contentType === undefined ? 'application/json' : options.contentType
  const payload =
    body === undefined
      ? undefined
      : typeof body === 'string' || body instanceof Uint8Array
        ? body
        : JSON.stringify(body)
  const response = await fetch(`${baseUrl}/${method}`, {
    method: options.method ?? 'POST',
    ...(payload !== undefined ? { body: payload } : {}),
    // A Blob without a type lets fetch send no Content-Type at all (a string body gets text/plain).
    ...(contentType === null && typeof payload === 'string' ? { body: new Blob([payload]) } : {}),
    ...(contentType !== null ? { headers: { 'content-type': contentType } } : {}),
  })
  const text = await response.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    // Not JSON: the test reads `text`.
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json }
}

function standaloneTarget(logger: Pick<Console, 'error'>): Lifecycle {
  let smsim: TestSmsim | undefined
  const running = (): TestSmsim => {
    if (!smsim) throw new Error('the standalone server is not started')
    return smsim
  }
  const control = () => running().control
  const target: Lifecycle = {
    get baseUrl() {
      return `${running().url}/aspsms/json`
    },
    get origin() {
      return running().url
    },
    post: (method, body, options) => postTo(target.baseUrl, method, body, options),
    client: (options = {}) =>
      new AspsmsJsonClient({
        baseUrl: target.baseUrl,
        userKey: ACCOUNT.id,
        password: ACCOUNT.secret,
        timeoutMs: 5000,
        ...options,
      }),
    async start() {
      smsim = await startTestSmsim({ logger })
    },
    close: () => running().close(),
    reset: async () => void (await control().post('/reset')),
    setClock: async (now) => void (await control().put('/clock', { now, frozen: true })),
    advance: async (ms) => void (await control().post('/clock/advance', { ms })),
    createAccount: async (input) =>
      void (await control().post('/accounts', { provider: 'aspsms', ...input })),
    patchAccount: async (id, patch) =>
      void (await control().patch(`/accounts/aspsms/${id}`, patch)),
    account: (id = ACCOUNT.id) => control().get<Account>(`/accounts/aspsms/${id}`),
    setNumber: async (number, state) =>
      void (await control().put(`/numbers/${encodeURIComponent(number)}`, state)),
    messages: (filter = {}) =>
      control().get<Sms[]>(`/messages?${new URLSearchParams({ provider: 'aspsms', ...filter })}`),
    journal: () => control().get<JournalEntry[]>('/journal?provider=aspsms'),
    setFaults: async (faults) => void (await control().put('/faults/aspsms', faults)),
    clearFaults: () => control().delete('/faults/aspsms'),
  }
  return target
}

/** msw in-process: the code under test calls `https://json.aspsms.com/<Method>` with fetch. */
function mswTarget(logger: Pick<Console, 'error'>): Lifecycle {
  const sim: Simulator = createSimulator({ logger })
  const server = setupServer(...smsimHandlers(sim))
  const copy = <T>(value: T): T => structuredClone(value)
  const baseUrl = 'https://json.aspsms.com'
  const target: Lifecycle = {
    baseUrl,
    origin: baseUrl,
    post: (method, body, options) => postTo(baseUrl, method, body, options),
    client: (options = {}) =>
      new AspsmsJsonClient({
        baseUrl,
        userKey: ACCOUNT.id,
        password: ACCOUNT.secret,
        timeoutMs: 5000,
        ...options,
      }),
    start: async () => server.listen({ onUnhandledRequest: 'error' }),
    close: async () => server.close(),
    reset: async () => sim.reset(),
    setClock: async (now) => void sim.clock.set(now, true),
    advance: async (ms) => void sim.clock.advance(ms),
    createAccount: async (input) =>
      void sim.store.createAccount({ provider: 'aspsms', ...input }, sim.clock.now()),
    patchAccount: async (id, patch) =>
      void sim.store.updateAccount('aspsms', id, patch, sim.clock.now()),
    async account(id = ACCOUNT.id) {
      const found = sim.store.account('aspsms', id)
      if (!found) throw new Error(`no aspsms account ${id}`)
      return copy(found)
    },
    setNumber: async (number, state) =>
      sim.store.setNumber(parsePhone(number)?.e164 ?? number, state),
    messages: async (filter = {}) =>
      copy(
        sim.store.messages({
          provider: 'aspsms',
          ...(filter.to ? { to: parsePhone(filter.to)?.e164 ?? filter.to } : {}),
          ...(filter.status ? { status: filter.status as Sms['status'] } : {}),
        }),
      ),
    journal: async () => copy(sim.store.journal({ provider: 'aspsms' })),
    setFaults: async (faults) => void sim.setFaults('aspsms', faults),
    clearFaults: async () => void sim.setFaults('aspsms', undefined),
  }
  return target
}

/**
 * One request with node:http to the standalone server, for what fetch will not send: a Host
 * header of our choosing, a Content-Length of our choosing. No connection reuse.
 */
export function rawHttp(
  serverUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}> {
  const { hostname, port } = new URL(serverUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        method: options.method ?? 'POST',
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
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}
