/**
 * What the four ASPSMS clients share: their options, their inputs, and the one result shape
 * every transport answers with, so that a scenario reads `result.status === 1` or
 * `result.records` the same way whether it went through JSON, SOAP, the ASMX HTTP bindings or
 * the XML interface.
 *
 * @see shared/research/aspsms.md — §1.3 (SOAP/HTTP result strings), §2.4 (XML reply), §3.3 (JSON)
 */
import { DateTime } from 'luxon'
import {
  ASPSMS_DELIVERY_STATUS,
  ASPSMS_REASON_CODES,
  aspsmsStatusText,
} from '../../simulators/aspsms/codes.ts'
import { ASPSMS_TIME_ZONE } from '../../simulators/aspsms/dates.ts'

export interface AspsmsClientOptions {
  /** The service's URL; each client has the real service as its default. */
  baseUrl?: string
  /** The UserKey (JSON calls it `UserName`). */
  userKey: string
  password: string
  /** Sent with every send when the input gives none. */
  affiliateId?: string
  /** Give up after this many milliseconds (default 10 s): the call rejects. */
  timeoutMs?: number
  /**
   * The fetch to use. Left out, `globalThis.fetch` is looked up at each call, so that a client
   * built before msw's `server.listen()` still goes through msw.
   */
  fetch?: typeof fetch
}

/** A recipient: a number, or a number with the transaction reference number to track it by. */
export type AspsmsRecipientInput = string | { number: string; trn?: string }

export interface AspsmsNotificationUrls {
  /** Called when the SMS was buffered (phone off); the TRN is appended, or placeholders filled. */
  urlBuffered?: string
  /** Called when the SMS was delivered. */
  urlDelivered?: string
  /** Called when the SMS was not delivered. */
  urlNonDelivered?: string
}

export interface AspsmsSendInput extends AspsmsNotificationUrls {
  recipients: AspsmsRecipientInput | readonly AspsmsRecipientInput[]
  text: string
  originator?: string
  /**
   * Send later. A Date is written in each interface's format (`ddmmyyyyhhmmss` at GMT+1 shifted
   * by {@link timeZone}, ISO 8601 over JSON); a string goes as it is.
   */
  deferred?: Date | string
  /** XMLSPEC's TimeZone: the offset from GMT+1 in hours (GMT+3 → 2, GMT-4 → -5). */
  timeZone?: number
  flashing?: boolean
  affiliateId?: string
  /** JSON's ForceGSM7bit: characters outside GSM 03.38 become `?` instead of forcing UCS-2. */
  forceGsm7?: boolean
}

export interface AspsmsTokenInput extends AspsmsNotificationUrls {
  recipients: AspsmsRecipientInput | readonly AspsmsRecipientInput[]
  /** Left out, the recipient's own number is the sender (TOKENDOC). */
  originator?: string
  /** The text, with `<VERIFICATIONCODE>` where the code goes. */
  text?: string
  reference?: string
  validityMinutes?: number
  /** `#` a digit, `A` a letter, `N` either; other characters are literal (default `NNNN`). */
  mask?: string
  /** A code of the caller's choosing instead of one built from the mask. */
  verificationCode?: string
  caseSensitive?: boolean
  affiliateId?: string
}

export interface AspsmsVerifyInput {
  phoneNumber: string
  reference?: string
  code: string
}

/** One delivery record, the same from every interface. */
export interface AspsmsDeliveryRecord {
  trn: string
  /** -1 not yet submitted, 0 delivered, 1 buffered, 2 not delivered (XMLSPEC Appendix a). */
  status: number
  statusText: string
  /** ISO 8601 UTC; absent while unknown. */
  submittedAt?: string
  notifiedAt?: string
  /** Reason code (0 when delivered); absent while there is none. */
  reason?: number
  reasonText?: string
}

/** The interface a result came through. */
export type AspsmsClientTransport = 'json' | 'soap' | 'http' | 'xml'

