/**
 * Shared setup of allmysms's HTTP API 9.0 transport tests: smsim started on a free port, the
 * reference client {@link AllmysmsHttpClient} pointed at `/allmysms/http/9.0`, raw requests for
 * what the client will not write, and the state read back through the control API.
 *
 * Time is smsim's frozen clock at {@link MONDAY_9H}; every test ends by checking nothing was
 * logged (a request answered 500 by the catch-all fails the test that caused it).
 */
import { AllmysmsHttpClient, type AllmysmsHttpClientOptions } from '../../client/allmysms/http.ts'
import type { Account, JournalEntry, Sms } from '../../simulators/core/model.ts'
import type { NumberState } from '../../simulators/core/numbers.ts'
import type { TestSmsim } from '../../simulators/testing.ts'
import { controlOverHttp, resetEachTest, type AccountPatch } from '../support/control.ts'
import { recordingLogger } from '../support/logger.ts'
import { useTestSmsim } from '../support/smsim.ts'
import { ACCOUNT, MONDAY_9H } from './helpers.ts'

export { ACCOUNT, MONDAY_9H }

/** An answer as read off the wire. */
export interface WireAnswer {
  status: number
  contentType: string | null
  text: string
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: Record<string, unknown> | undefined
}

export interface AllmysmsHttpTarget {
  readonly smsim: TestSmsim
  /** The API's base on smsim, `…/allmysms/http/9.0`. */
  readonly base: string
  client(options?: Partial<AllmysmsHttpClientOptions>): AllmysmsHttpClient
  /** POSTs these fields urlencoded to an operation (`sendSms/`), login and apiKey added unless given. */
  post(operation: string, fields: Record<string, string>): Promise<WireAnswer>
  /** Any request, written by hand. */
  fetch(path: string, init?: RequestInit): Promise<WireAnswer>
  messages(filter?: { to?: string; status?: string }): Promise<Sms[]>
  journal(): Promise<JournalEntry[]>
  account(): Promise<Account>
  patchAccount(patch: AccountPatch): Promise<void>
  createAccount(id: string, secret: string, credits?: number): Promise<void>
  setNumber(number: string, state: NumberState): Promise<void>
  advance(ms: number): Promise<void>
  /** Credits and SMS, to show a refused request changed nothing. */
  snapshot(): Promise<{ credits: number; messages: Sms[] }>
}

async function read(response: Response): Promise<WireAnswer> {
  const text = await response.text()
  let json: Record<string, unknown> | undefined
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    json = undefined
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json }
}

/** Starts smsim for the enclosing `describe`, {@link ACCOUNT} with `credits` (default 100). */
export function useAllmysmsHttp(options: { credits?: number } = {}): AllmysmsHttpTarget {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger })
  const control = controlOverHttp(() => smsim().control, 'allmysms')
  resetEachTest(control, {
    now: MONDAY_9H,
    accounts: [{ id: ACCOUNT.login, secret: ACCOUNT.apiKey, credits: options.credits ?? 100 }],
    logger,
  })
  const base = () => `${smsim().url}/allmysms/http/9.0`
  const target: AllmysmsHttpTarget = {
    get smsim() {
      return smsim()
    },
    get base() {
      return base()
    },
    client: (o = {}) => new AllmysmsHttpClient({ baseUrl: base(), ...ACCOUNT, ...o }),
    async post(operation, fields) {
      const body = new URLSearchParams({ ...ACCOUNT, ...fields }).toString()
      return read(
        await fetch(`${base()}/${operation}`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      )
    },
    fetch: async (path, init) => read(await fetch(`${base()}${path}`, init)),
    messages: control.messages,
    journal: control.journal,
    account: () => control.account(ACCOUNT.login),
    patchAccount: (patch) => control.patchAccount(ACCOUNT.login, patch),
    createAccount: (id, secret, credits = 100) => control.createAccount({ id, secret, credits }),
    setNumber: control.setNumber,
    advance: control.advance,
    async snapshot() {
      return {
        credits: (await control.account(ACCOUNT.login)).credits,
        messages: await control.messages(),
      }
    },
  }
  return target
}
