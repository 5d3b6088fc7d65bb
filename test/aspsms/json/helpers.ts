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
import { setupServer } from 'msw/node'
import { afterAll, beforeAll } from 'vitest'
import { AspsmsJsonClient } from '../../../client/aspsms/json.ts'
import type { AspsmsClientOptions } from '../../../client/aspsms/common.ts'
import type { Account, AccountInput, JournalEntry, Sms } from '../../../simulators/core/model.ts'
import type { NumberState } from '../../../simulators/core/numbers.ts'
import { createSimulator, smsimHandlers, type Simulator } from '../../../simulators/msw.ts'
import type { Faults } from '../../../simulators/engine/faults.ts'
import { startTestSmsim, type TestSmsim } from '../../../simulators/testing.ts'
import {
  controlInProcess,
  controlOverHttp,
  resetEachTest,
  type ProviderControl,
} from '../../support/control.ts'
import { fixtureReader } from '../../support/fixtures.ts'
import type { Implementation } from '../../support/implementations.ts'
import { recordingLogger, type RecordingLogger } from '../../support/logger.ts'
import {
  rawHttp as rawHttpRequest,
  type RawRequest,
  type RawResponse,
} from '../../support/raw-http.ts'

export { IMPLEMENTATIONS, type Implementation } from '../../support/implementations.ts'

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

/** A request fixture of `simulators/aspsms/fixtures/`, as bytes. */
export const fixture = fixtureReader('aspsms')

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
  resetEachTest(target, { now: MONDAY_9H, accounts, logger })
  return target
}

type Lifecycle = JsonTarget & {
  start(): Promise<void>
  close(): Promise<void>
  resetAt(now: string): Promise<void>
}

/** What a target does whatever serves the JSON API at `baseUrl`. */
function jsonTarget(
  baseUrl: () => string,
  control: ProviderControl,
): Omit<JsonTarget, 'baseUrl' | 'origin'> & Pick<Lifecycle, 'resetAt'> {
  return {
    post: (method, body, options) => postTo(baseUrl(), method, body, options),
    client: (options = {}) =>
      new AspsmsJsonClient({
        baseUrl: baseUrl(),
        userKey: ACCOUNT.id,
        password: ACCOUNT.secret,
        timeoutMs: 5000,
        ...options,
      }),
    resetAt: control.resetAt,
    setClock: control.setClock,
    advance: control.advance,
    createAccount: control.createAccount,
    patchAccount: control.patchAccount,
    account: (id = ACCOUNT.id) => control.account(id),
    setNumber: control.setNumber,
    messages: control.messages,
    journal: control.journal,
    setFaults: async (faults) => void (await control.setFaults(faults)),
    clearFaults: control.clearFaults,
  }
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

function standaloneTarget(logger: RecordingLogger): Lifecycle {
  let smsim: TestSmsim | undefined
  const running = (): TestSmsim => {
    if (!smsim) throw new Error('the standalone server is not started')
    return smsim
  }
  const baseUrl = () => `${running().url}/aspsms/json`
  return {
    get baseUrl() {
      return baseUrl()
    },
    get origin() {
      return running().url
    },
    ...jsonTarget(
      baseUrl,
      controlOverHttp(() => running().control, 'aspsms'),
    ),
    async start() {
      smsim = await startTestSmsim({ logger })
    },
    close: () => running().close(),
  }
}

/** msw in-process: the code under test calls `https://json.aspsms.com/<Method>` with fetch. */
function mswTarget(logger: RecordingLogger): Lifecycle {
  const sim: Simulator = createSimulator({ logger })
  const server = setupServer(...smsimHandlers(sim))
  const baseUrl = 'https://json.aspsms.com'
  return {
    baseUrl,
    origin: baseUrl,
    ...jsonTarget(() => baseUrl, controlInProcess(sim, 'aspsms')),
    start: async () => server.listen({ onUnhandledRequest: 'error' }),
    close: async () => server.close(),
  }
}

/**
 * One request with node:http to the standalone server (see test/support/raw-http.ts): a POST
 * unless told otherwise, for what fetch will not send (a Host header of our choosing, a
 * Content-Length of our choosing).
 */
export function rawHttp(serverUrl: string, request: RawRequest): Promise<RawResponse> {
  return rawHttpRequest(serverUrl, { ...request, method: request.method ?? 'POST' })
}