/**
 * The result of any call, from any interface.
 *
 * `status` is ASPSMS's status code (1 = OK), read from `StatusCode` (JSON), `StatusCode:n`
 * (SOAP/HTTP) or `<ErrorCode>` (XML); **0 when the answer held none** (an HTTP error page, a
 * SOAP fault, a parser error: `statusText` says what came back). A successful inquiry is 1
 * on every interface, although JSON writes it `"0"`.
 */
export interface AspsmsResult {
  /** The call did what was asked: status 1 (28–31 for CheckOriginatorAuthorization). */
  ok: boolean
  status: number
  statusText: string
  /** CheckCredits: the balance. */
  credits?: number
  /** XML with UsedCredits: what the send cost. */
  creditsUsed?: number
  /** InquireDeliveryNotifications: one record per known TRN. */
  records?: AspsmsDeliveryRecord[]
  /** CheckOriginatorAuthorization: may this originator be used (31 authorized, 28 no restriction). */
  authorized?: boolean
  /** VersionInfo, GetStatusCodeDescription: the text. */
  text?: string
  transport: AspsmsClientTransport
  httpStatus: number
  /** The body as received. */
  raw: string
}

/** The operations every interface offers (the XML interface has no tokens). */
export interface AspsmsCommonClient {
  sendText(input: AspsmsSendInput): Promise<AspsmsResult>
  sendUnicode(input: AspsmsSendInput): Promise<AspsmsResult>
  checkCredits(): Promise<AspsmsResult>
  inquireDeliveryNotifications(trns: readonly string[]): Promise<AspsmsResult>
  sendOriginatorUnlockCode(originator: string): Promise<AspsmsResult>
  unlockOriginator(originator: string, unlockCode: string): Promise<AspsmsResult>
  checkOriginatorAuthorization(originator: string): Promise<AspsmsResult>
}

/** The common operations plus security tokens (JSON, SOAP, HTTP). */
export interface AspsmsClient extends AspsmsCommonClient {
  sendToken(input: AspsmsTokenInput): Promise<AspsmsResult>
  verifyToken(input: AspsmsVerifyInput): Promise<AspsmsResult>
}

export const ASPSMS_NAMESPACE = 'https://webservice.aspsms.com/aspsmsx2.asmx'
export const ASPSMS_DEFAULT_URLS = {
  json: 'https://json.aspsms.com',
  soap: 'https://soap.aspsms.com/aspsmsx2.asmx',
  http: 'https://soap.aspsms.com/aspsmsx2.asmx',
  xml: 'http://xml1.aspsms.com:5061/xmlsvr.asp',
} as const

/** Statuses by which CheckOriginatorAuthorization says where an originator stands. */
const ORIGINATOR_STATES = [28, 29, 30, 31]

/**
 * Builds a result from a status: `ok`, `authorized` and, unless the answer gave one, the text
 * from the code table.
 *
 * @example
 * resultOf('CheckOriginatorAuthorization', 31, { transport: 'soap', httpStatus: 200, raw: '…' })
 * // { ok: true, status: 31, statusText: 'Originator already authorized', authorized: true, … }
 */
export function resultOf(
  operation: string,
  status: number,
  fields: Omit<AspsmsResult, 'ok' | 'status' | 'statusText'> & { statusText?: string },
): AspsmsResult {
  const check = operation === 'CheckOriginatorAuthorization'
  return {
    ok: check ? ORIGINATOR_STATES.includes(status) : status === 1,
    status,
    ...fields,
    statusText: fields.statusText ?? aspsmsStatusText(status) ?? '',
    ...(check && ORIGINATOR_STATES.includes(status)
      ? { authorized: status === 31 || status === 28 }
      : {}),
  }
}

/**
 * A result for an answer that holds no ASPSMS status: status 0.
 *
 * @example
 * unreadable('json', 501, 'Not Implemented').statusText // 'not an ASPSMS answer (HTTP 501): Not Implemented'
 */
