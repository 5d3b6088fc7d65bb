/**
 * What `GET /_smsim/messages` and `GET /_smsim/mails` read from their query string: the filters
 * (the store's own, and `since` and `q` on top), the page (`limit`, `offset`, `order`), how long
 * to wait for a first record (`wait`). Each query can both select the records it names and tell
 * whether one record it is handed (a change, while it waits) is one of them.
 */
import { toInstant } from '../core/clock.ts'
import { ControlError } from '../core/errors.ts'
import type { Mail, ProviderId, SmsStatus, Sms } from '../core/model.ts'
import { parsePhone } from '../core/phone.ts'
import type { Engine } from '../engine/engine.ts'
import { MAX_WAIT_MS } from './live-limits.ts'
import { checkOtpPattern } from './otp-pattern.ts'

/** Query string values as express gives them with the simple parser. */
export type QueryValues = Record<string, unknown>

/** Which records of a page, and in which order. */
export interface Page {
  /** Oldest first (`asc`, the default) or newest first (`desc`). */
  order: 'asc' | 'desc'
  offset: number
  /** All of them when not given. */
  limit?: number
}

export interface RecordQuery<T> {
  /** Every record the filters select, oldest first. */
  select(): T[]
  /** Whether one record (a change being told) is selected by the filters. */
  accepts(record: T): boolean
  page: Page
  /** `wait`, in milliseconds, when given. */
  waitMs?: number
  /** The filters as given, for the 408 that says what was awaited. */
  filters: Record<string, string>
}

/** The SMS query, with the client's own `otp` pattern when it gave one. */
export interface SmsQuery extends RecordQuery<Sms> {
  otpPattern?: string
}

/**
 * `GET /_smsim/messages?provider=&account=&to=&status=&since=&q=&otp=&wait=&limit=&offset=&order=`.
 *
 * @example
 * const query = smsQuery(sim, { to: '0660919010', q: 'code', wait: '5s' })
 * query.select() // the SMS to +33660919010 whose text holds "code", oldest first
 */
export function smsQuery(sim: Engine, values: QueryValues): SmsQuery {
  const provider = text(values, 'provider')
  const account = text(values, 'account')
  const rawTo = text(values, 'to')
  const to = rawTo ? (parsePhone(rawTo)?.e164 ?? rawTo) : undefined
  const status = text(values, 'status') as SmsStatus | undefined
  const since = instant(values)
  const q = text(values, 'q')
  const otp = text(values, 'otp')
  const store = {
    ...(provider ? { provider } : {}),
    ...(account ? { account } : {}),
    ...(to ? { to } : {}),
    ...(status ? { status } : {}),
  }
  const extra = (sms: Sms) =>
    (since === undefined || Date.parse(sms.submittedAt) >= since) &&
    (q === undefined || sms.text.includes(q))
  const waitMs = wait(values)
  return {
    select: () => {
      const selected = sim.store.messages(store)
      return since === undefined && q === undefined ? selected : selected.filter(extra)
    },
    // The store's own filter, record by record (core/memory-store.ts `messages`): an account is
    // compared as its provider compares ids.
    accepts: (sms) =>
      (!provider || sms.provider === provider) &&
      (!account ||
        sim.normalizeAccountId(sms.provider, sms.account) ===
          sim.normalizeAccountId(sms.provider, account)) &&
      (!to || sms.to === to) &&
      (!status || sms.status === status) &&
      extra(sms),
    page: page(values),
    ...(waitMs !== undefined ? { waitMs } : {}),
    filters: given(values, ['provider', 'account', 'to', 'status', 'since', 'q']),
    ...(otp ? { otpPattern: checkOtpPattern(otp) } : {}),
  }
}

/**
 * `GET /_smsim/mails?to=&provider=&since=&q=&wait=&limit=&offset=&order=`; `q` is looked for in
 * the subject and the text as shown (`shown`: the credentials a mail quotes masked), so that
 * a search cannot find a mail by a password it quotes.
 *
 * @example
 * mailQuery(sim, { to: 'ecole@example.fr', q: 'confirmation' }, views.mail).select()
 */
