/**
 * iSendPro's REST API, the request side: an HTTP request's parameters read once — the JSON body
 * whatever its Content-Type (the provider's own curl and PHP samples send none, research §C.1),
 * else a form body, and the query string beneath — into the fields each operation reads, or
 * why they cannot be read. No account, no clock: rest.ts decides.
 *
 * @see shared/research/french-providers.md — §C.1 "Endpoints", "Field rules"
 * @see shared/research/french-http-clients.md — "iSendPro REST", "What a simulator must accept"
 */
import { localToInstant } from '../core/calendar.ts'
import { charsetOf, parseForm } from '../core/form.ts'
import type { SimRequest } from '../core/provider.ts'
import type { Recipient } from './model.ts'
import { MAX_RECIPIENTS } from './read.ts'

/**
 * Most values a list field (`num[]`, `sms[]`, `tracker[]`) is read to: one past the 500
 * recipients a request may name (23), so that a 10,000-number body costs no more than a
 * 501-number one beyond JSON.parse (the server's body cap, 256 KiB, bounds that).
 */
export const MAX_LIST_READ = MAX_RECIPIENTS + 1

/** "Le tracker doit être une chaine alphanumérique de moins de 50 caractères." */
export const MAX_TRACKER_CHARS = 49

/** A parameter as the request gives it: text, a list of texts, or a value of the wrong type. */
export type Param = string | string[] | { wrongType: string }

/** The parameters of a request, by name (own properties only: `__proto__` is just a name). */
export type Params = Map<string, Param>

/** A request's parameters, or why its body could not be read at all. */
export type ParamsReading = { ok: true; params: Params } | { ok: false; detail: string }

/**
 * Reads the parameters: the query string, then the body over it — JSON when it parses as a JSON
 * object (any Content-Type, none included), a form when it is urlencoded. A body that starts like
 * JSON (`{`, `[`) and does not parse, or is JSON but not an object, cannot be read.
 *
 * @example
 * readParams({ method: 'POST', query: '', headers: {}, body: utf8('{"keyid":"k","num":"0601020304"}'), … })
 * // { ok: true, params: Map { 'keyid' => 'k', 'num' => '0601020304' } }
 * readParams({ …, body: utf8('{"keyid":') }) // { ok: false, detail: 'the body is not valid JSON: …' }
 */
export function readParams(request: SimRequest): ParamsReading {
  const params: Params = new Map()
  for (const [name, value] of parseForm(request.query)) params.set(name, value)
  const text = Buffer.from(request.body).toString('utf8')
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, params }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown
    try {
      json = JSON.parse(trimmed)
    } catch (error) {
      return { ok: false, detail: `the body is not valid JSON: ${(error as Error).message}` }
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      return { ok: false, detail: 'the body is JSON but not an object' }
    for (const name of Object.keys(json))
      params.set(name, paramOf((json as Record<string, unknown>)[name]))
    return { ok: true, params }
  }
  for (const [name, value] of parseForm(request.body, charsetOf(request.headers['content-type'])))
    params.set(name.replace(/\[\]$/, ''), value)
  return { ok: true, params }
}

/** A JSON value as a parameter: numbers as written (a number `33680010203`), lists of them. */
function paramOf(value: unknown): Param {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (Array.isArray(value)) {
    const items: string[] = []
    for (const item of value.slice(0, MAX_LIST_READ)) {
      if (typeof item === 'string') items.push(item)
      else if (typeof item === 'number' && Number.isFinite(item)) items.push(String(item))
      else return { wrongType: `a list holding ${item === null ? 'null' : typeof item}` }
    }
    return items
  }
  if (value === null) return { wrongType: 'null' }
  return { wrongType: Array.isArray(value) ? 'list' : typeof value }
}

/** A field read as one text: absent, the text, or why it is not one. */
export type TextField = { ok: true; value?: string } | { ok: false; detail: string }

/**
 * One text parameter. A list of one is its text (ours: a client that wraps every value).
 *
 * @example
 * textParam(new Map([['num', ['0601020304']]]), 'num') // { ok: true, value: '0601020304' }
 */
export function textParam(params: Params, name: string): TextField {
  const value = params.get(name)
  if (value === undefined) return { ok: true }
  if (typeof value === 'string') return { ok: true, value }
  if (Array.isArray(value) && value.length === 1) return { ok: true, value: value[0]! }
  return {
    ok: false,
    detail: `${name} must be a text, not ${Array.isArray(value) ? 'a list' : value.wrongType}`,
  }
}

/** A field read as a list of texts: a text alone is a list of one (ours). */
export type ListField = { ok: true; value?: string[] } | { ok: false; detail: string }

export function listParam(params: Params, name: string): ListField {
  const value = params.get(name)
  if (value === undefined) return { ok: true }
  if (typeof value === 'string') return { ok: true, value: [value] }
  if (Array.isArray(value)) return { ok: true, value }
  return { ok: false, detail: `${name} must be a list of texts, not ${value.wrongType}` }
}

