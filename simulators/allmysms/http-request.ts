/**
 * Reading an allmysms HTTP API 9.0 request: its parameters — from the query string and a form
 * body, urlencoded or multipart, as real clients send them — and the `smsData` stream, JSON or
 * XML, into one {@link SendInput}. Pure; never throws: a stream that cannot be read is the code
 * it earns.
 *
 * @see shared/research/french-providers.md — §B.1.1 "sendSms with smsData", "Simplified send"
 * @see shared/research/french-http-clients.md — "What a simulator must accept (summary)"
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { charsetOf, parseForm } from '../core/form.ts'
import type { SimRequest } from '../core/provider.ts'
import type { StreamTag } from './codes.ts'
import { MAX_DYNAMIC, MAX_RECIPIENTS } from './wire.ts'

/**
 * The request's parameters: the query string, then the body's fields on top (a POST's body
 * wins, as PHP's `$_REQUEST`). The body is read as a form when it is urlencoded — or declares
 * no Content-Type — and as parts when it is multipart.
 *
 * @example
 * readParams({ method: 'GET', query: 'login=arthur45&apiKey=x', … }).get('login') // 'arthur45'
 */
export function readParams(request: SimRequest): Map<string, string> {
  const params = parseForm(request.query, 'utf-8')
  if (request.body.byteLength === 0) return params
  const type = request.headers['content-type']
  // Multipart: its fields were read before the decision (SimRequest.form).
  let body = request.form
  if (!body && (!type || /^application\/x-www-form-urlencoded\b/i.test(type)))
    body = parseForm(request.body, charsetOf(type) === 'auto' ? 'utf-8' : charsetOf(type))
  for (const [name, value] of body ?? []) params.set(name, value)
  return params
}

/** One recipient of a send, as the stream gives it. */
export interface Recipient {
  /** The number as written. */
  mobile: string
  /** The values of `#param_N#`, by N (1-based). */
  params: ReadonlyMap<number, string>
}

/** A send, read from `smsData` or from the simplified send's parameters. */
export interface SendInput {
  message: string
  recipients: Recipient[]
  /** How many `#param_N#` the message uses (`DYNAMIC`); 0: no merge. */
  dynamic: number
  flash: boolean
  tracking: boolean
  tpoa?: string
  date?: string
  campaignName?: string
  cliMsgId?: string
  masterAccount?: string
  /** `CLIENT`, when the stream names one (code 108). */
  client?: string
}

/** A stream read, or the code it earns and the tag it stops at. */
export type StreamReading =
  | { ok: true; input: SendInput; format: 'json' | 'xml' }
  | { ok: false; code: 105 | 106 | 107 | 109 | 112; tag?: StreamTag }

const XML = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: true,
  isArray: (name) => name === 'SMS',
})

/**
 * Reads `smsData`: JSON when it starts with `{`, XML when it starts with `<` (allmysms's own
 * sample), anything else is not a stream (106).
 *
 * @example
 * readSmsData('{"DATA":{"MESSAGE":"Bonjour","SMS":[{"MOBILEPHONE":"0612345678"}]}}')
 * // { ok: true, format: 'json', input: { message: 'Bonjour', recipients: [{ mobile: '0612345678', … }], … } }
 * readSmsData('')       // { ok: false, code: 105 }
 * readSmsData('{"DATA"') // { ok: false, code: 106, tag: 'DATA' }
 */
export function readSmsData(raw: string | undefined): StreamReading {
  const text = (raw ?? '').trim()
  if (text === '') return { ok: false, code: 105 }
  let root: unknown
  let format: 'json' | 'xml'
  if (text.startsWith('{')) {
    format = 'json'
    try {
      root = JSON.parse(text)
    } catch {
      return { ok: false, code: 106, tag: 'DATA' }
    }
  } else if (text.startsWith('<')) {
    format = 'xml'
    if (XMLValidator.validate(text) !== true) return { ok: false, code: 106, tag: 'DATA' }
    try {
      root = XML.parse(text)
    } catch {
      return { ok: false, code: 106, tag: 'DATA' }
    }
  } else return { ok: false, code: 106, tag: 'DATA' }
  const data = isObject(root) ? root.DATA : undefined
  if (!isObject(data)) return { ok: false, code: 106, tag: 'DATA' }
  const reading = readData(data)
  return reading.ok ? { ok: true, input: reading.input, format } : reading
}

type DataReading =
  { ok: true; input: SendInput } | { ok: false; code: 107 | 109 | 112; tag: StreamTag }

