/**
 * One ASPSMS request, whatever interface it came through. Each codec (SOAP, the ASMX HTTP
 * bindings, the XML interface, JSON) maps its own field names onto this shape once, so that one
 * decision serves them all.
 *
 * @see shared/research/aspsms.md — §1.2 (SOAP operations), §2.3 (XML actions), §3 (JSON)
 */
import { journalFields } from '../core/bounds.ts'
import type { AsmxField, AspsmsOperation } from './operations.ts'

export type { AspsmsOperation }

/** The interface a request came through; replies differ by it. */
export type AspsmsTransport = 'soap' | 'http' | 'xml' | 'json' | 'legacy'

export interface AspsmsRecipient {
  /** As the client wrote it. */
  number: string
  /** Transaction reference number, when the client gave one. */
  trn?: string
}

/**
 * The fields of a request, by their SOAP names (`UserKey`, `MessageText`…). Absent and empty
 * are the same ("missing elements read as empty").
 */
export interface AspsmsRequest {
  operation: AspsmsOperation
  transport: AspsmsTransport
  userKey: string
  password: string
  recipients: AspsmsRecipient[]
  originator: string
  /** MessageText (SOAP, HTTP, JSON) or MessageData (XML, SendTokenSMS). */
  text: string
  deferredDeliveryTime: string
  timeZone: string
  flashing: boolean
  /** JSON `ForceGSM7bit`: characters outside GSM 03.38 are sent as `?`. */
  forceGsm7: boolean
  urlBuffered: string
  urlDelivered: string
  urlNonDelivered: string
  affiliateId: string
  /** InquireDeliveryNotifications. */
  transactionReferenceNumbers: string[]
  /** Every other field, by its SOAP (or XML) name: WapURL, XSer, TokenMask, RedeemCode… */
  extra: Record<string, string>
}

/**
 * The fields that hold a text, a list or a URL: journalled up to `JOURNAL_TEXT_CHARS`, the
 * others (logins, numbers, codes) up to `JOURNAL_FIELD_CHARS` (core/bounds.ts).
 */
const TEXT_FIELDS: ReadonlySet<string> = new Set(
  [
    'MessageText',
    'MessageData',
    'Recipients',
    'Recipient',
    'TransactionReferenceNumbers',
    'URLBufferedMessageNotification',
    'URLDeliveryNotification',
    'URLNonDeliveryNotification',
    'WapURL',
    'Remarks',
  ].map((name) => name.toLowerCase()),
)

/**
 * A request's fields as the journal keeps them, whatever the interface (SOAP, ASMX, XML,
 * JSON): names as read, values cut (core/bounds.ts). The password is masked by the store.
 *
 * @example
 * aspsmsJournalFields({ UserKey: 'K', Password: 'P', MessageText: 'Salut' })
 * // { UserKey: 'K', Password: 'P', MessageText: 'Salut' } (then `Password: '****'` once stored)
 */
export function aspsmsJournalFields(
  fields: Record<string, string> | ReadonlyMap<string, string>,
): Record<string, string> {
  const entries = fields instanceof Map ? fields.entries() : Object.entries(fields)
  return journalFields(entries, (name) => TEXT_FIELDS.has(name.toLowerCase()))
}

/** The credentials a request carries, right or wrong, for the journal to mask everywhere. */
export function aspsmsSecrets(request: Pick<AspsmsRequest, 'password'>): string[] {
  return request.password ? [request.password] : []
}

/** Literal strings clients send for "nothing" (zeep sends `None` for omitted POST fields). */
const NOTHING = new Set(['', 'none', 'null', 'undefined'])

/** A field's value, with the "nothing" spellings read as empty (our choice, so zeep works). */
export function clean(value: unknown): string {
  if (value === undefined || value === null) return ''
  const text = String(value).trim()
  return NOTHING.has(text.toLowerCase()) ? '' : text
}

/** `1`, `true`, `True` are yes; anything else is no (clients send all three). */
export function yes(value: unknown): boolean {
  return value === true || /^(1|true|yes)$/i.test(clean(value))
}

/**
 * Parses `Recipients` of SOAP and HTTP: `num1:TRN1;num2:TRN2` (or `num1;num2`), with commas
 * tolerated as separators.
 *
 * @example
 * parseRecipientList('0041791234567:fid1;+41797654321') // [{ number: '0041791234567', trn: 'fid1' }, { number: '+41797654321' }]
 */
export function parseRecipientList(value: string): AspsmsRecipient[] {
  return clean(value)
    .split(/[;,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const colon = item.indexOf(':')
      const number = (colon < 0 ? item : item.slice(0, colon)).trim()
      const trn = colon < 0 ? '' : item.slice(colon + 1).trim()
      return trn ? { number, trn } : { number }
    })
}

/** Splits a `;`-separated TRN list. */
export function parseTrnList(value: string): string[] {
  return clean(value)
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
}

/**
 * The parameters read into the named properties of {@link AspsmsRequest}, by their SOAP names
 * (the XML interface reads the same ones under its own names); every other field a request
 * carries lands in `extra`.
 */
export const NAMED_FIELDS = [
  'UserKey',
  'Password',
  'Recipients',
  'Originator',
  'MessageText',
  'MessageData',
  'DeferredDeliveryTime',
  'TimeZone',
  'FlashingSMS',
  'URLBufferedMessageNotification',
  'URLDeliveryNotification',
  'URLNonDeliveryNotification',
  'AffiliateId',
  'TransactionReferenceNumbers',
] as const satisfies readonly AsmxField[]

const NAMED: ReadonlySet<string> = new Set(NAMED_FIELDS)

/**
 * Builds a request from SOAP-named fields (SOAP and the ASMX HTTP bindings use the same
 * names). Fields not listed in {@link AspsmsRequest} land in `extra`.
 */
export function requestFromSoapFields(
  operation: AspsmsOperation,
  transport: AspsmsTransport,
  fields: Record<string, string>,
): AspsmsRequest {
  const get = (name: AsmxField) => clean(fields[name])
  const extra: Record<string, string> = {}
  for (const [name, value] of Object.entries(fields))
    if (!NAMED.has(name)) extra[name] = clean(value)
  return {
    operation,
    transport,
    userKey: get('UserKey'),
    password: get('Password'),
    recipients: parseRecipientList(get('Recipients')),
    originator: get('Originator'),
    text:
      fields.MessageText !== undefined ? (fields.MessageText ?? '') : (fields.MessageData ?? ''),
    deferredDeliveryTime: get('DeferredDeliveryTime'),
    timeZone: get('TimeZone'),
    flashing: yes(fields.FlashingSMS),
    forceGsm7: false,
    urlBuffered: get('URLBufferedMessageNotification'),
    urlDelivered: get('URLDeliveryNotification'),
    urlNonDelivered: get('URLNonDeliveryNotification'),
    affiliateId: get('AffiliateId'),
    transactionReferenceNumbers: parseTrnList(get('TransactionReferenceNumbers')),
    extra,
  }
}