export function unreadable(
  transport: AspsmsClientTransport,
  httpStatus: number,
  raw: string,
  why = 'not an ASPSMS answer',
): AspsmsResult {
  return {
    ok: false,
    status: 0,
    statusText: `${why} (HTTP ${httpStatus}): ${raw.slice(0, 200)}`,
    transport,
    httpStatus,
    raw,
  }
}

/**
 * The recipients as a list of `{ number, trn }`.
 *
 * @example
 * recipientList('+41791234567') // [{ number: '+41791234567' }]
 */
export function recipientList(
  recipients: AspsmsSendInput['recipients'],
): { number: string; trn?: string }[] {
  const list: readonly AspsmsRecipientInput[] =
    typeof recipients === 'string' || !Array.isArray(recipients)
      ? [recipients as AspsmsRecipientInput]
      : recipients
  return list.map((r) => (typeof r === 'string' ? { number: r } : r))
}

/**
 * The SOAP/HTTP syntax `num1:TRN1;num2` (SendSimpleTextSMS takes numbers only).
 *
 * @example
 * recipientString([{ number: '0041791234567', trn: 'a1' }, '+41761234567']) // '0041791234567:a1;+41761234567'
 */
export function recipientString(recipients: AspsmsSendInput['recipients']): string {
  return recipientList(recipients)
    .map((r) => (r.trn ? `${r.number}:${r.trn}` : r.number))
    .join(';')
}

/**
 * A deferred time as XMLSPEC writes it: `ddmmyyyyhhmmss`, wall time at GMT+1+`timeZone`.
 *
 * @example
 * formatDeferred(new Date('2001-06-15T19:00:00Z')) // '15062001200000'
 */
export function formatDeferred(date: Date, timeZone = 0): string {
  const shifted = new Date(date.getTime() + (1 + timeZone) * 3600_000)
  const two = (n: number) => String(n).padStart(2, '0')
  return (
    two(shifted.getUTCDate()) +
    two(shifted.getUTCMonth() + 1) +
    String(shifted.getUTCFullYear()) +
    two(shifted.getUTCHours()) +
    two(shifted.getUTCMinutes()) +
    two(shifted.getUTCSeconds())
  )
}

/**
 * A `ddmmyyyyhhmmss` date of a delivery record (Swiss local time, as the simulator writes it;
 * the real service's zone is not documented) as ISO 8601 UTC, or `undefined`.
 *
 * @example
 * parseAspsmsDate('30012013144546') // '2013-01-30T13:45:46Z'
 */
export function parseAspsmsDate(value: string | undefined): string | undefined {
  const m = /^(\d\d)(\d\d)(\d{4})(\d\d)(\d\d)(\d\d)$/.exec((value ?? '').trim())
  if (!m) return undefined
  const [day, month, year, hour, minute, second] = m.slice(1).map(Number) as number[]
  const local = DateTime.fromObject(
    { year, month, day, hour, minute, second },
    { zone: ASPSMS_TIME_ZONE },
  )
  return local.isValid
    ? (local.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined)
    : undefined
}

/**
 * A delivery record from its raw fields (strings as the interfaces write them). A reason that
 * is not digits (the JSON fixture's `":"`) is no reason.
 *
 * @example
 * deliveryRecord({ trn: '1', status: '2', reason: '206' })
 * // { trn: '1', status: 2, statusText: 'Not Delivered', reason: 206, reasonText: 'Invalid destination address' }
 */
