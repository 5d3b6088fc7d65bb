/**
 * Shared setup of ASPSMS's transport tests (STYLE.md §18–23): the standalone server on
 * 127.0.0.1 port 0, its control API, the request fixtures of `simulators/aspsms/fixtures/`,
 * and raw HTTP for what `fetch` will not send (a Host header of our choosing, headers repeated
 * or in a given order, bytes that are no valid URL encoding).
 *
 * Time is the simulator's frozen clock, moved with {@link AspsmsSmsim.advance}: no test waits on
 * the wall clock. Unexpected errors are logged to a recording logger, and every test ends by
 * checking that nothing was logged.
 *
 * @example
 * const smsim = useAspsms()
 * it('answers the balance', async () => {
 *   const answer = await fetch(`${smsim.url}/aspsms/aspsmsx2.asmx/CheckCredits?UserKey=I3QHMYKEY6E&Password=mypassword`)
 *   expect(await answer.text()).toContain('Credits:100')
 * })
 */
import type { Account, AccountInput, JournalEntry, Sms } from '../../simulators/core/model.ts'
import type { Faults } from '../../simulators/engine/faults.ts'
import type { TestSmsim } from '../../simulators/testing.ts'
import { controlOverHttp, resetEachTest } from '../support/control.ts'
import { fixtureReader } from '../support/fixtures.ts'
import { recordingLogger } from '../support/logger.ts'
import { rawHttp, type RawResponse } from '../support/raw-http.ts'
import { useTestSmsim } from '../support/smsim.ts'

export type { RawResponse } from '../support/raw-http.ts'

/** XMLSPEC's example UserKey, with a password and 100 credits. */
export const ACCOUNT = { id: 'I3QHMYKEY6E', secret: 'mypassword', credits: 100 } as const

/** A Monday morning in Zurich, winter time (UTC+1): 08:00 UTC. */
export const MONDAY_9H = '2026-01-05T09:00:00+01:00'
export const MINUTE = 60_000

/** An ordinary Swiss mobile (delivered at once). */
export const MOBILE = '+41791234567'
/** Magic numbers (simulators/core/numbers.ts): not assigned; phone off for 10 minutes. */
export const UNASSIGNED = '+41799990010'
export const PHONE_OFF_10_MIN = '+41799990013'

/** A file of `simulators/aspsms/fixtures/`, as bytes. */
export const fixture = fixtureReader('aspsms')

/** The standalone server of the enclosing `describe`, and its state. */
export interface AspsmsSmsim {
  /** The server's base URL (`http://127.0.0.1:<port>`). */
  readonly url: string
  readonly control: TestSmsim['control']
  account(id?: string): Promise<Account>
  createAccount(input: Omit<AccountInput, 'provider'>): Promise<void>
  patchAccount(
    id: string,
    patch: { credits?: number; options?: Record<string, unknown> },
  ): Promise<void>
  /** ASPSMS's SMS, oldest first, optionally to one number. */
  messages(to?: string): Promise<Sms[]>
  journal(): Promise<JournalEntry[]>
  advance(ms: number): Promise<void>
  setFaults(faults: Partial<Faults> & { refuse?: { code: number; times?: number } }): Promise<void>
}

/**
 * Starts the standalone server for the enclosing `describe`; before each test empties its
 * state, freezes the clock at {@link MONDAY_9H} and creates the accounts (default
 * {@link ACCOUNT}). Closes it after the last test.
 */
export function useAspsms(
  options: { accounts?: Omit<AccountInput, 'provider'>[] } = {},
): AspsmsSmsim {
  const logger = recordingLogger()
  const accounts = options.accounts ?? [{ ...ACCOUNT }]
  const smsim = useTestSmsim({ logger })
  const aspsms = controlOverHttp(() => smsim().control, 'aspsms')
  const target: AspsmsSmsim = {
    get url() {
      return smsim().url
    },
    get control() {
      return smsim().control
    },
    account: (id = ACCOUNT.id) => aspsms.account(id),
    createAccount: aspsms.createAccount,
    patchAccount: aspsms.patchAccount,
    messages: (to) => aspsms.messages(to ? { to } : {}),
    journal: aspsms.journal,
    advance: aspsms.advance,
    setFaults: async (faults) => void (await aspsms.setFaults(faults)),
  }
  resetEachTest(aspsms, { now: MONDAY_9H, accounts, logger })
  return target
}

/** A whole HTTP request: what a `.http` fixture holds. */
export interface WireRequest {
  method: string
  /** The request target as written (path and query). */
  target: string
  /** Header lines in order, repeats kept. */
  headers: [string, string][]
  body: Buffer
}

/**
 * Reads a `.http` fixture: request line, header lines, an empty line, the body bytes.
 *
 * @example
 * parseWireRequest(fixture('asmx-soap11-zeep-SendTextSMS.http')).headers[0] // ['Host', '127.0.0.1:37111']
 */
export function parseWireRequest(bytes: Buffer): WireRequest {
  const end = bytes.indexOf('\r\n\r\n')
  const [line, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n')
  const [method, target] = line!.split(' ')
  return {
    method: method!,
    target: target!,
    headers: lines.map((h) => {
      const colon = h.indexOf(':')
      return [h.slice(0, colon), h.slice(colon + 1).trim()]
    }),
    body: bytes.subarray(end + 4),
  }
}

/** ASPSMS's real host names: a fixture sent to one of them keeps its Host header. */
const REAL_HOSTS = /^(soap|webservice)\.aspsms\.com$/i

/**
 * Sends a request with node:http, headers in the given order and repeats kept. The Host header
 * is kept when it names ASPSMS's real host (the server routes by it), and otherwise replaced by
 * the server's own. No connection reuse, so that a refused request cannot affect the next one.
 */
export function sendRaw(baseUrl: string, request: WireRequest): Promise<RawResponse> {
  const { host } = new URL(baseUrl)
  const headers = request.headers.flatMap(([name, value]) =>
    name.toLowerCase() === 'host' ? [name, REAL_HOSTS.test(value) ? value : host] : [name, value],
  )
  if (!request.headers.some(([name]) => name.toLowerCase() === 'host')) headers.push('Host', host)
  return rawHttp(baseUrl, {
    method: request.method,
    path: request.target,
    headers,
    body: request.body,
  })
}

/** Replays a `.http` fixture against the server. */
export function replay(smsim: AspsmsSmsim, name: string): Promise<RawResponse> {
  return sendRaw(smsim.url, parseWireRequest(fixture(name)))
}
