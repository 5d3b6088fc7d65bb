/**
 * A client of smsim's control API, for whoever drives a smsim from outside: `smsim/testing`, the
 * testcontainers module, a team's own scripts. Plain fetch, no dependency.
 */
import { SmsimError } from './core/errors.ts'
import type { Mail, Sms, SmsStatus } from './core/model.ts'

/** A tiny JSON client of the control API (`/_smsim` is prepended to each path). */
export interface ControlClient {
  get<T = unknown>(path: string): Promise<T>
  post<T = unknown>(path: string, body?: unknown): Promise<T>
  put<T = unknown>(path: string, body: unknown): Promise<T>
  patch<T = unknown>(path: string, body: unknown): Promise<T>
  delete(path: string): Promise<void>
  /**
   * The first SMS that matches, as soon as it is on a phone (one already there counts: give
   * `since` to count only newer ones). Rejects with a {@link WaitTimeoutError} after `timeout`.
   */
  waitForSms(wait?: SmsWait): Promise<ShownSms>
  /** The first outbox mail that matches, as {@link waitForSms} does for SMS. */
  waitForMail(wait?: MailWait): Promise<Mail>
}

/** An SMS as the control API shows it, with the one-time code its text carries. */
export type ShownSms = Sms & { otp?: string }

/** What {@link ControlClient.waitForSms} waits for; every field given must match. */
export interface SmsWait {
  /** National or E.164. */
  to?: string
  provider?: string
  account?: string
  status?: SmsStatus
  /**
   * A text the SMS holds (looked for by smsim), or a pattern its text matches (tested here, on
   * each SMS the other fields select).
   */
  match?: string | RegExp
  /** Only SMS sent at or after this instant, on the simulator's clock. */
  since?: string | Date
  /** How long to wait in all, in milliseconds (default {@link DEFAULT_WAIT_TIMEOUT_MS}). */
  timeout?: number
}

/** What {@link ControlClient.waitForMail} waits for; every field given must match. */
export interface MailWait {
  /** The recipient, in any case. */
  to?: string
  provider?: string
  /** A text of the subject or the body (looked for by smsim), or a pattern one of them matches. */
  match?: string | RegExp
  since?: string | Date
  timeout?: number
}

/**
 * How long {@link ControlClient.waitForSms} and `waitForMail` wait when not told: an SMS an
 * application sends in the same test is on the phone in milliseconds; ten seconds covers a
 * slow, shared CI machine and still fails a test that waits for nothing long before its runner's
 * own timeout.
 */
export const DEFAULT_WAIT_TIMEOUT_MS = 10_000

/**
 * The longest one request waits (`wait=`): the server's own bound (`MAX_WAIT_MS`, 60 s). A
 * longer timeout asks again.
 */
const MAX_WAIT_PER_REQUEST_MS = 60_000

/** Nothing matched within the timeout of a `waitForSms` or `waitForMail`. */
export class WaitTimeoutError extends SmsimError {
  constructor(message: string) {
    super('SMSIM_WAIT_TIMEOUT', message)
  }
}

/** How {@link controlClient} reaches a smsim. */
export interface ControlClientOptions {
  /** The smsim's control token (`--control-token`), sent as `Authorization: Bearer …`. */
  token?: string
}

/**
 * A client of the control API of the smsim at `url`: bodies and answers are JSON, and an answer
 * that is not 2xx rejects with its status and body. Give it the token of an smsim started with
 * one.
 *
 * @example
 * const control = controlClient('http://127.0.0.1:8780', { token: process.env.SMSIM_CONTROL_TOKEN })
 * await control.put('/clock', { now: '2026-01-05T09:00:00+01:00', frozen: true })
 * const sms = await control.waitForSms({ to: '0660919010', timeout: 5000 })
 * sms.otp // '482913'
 */
export function controlClient(url: string, options: ControlClientOptions = {}): ControlClient {
  const send = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {}
    if (options.token) headers.authorization = `Bearer ${options.token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${url}/_smsim${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    return { status: response.status, text: await response.text() }
  }
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const { status, text } = await send(method, path, body)
    if (status < 200 || status > 299)
      throw new Error(`${method} /_smsim${path} → ${status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  /**
   * Asks the server to wait (`wait=`) for records past those already seen (`offset`), tests
   * them, and asks again until one matches or the timeout is over: the server waits, the client
   * never polls.
   */
  async function waitFor<T>(
    path: '/messages' | '/mails',
    filters: Record<string, string | undefined>,
    test: (record: T) => boolean,
    timeout: number,
    what: string,
  ): Promise<T> {
    // Real time, not the simulator's: the budget is how long this client waits on the network.
    // Monotonic, so a wall-clock step on the machine neither shortens nor stretches it.
    const deadline = performance.now() + timeout
    let seen = 0
    for (;;) {
      const left = deadline - performance.now()
      if (left <= 0) {
        const others = seen ? ` (${seen} other${seen > 1 ? 's' : ''} did not match)` : ''
        throw new WaitTimeoutError(`no ${what} arrived within ${timeout} ms${others}`)
      }
      const search = new URLSearchParams()
      for (const [name, value] of Object.entries(filters))
        if (value !== undefined) search.set(name, value)
      search.set('offset', String(seen))
      search.set('wait', `${Math.min(left, MAX_WAIT_PER_REQUEST_MS)}ms`)
      const { status, text } = await send('GET', `${path}?${search}`)
      // The server's deadline: ask again while the client's own is not over.
      if (status === 408) continue
      if (status !== 200) throw new Error(`GET /_smsim${path}?${search} → ${status} ${text}`)
      const records = JSON.parse(text) as T[]
      const found = records.find(test)
      if (found !== undefined) return found
      seen += records.length
    }
  }

  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    delete: async (path) => void (await call('DELETE', path)),
    waitForSms: ({ to, provider, account, status, match, since, timeout } = {}) =>
      waitFor<ShownSms>(
        '/messages',
        { to, provider, account, status, since: instant(since), q: searched(match) },
        (sms) => tested(match, sms.text),
        timeout ?? DEFAULT_WAIT_TIMEOUT_MS,
        `SMS${described({ to, provider, account, status, since: instant(since) }, match)}`,
      ),
    waitForMail: ({ to, provider, match, since, timeout } = {}) =>
      waitFor<Mail>(
        '/mails',
        { to, provider, since: instant(since), q: searched(match) },
        (mail) => tested(match, mail.subject) || tested(match, mail.text),
        timeout ?? DEFAULT_WAIT_TIMEOUT_MS,
        `mail${described({ to, provider, since: instant(since) }, match)}`,
      ),
  }
}

const instant = (since: string | Date | undefined) =>
  since instanceof Date ? since.toISOString() : since

/** A text to match is looked for by smsim (`q=`); a pattern is tested here. */
const searched = (match: string | RegExp | undefined) =>
  typeof match === 'string' ? match : undefined

function tested(match: string | RegExp | undefined, text: string): boolean {
  if (!(match instanceof RegExp)) return true
  // A global or sticky pattern remembers where it stopped: each text is tested from its start.
  match.lastIndex = 0
  return match.test(text)
}

/** ` to=0660919010, matching /code (\d+)/`, for the timeout's message. */
function described(
  filters: Record<string, string | undefined>,
  match: string | RegExp | undefined,
) {
  const named = Object.entries(filters)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${value}`)
  if (typeof match === 'string') named.push(`holding ${JSON.stringify(match)}`)
  else if (match) named.push(`matching ${String(match)}`)
  return named.length ? ` with ${named.join(', ')}` : ''
}