export function mailQuery(
  sim: Engine,
  values: QueryValues,
  shown: (mail: Mail) => Mail,
): RecordQuery<Mail> {
  const to = text(values, 'to')?.toLowerCase()
  const provider = text(values, 'provider') as ProviderId | undefined
  const since = instant(values)
  const q = text(values, 'q')
  const store = { ...(to ? { to } : {}), ...(provider ? { provider } : {}) }
  const extra = (mail: Mail) => {
    if (since !== undefined && Date.parse(mail.date) < since) return false
    if (q === undefined) return true
    const seen = shown(mail)
    return seen.subject.includes(q) || seen.text.includes(q)
  }
  const waitMs = wait(values)
  return {
    select: () => {
      const selected = sim.store.mails(store)
      return since === undefined && q === undefined ? selected : selected.filter(extra)
    },
    accepts: (mail) =>
      (!to || mail.to.toLowerCase() === to) &&
      (!provider || mail.provider === provider) &&
      extra(mail),
    page: page(values),
    ...(waitMs !== undefined ? { waitMs } : {}),
    filters: given(values, ['to', 'provider', 'since', 'q']),
  }
}

/**
 * The records of `page` out of `records` (oldest first, as selected).
 *
 * @example
 * pageOf([a, b, c], { order: 'desc', offset: 0, limit: 2 }) // [c, b]
 */
export function pageOf<T>(records: readonly T[], page: Page): T[] {
  const { offset, limit } = page
  if (page.order === 'asc')
    return records.slice(offset, limit === undefined ? undefined : offset + limit)
  const end = Math.max(0, records.length - offset)
  const start = limit === undefined ? 0 : Math.max(0, end - limit)
  return records.slice(start, end).reverse()
}

/**
 * `wait`: `500ms`, `5s`, `1.5s`, or a number of milliseconds; 0 answers at once (200 when a
 * record is there, 408 otherwise).
 *
 * @example
 * parseWait('1.5s') // 1500
 */
export function parseWait(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value.trim())
  const ms = match ? Number(match[1]) * (match[2] === 's' ? 1000 : 1) : Number.NaN
  if (!Number.isFinite(ms))
    throw new ControlError(400, `wait must be a duration such as 500ms, 5s or 2000, not "${value}"`)
  if (ms > MAX_WAIT_MS)
    throw new ControlError(
      400,
      `wait is at most ${MAX_WAIT_MS / 1000}s (${MAX_WAIT_MS} ms): ask again to wait longer`,
    )
  return Math.round(ms)
}

function wait(values: QueryValues): number | undefined {
  const value = text(values, 'wait')
  return value === undefined ? undefined : parseWait(value)
}

/** `since`: an ISO 8601 instant with its offset, on the simulator's clock. */
function instant(values: QueryValues): number | undefined {
  const value = text(values, 'since')
  if (value === undefined) return undefined
  try {
    return toInstant(value)
  } catch (error) {
    throw new ControlError(400, `since: ${(error as Error).message}`)
  }
}

function page(values: QueryValues): Page {
  const order = text(values, 'order') ?? 'asc'
  if (order !== 'asc' && order !== 'desc')
    throw new ControlError(400, 'order must be asc (oldest first) or desc (newest first)')
  const limit = count(values, 'limit')
  return { order, offset: count(values, 'offset') ?? 0, ...(limit !== undefined ? { limit } : {}) }
}

function count(values: QueryValues, name: string): number | undefined {
  const value = text(values, name)
  if (value === undefined) return undefined
  if (!/^\d{1,9}$/.test(value)) throw new ControlError(400, `${name} must be a whole number ≥ 0`)
  return Number(value)
}

/** A parameter given once and not empty; a repeated one is refused rather than half-read. */
function text(values: QueryValues, name: string): string | undefined {
  const value = values[name]
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string') throw new ControlError(400, `${name} is given more than once`)
  return value
}

function given(values: QueryValues, names: readonly string[]): Record<string, string> {
  const filters: Record<string, string> = {}
  for (const name of names) {
    const value = text(values, name)
    if (value !== undefined) filters[name] = value
  }
  return filters
}