/** The send fields of `/sms`, `/smsmulti` and `/comptage`, once their types are right. */
export interface RestSend {
  keyid?: string
  /** The numbers as written, at most {@link MAX_LIST_READ}. */
  nums: string[]
  /** The messages: one for all, or one per number (`/smsmulti`). */
  sms: string[]
  trackers: string[]
  emetteur?: string
  smslong?: string
  nostop?: string
  ucs2?: string
  dateEnvoi?: string
  gmtZone?: string
  /** More numbers than {@link MAX_RECIPIENTS} were given (23). */
  tooMany: boolean
  /** Parameters iSendPro's specification does not list for the operation. */
  ignored: string[]
}

const SEND_FIELDS = [
  'keyid',
  'num',
  'sms',
  'tracker',
  'emetteur',
  'smslong',
  'nostop',
  'ucs2',
  'date_envoi',
  'gmt_zone',
  'numAzur',
  'repertoireId',
  'comptage',
]

/**
 * The send fields, `multi` for `/smsmulti` (`num[]`, `sms[]`, `tracker[]`), or the first type
 * error.
 *
 * @example
 * readSend(new Map([['keyid', 'k'], ['num', '0601020304'], ['sms', 'Bonjour']]), false)
 * // { ok: true, send: { keyid: 'k', nums: ['0601020304'], sms: ['Bonjour'], trackers: [], … } }
 */
export function readSend(
  params: Params,
  multi: boolean,
): { ok: true; send: RestSend } | { ok: false; detail: string } {
  const texts: Record<string, string | undefined> = {}
  for (const name of [
    'keyid',
    'emetteur',
    'smslong',
    'nostop',
    'ucs2',
    'date_envoi',
    'gmt_zone',
  ] as const) {
    const field = textParam(params, name)
    if (!field.ok) return field
    texts[name] = field.value
  }
  const lists: Record<'num' | 'sms' | 'tracker', string[]> = { num: [], sms: [], tracker: [] }
  for (const name of ['num', 'sms', 'tracker'] as const) {
    const field = multi ? listParam(params, name) : textParam(params, name)
    if (!field.ok) return field
    const value = field.value
    lists[name] = value === undefined ? [] : typeof value === 'string' ? [value] : value
  }
  const nums = lists.num.filter((n) => n.trim() !== '')
  return {
    ok: true,
    send: {
      ...(texts.keyid !== undefined ? { keyid: texts.keyid } : {}),
      nums: nums.slice(0, MAX_LIST_READ),
      sms: lists.sms,
      trackers: lists.tracker,
      ...(texts.emetteur !== undefined ? { emetteur: texts.emetteur } : {}),
      ...(texts.smslong !== undefined ? { smslong: texts.smslong } : {}),
      ...(texts.nostop !== undefined ? { nostop: texts.nostop } : {}),
      ...(texts.ucs2 !== undefined ? { ucs2: texts.ucs2 } : {}),
      ...(texts.date_envoi ? { dateEnvoi: texts.date_envoi } : {}),
      ...(texts.gmt_zone ? { gmtZone: texts.gmt_zone } : {}),
      tooMany: nums.length > MAX_RECIPIENTS,
      ignored: [...params.keys()].filter((name) => !SEND_FIELDS.includes(name)),
    },
  }
}

/**
 * The recipients of a send: each number with its message — its own `sms[i]` when the request
 * gives one per number, else the one `sms` — and its own tracker.
 *
 * @example
 * recipientsOf({ nums: ['0601020304', '0601020305'], sms: ['A', 'B'], trackers: ['t1'], … })
 * // [{ tel: '0601020304', message: 'A', tracker: 't1' }, { tel: '0601020305', message: 'B' }]
 */
export function recipientsOf(send: RestSend): Recipient[] {
  const shared = send.sms.length === 1 ? send.sms[0] : undefined
  const sharedTracker = send.trackers.length === 1 ? send.trackers[0] : undefined
  return send.nums.map((tel, i) => {
    const message = shared ?? send.sms[i]
    const tracker = sharedTracker ?? send.trackers[i]
    return {
      tel,
      ...(message !== undefined ? { message } : {}),
      ...(tracker !== undefined && tracker.length <= MAX_TRACKER_CHARS ? { tracker } : {}),
    }
  })
}

/** The zone of `date_envoi` without `gmt_zone`, and of `/campagne`'s dates (ours: the service's). */
export const DEFAULT_GMT_ZONE = 'Europe/Paris'

/** `date_envoi`, `date_deb`, `date_fin`: "YYYY-MM-DD hh:mm" (seconds tolerated, ours). */
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * A "YYYY-MM-DD hh:mm" in a zone, or `undefined` (a bad date, an unknown zone, an hour the
 * clocks skip).
 *
 * @example
 * readLocalDate('2026-01-05 09:00', 'Europe/Paris') // 2026-01-05T08:00:00.000Z
 */
export function readLocalDate(value: string, zone: string): Date | undefined {
  const match = LOCAL_DATE.exec(value.trim())
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0))
  return localToInstant(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! },
    zone,
  )
}