function readData(data: Record<string, unknown>): DataReading {
  if (data.MESSAGE === undefined || data.MESSAGE === null || isObject(data.MESSAGE))
    return { ok: false, code: 109, tag: 'MESSAGE' }
  const message = scalar(data.MESSAGE)
  if (message === undefined) return { ok: false, code: 109, tag: 'MESSAGE' }

  const strings = ['TPOA', 'DATE', 'CAMPAIGN_NAME', 'CLIMSGID', 'MASTERACCOUNT'] as const
  const read: Partial<Record<(typeof strings)[number], string>> = {}
  for (const tag of strings) {
    const value = data[tag]
    if (value === undefined || value === null) continue
    const text = scalar(value)
    if (text === undefined) return { ok: false, code: 112, tag }
    if (text.trim() !== '') read[tag] = text.trim()
  }
  const flags: Partial<Record<'FLASH' | 'MAIL_NOTIF' | 'TRACKING', boolean>> = {}
  for (const tag of ['FLASH', 'MAIL_NOTIF', 'TRACKING'] as const) {
    const value = data[tag]
    if (value === undefined || value === null || value === '') continue
    const flag = readFlag(value)
    if (flag === undefined) return { ok: false, code: 112, tag }
    flags[tag] = flag
  }
  let dynamic = 0
  if (data.DYNAMIC !== undefined && data.DYNAMIC !== null && data.DYNAMIC !== '') {
    const text = scalar(data.DYNAMIC)
    if (text === undefined || !/^\d{1,2}$/.test(text.trim()) || Number(text) > MAX_DYNAMIC)
      return { ok: false, code: 112, tag: 'DYNAMIC' }
    dynamic = Number(text)
  }

  const list = data.SMS
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_RECIPIENTS)
    return { ok: false, code: 107, tag: 'SMS' }
  const recipients: Recipient[] = []
  for (const entry of list) {
    if (!isObject(entry)) return { ok: false, code: 107, tag: 'SMS' }
    const mobile = scalar(entry.MOBILEPHONE)
    if (mobile === undefined) return { ok: false, code: 107, tag: 'SMS' }
    recipients.push({ mobile: mobile.trim(), params: recipientParams(entry) })
  }
  const client = scalar(data.CLIENT)
  return {
    ok: true,
    input: {
      message,
      recipients,
      dynamic,
      flash: flags.FLASH ?? false,
      tracking: flags.TRACKING ?? false,
      ...(read.TPOA !== undefined ? { tpoa: read.TPOA } : {}),
      ...(read.DATE !== undefined ? { date: read.DATE } : {}),
      ...(read.CAMPAIGN_NAME !== undefined ? { campaignName: read.CAMPAIGN_NAME } : {}),
      ...(read.CLIMSGID !== undefined ? { cliMsgId: read.CLIMSGID } : {}),
      ...(read.MASTERACCOUNT !== undefined ? { masterAccount: read.MASTERACCOUNT } : {}),
      ...(client !== undefined && client.trim() !== '' ? { client: client.trim() } : {}),
    },
  }
}

/**
 * The `#param_N#` values of one recipient: `PARAM_N` (the API's, 1-based) and davaxi's
 * `PARAMS_N` (0-based: its `PARAMS_0` is the first parameter). Values of other types are left
 * out (ours).
 */
function recipientParams(entry: Record<string, unknown>): Map<number, string> {
  const params = new Map<number, string>()
  for (const [key, value] of Object.entries(entry)) {
    const m = /^PARAM(S?)_(\d{1,2})$/.exec(key)
    const text = scalar(value)
    if (!m || text === undefined) continue
    const n = Number(m[2]) + (m[1] === 'S' ? 1 : 0)
    if (n >= 1 && n <= MAX_DYNAMIC) params.set(n, text)
  }
  return params
}

/**
 * The message one recipient gets: each `#param_N#` with N up to `dynamic` replaced by the
 * recipient's value; a placeholder without a value stays as written (ours: research leaves
 * "unmerged or refused" open, french-http-clients.md "davaxi").
 *
 * @example
 * mergeParams('Bonjour #param_1#', 1, new Map([[1, 'Alice']])) // 'Bonjour Alice'
 * mergeParams('Bonjour #param_1#', 0, new Map([[1, 'Alice']])) // 'Bonjour #param_1#'
 */
export function mergeParams(
  message: string,
  dynamic: number,
  params: ReadonlyMap<number, string>,
): string {
  if (dynamic === 0) return message
  return message.replace(/#param_(\d{1,2})#/gi, (whole, n: string) => {
    const index = Number(n)
    return index <= dynamic ? (params.get(index) ?? whole) : whole
  })
}

/**
 * The simplified send (`/http/9.0/` with plain parameters): `message`, `mobile` (`;`-joined),
 * `tpoa`, `date`, `flash`, `campaign`. Empty values are absent.
 */
export function readSimpleSend(params: ReadonlyMap<string, string>): SendInput {
  const value = (name: string) => {
    const v = params.get(name)?.trim()
    return v ? v : undefined
  }
  const mobiles = (params.get('mobile') ?? '')
    .split(';')
    .map((m) => m.trim())
    .filter((m) => m !== '')
  const tpoa = value('tpoa')
  const date = value('date')
  const campaign = value('campaign')
  return {
    message: params.get('message') ?? '',
    recipients: mobiles.map((mobile) => ({ mobile, params: new Map() })),
    dynamic: 0,
    flash: value('flash') === '1',
    tracking: false,
    ...(tpoa !== undefined ? { tpoa } : {}),
    ...(date !== undefined ? { date } : {}),
    ...(campaign !== undefined ? { campaignName: campaign } : {}),
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A string, or a number written as one (`"MOBILEPHONE": 33612345678`); else undefined. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/** `1`/`0`, as a string, a number or a boolean. */
function readFlag(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === '1') return true
  if (value === false || value === 0 || value === '0') return false
  return undefined
}