export function deliveryRecord(fields: {
  trn: string
  status: string
  submittedAt?: string | undefined
  notifiedAt?: string | undefined
  reason?: string | undefined
  statusText?: string | undefined
  reasonText?: string | undefined
}): AspsmsDeliveryRecord {
  const status = Number(fields.status)
  const statuses: Readonly<Record<string, string>> = ASPSMS_DELIVERY_STATUS
  const reasons: Readonly<Record<number, string>> = ASPSMS_REASON_CODES
  const reasonDigits = /^\d+$/.test((fields.reason ?? '').trim())
    ? Number(fields.reason)
    : undefined
  return {
    trn: fields.trn,
    status,
    statusText: fields.statusText || statuses[String(status)] || '',
    ...(fields.submittedAt ? { submittedAt: fields.submittedAt } : {}),
    ...(fields.notifiedAt ? { notifiedAt: fields.notifiedAt } : {}),
    ...(reasonDigits !== undefined ? { reason: reasonDigits } : {}),
    ...(reasonDigits ? { reasonText: fields.reasonText || reasons[reasonDigits] || '' } : {}),
  }
}

/**
 * Delivery records as SOAP and the HTTP bindings write them: one per line,
 * `TRN;status;ddmmyyyyhhmmss;ddmmyyyyhhmmss;reason;;` (nadar's samples). A short `-1` record
 * (nadar: "Aspsms doesn't return all parameters when an sms is not submitted yet") is read too.
 *
 * @example
 * parseRecordLines('1359553540;0;30012013144546;30012013144555;000;;')[0]?.status // 0
 */
export function parseRecordLines(text: string): AspsmsDeliveryRecord[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [trn = '', status = '', submitted, notified, reason] = line.split(';')
      return deliveryRecord({
        trn,
        status,
        submittedAt: parseAspsmsDate(submitted),
        notifiedAt: parseAspsmsDate(notified),
        reason,
      })
    })
}

/**
 * Decodes the five XML entities and numeric references.
 *
 * @example
 * decodeXmlText('Gr&#252;ezi &amp; co') // 'Grüezi & co'
 */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, ref: string) => {
    const lower = ref.toLowerCase()
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)))
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole
  })
}

/**
 * Escapes text for an element of a UTF-8 document (SOAP).
 *
 * @example
 * escapeXml('a < b & c') // 'a &#60; b &#38; c'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * The text of the first element named `name` (any namespace prefix), `''` if self-closed,
 * `undefined` if absent. A regular expression, not a parser: the answers read are flat, and a
 * malformed answer must still yield what it holds.
 *
 * @example
 * elementText('<soap:Body><CheckCreditsResult>Credits:5</CheckCreditsResult>', 'CheckCreditsResult') // 'Credits:5'
 */
export function elementText(xml: string, name: string): string | undefined {
  const open = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*?)?(/?)>`, 'i').exec(xml)
  if (!open) return undefined
  if (open[1] === '/') return ''
  const rest = xml.slice(open.index + open[0].length)
  const close = new RegExp(`</(?:[\\w.-]+:)?${name}\\s*>`, 'i').exec(rest)
  return close ? decodeXmlText(rest.slice(0, close.index)) : undefined
}

/** Options with their defaults applied. */
export interface ResolvedOptions {
  baseUrl: string
  userKey: string
  password: string
  affiliateId: string
  timeoutMs: number
  fetch?: typeof fetch
}

/** Options with their defaults (the real service's URL, 10 s, no affiliate). */
export function resolveOptions(options: AspsmsClientOptions, baseUrl: string): ResolvedOptions {
  return {
    ...options,
    baseUrl: (options.baseUrl ?? baseUrl).replace(/\/+$/, ''),
    affiliateId: options.affiliateId ?? '',
    timeoutMs: options.timeoutMs ?? 10_000,
  }
}

/**
 * One HTTP exchange within the timeout; the body as bytes (each client decodes by its own
 * rules). Network errors and timeouts reject: they are not answers of the service.
 */
export async function exchange(
  options: ResolvedOptions,
  url: string,
  init: RequestInit,
): Promise<{ status: number; contentType: string; bytes: Uint8Array }> {
  const doFetch = options.fetch ?? globalThis.fetch
  const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) })
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    bytes: new Uint8Array(await response.arrayBuffer()),
  }
}
