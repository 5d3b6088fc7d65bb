/**
 * The operations of ASPSMS's ASMX web service, written once: the WSDL (wsdl.ts), the SOAP reader
 * (soap.ts) and the HTTP GET/POST bindings (asmx.ts) all read this table, so that the element
 * names, their order and the documentation cannot disagree. What each operation returns is
 * rendered here too (`StatusCode:1`, `Credits:12.5`, delivery records), because SOAP and the HTTP
 * bindings carry the very same result strings.
 *
 * @see shared/research/aspsms.md — §1.2 "Operations", §1.3 "Result strings", §1.6 "Legacy"
 */
import { formatAspsmsDate } from './dates.ts'
import type { AspsmsReply, DeliveryRecord, Voucher } from './reply.ts'
import type { AspsmsOperation } from './request.ts'

/** The service's XML namespace, also the prefix of every SOAPAction (research §1.1). */
export const ASMX_NAMESPACE = 'https://webservice.aspsms.com/aspsmsx2.asmx'

/**
 * The legacy service's namespace. @note Unknown (research §1.6 "namespace unknown"): ours,
 * built the way ASMX builds the v2 one.
 */
export const LEGACY_NAMESPACE = 'https://webservice.aspsms.com/aspsmsx.asmx'

/** What an operation's result element holds (research §1.1: every result is a string but one). */
export type AsmxResultType = 'string' | 'ArrayOfVouchers'

export interface AsmxOperationSpec {
  /** The operation name: the SOAP Body element, the SOAPAction suffix, the HTTP binding path. */
  name: string
  /** The decision it is, when it differs from `name` (the legacy `SimpleTextSMS`). */
  decidesAs: AspsmsOperation
  /** Request elements (SOAP) or parameters (HTTP), in WSDL order. */
  elements: readonly string[]
  /** Parameters that reach the decision under another name (legacy `Recipient`). */
  renames?: Readonly<Record<string, string>>
  result: AsmxResultType
  /** `<wsdl:documentation>`, verbatim; `<br>` is written escaped, as the WSDL does. */
  documentation?: string
}

const AUTH = ['UserKey', 'Password'] as const
/** The elements after the text of SendTextSMS / SendUnicodeSMS / SimpleWAPPush. */
const SEND_OPTIONS = [
  'DeferredDeliveryTime',
  'FlashingSMS',
  'TimeZone',
  'URLBufferedMessageNotification',
  'URLDeliveryNotification',
  'URLNonDeliveryNotification',
  'AffiliateId',
] as const
const MULTI = 'Multiple Recipients syntax: Recipient1:TRN1;Recipient2:TRN2;... <br>'
const RETURNS_STATUS = 'Returns StatusCode:Number'

/** One row of the table; typing `name` as a decision keeps the table in step with decide.ts. */
function op(
  name: AspsmsOperation,
  elements: readonly string[],
  documentation?: string,
  result: AsmxResultType = 'string',
): AsmxOperationSpec {
  return { name, decidesAs: name, elements, result, ...(documentation ? { documentation } : {}) }
}

/**
 * The ASPSMSX2 operations in WSDL order, with their request elements in WSDL order.
 *
 * @see shared/research/aspsms.md — §1.2 table (documentation strings verbatim)
 */
export const ASMX_OPERATIONS: readonly AsmxOperationSpec[] = [
  op(
    'SimpleWAPPush',
    [...AUTH, 'Recipients', 'Originator', 'WapDescription', 'WapURL', ...SEND_OPTIONS],
    `Send Simple WAP Push. ${MULTI}${RETURNS_STATUS}`,
  ),
  op(
    'SendSimpleTextSMS',
    [...AUTH, 'Recipients', 'Originator', 'MessageText'],
    `Send Text Messages. Multiple Recipients syntax: Recipient1;Recipient2;Recipient3... <br>${RETURNS_STATUS}`,
  ),
  op(
    'SendTextSMS',
    [...AUTH, 'Recipients', 'Originator', 'MessageText', ...SEND_OPTIONS],
    `Send Text Messages. ${MULTI}${RETURNS_STATUS}`,
  ),
  op(
    'SendUnicodeSMS',
    [...AUTH, 'Recipients', 'Originator', 'MessageText', ...SEND_OPTIONS],
    `Send Unicode Messages. ${MULTI}${RETURNS_STATUS}`,
  ),
  op(
    'CheckCredits',
    AUTH,
    'Check available credits. <br>Returns StatusCode:Number or Credits:Count',
  ),
  op(
    'SendOriginatorUnlockCode',
    [...AUTH, 'Originator'],
    `Send a originator unlock code to mobile phone. <br>${RETURNS_STATUS}`,
  ),
  op(
    'UnlockOriginator',
    [...AUTH, 'Originator', 'OriginatorUnlockCode', 'AffiliateId'],
    `Unlock Originator. <br>${RETURNS_STATUS}`,
  ),
  op(
    'CheckOriginatorAuthorization',
    [...AUTH, 'Originator'],
    `Check originator authorization. <br>${RETURNS_STATUS}`,
  ),
  op(
    'VerifyToken',
    [...AUTH, 'PhoneNumber', 'TokenReference', 'VerificationCode'],
    `Verify/Check Security Token. <br>${RETURNS_STATUS}`,
  ),
  // Originator before Recipients, and MessageData instead of MessageText: as the WSDL has it.
  op(
    'SendTokenSMS',
    [
      ...AUTH,
      'Originator',
      'Recipients',
      'MessageData',
      'TokenReference',
      'TokenValidity',
      'TokenMask',
      'VerificationCode',
      'TokenCaseSensitive',
      'URLBufferedMessageNotification',
      'URLDeliveryNotification',
      'URLNonDeliveryNotification',
      'AffiliateId',
    ],
    `Send Security Token to mobile recipient. ${MULTI}${RETURNS_STATUS}`,
  ),
  op(
    'InquireDeliveryNotifications',
    [...AUTH, 'TransactionReferenceNumbers'],
    'Inquire Delivery Notifications. Multiple TransactionReferenceNumbers delimited by ;<br>Returns DeliveryNotifications or on error StatusCode:Number',
  ),
  op('RedeemVoucher', [...AUTH, 'RedeemCode'], 'Redeem ASPSMS Voucher Code'),
  op(
    'CreateVoucher',
    [...AUTH, 'NumberOfVouchers', 'AmountCreditsPerVoucher', 'Remarks'],
    'Create ASPSMS Voucher Code',
  ),
  op('GetVoucherTransactions', AUTH, 'Get voucher transactions', 'ArrayOfVouchers'),
  op('GetStatusCodeDescription', ['StatusCode'], 'Get Description for StatusCode:Number'),
  // The WSDL gives VersionInfo no documentation element.
  op('VersionInfo', []),
]

/**
 * The legacy `aspsmsx.asmx`: only `SimpleTextSMS` is seen in public code, with a singular
 * `Recipient`; it is decided as SendSimpleTextSMS.
 *
 * @see shared/research/aspsms.md — §1.6
 */
export const LEGACY_OPERATIONS: readonly AsmxOperationSpec[] = [
  {
    name: 'SimpleTextSMS',
    decidesAs: 'SendSimpleTextSMS',
    elements: ['UserKey', 'Password', 'Recipient', 'Originator', 'MessageText'],
    renames: { Recipient: 'Recipients' },
    result: 'string',
  },
]

const BY_NAME = new Map(ASMX_OPERATIONS.map((o) => [o.name, o]))
const LEGACY_BY_NAME = new Map(LEGACY_OPERATIONS.map((o) => [o.name, o]))

/**
 * An operation by its exact name (ASMX method names are case-sensitive), or `undefined`.
 *
 * @example
 * asmxOperation('CheckCredits')?.elements // ['UserKey', 'Password']
 * asmxOperation('checkcredits')           // undefined
 */
export function asmxOperation(name: string, legacy = false): AsmxOperationSpec | undefined {
  return (legacy ? LEGACY_BY_NAME : BY_NAME).get(name)
}

/**
 * The SOAPAction of an operation (SOAP 1.1 header, SOAP 1.2 `action=`), as the WSDL gives it.
 *
 * @example
 * soapActionOf('CheckCredits') // 'https://webservice.aspsms.com/aspsmsx2.asmx/CheckCredits'
 */
export function soapActionOf(name: string): string {
  return `${ASMX_NAMESPACE}/${name}`
}

/** The fields of an `ArrayOfVouchers` entry, in schema order (the WSDL's `vouchers` type). */
export const VOUCHER_FIELDS = ['VoucherCode', 'Remark', 'Credits', 'Created', 'Redeemed'] as const

/** What XML text needs escaped; attribute values need `"` too. */
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
}
/** Characters XML 1.0 cannot carry at all (C0 controls but tab, CR, LF; lone surrogates…). */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

/**
 * Escapes text for XML content, or for a double-quoted attribute value. As .NET's writer, text
 * escapes only `& < >`. A character XML cannot carry (a control echoed back from a request)
 * becomes U+FFFD, so that every answer stays well-formed.
 *
 * @example
 * escapeXml('a & <b> "c"')       // 'a &amp; &lt;b&gt; "c"'
 * escapeXml('say "hi"', true)    // 'say &quot;hi&quot;'
 */
export function escapeXml(text: string, inAttribute = false): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(inAttribute ? /[&<>"]/g : /[&<>]/g, (c) => XML_ESCAPES[c]!)
}

/**
 * A balance as `Credits:` shows it: a dot decimal, no trailing zeros, integers as integers.
 * Four decimals are kept, enough for the 0.25-credit inquiries and any balance set by hand,
 * and they round away the binary noise of repeated debits (`2321.21 - 0.25`).
 *
 * @see shared/research/aspsms.md — §1.3 "CheckCredits" (tschiemer `(\d|\.)+`, nadar `(int)`)
 * @example
 * formatCredits(2321.21) // '2321.21'
 * formatCredits(1000)    // '1000'
 */
export function formatCredits(credits: number): string {
  return credits.toFixed(4).replace(/\.?0+$/, '')
}

/**
 * One delivery record: `TRN;DeliveryStatus;SubmissionDate;NotificationDate;ReasonCode;;`,
 * always 7 `;`-fields (tschiemer's `array_combine` throws otherwise), dates `ddmmyyyyhhmmss`,
 * the reason 3-digit zero-padded (`000` on success). A not-yet-submitted record (-1) keeps its
 * 7 fields, with the unknown ones empty.
 *
 * @see shared/research/aspsms.md — §1.3 "InquireDeliveryNotifications"
 * @example
 * formatDeliveryRecord({ trn: '1359553540', status: 0, submittedAt, notifiedAt, reason: 0, recipient })
 * // '1359553540;0;30012013144546;30012013144555;000;;'
 */
export function formatDeliveryRecord(record: DeliveryRecord): string {
  return [
    record.trn,
    String(record.status),
    formatAspsmsDate(record.submittedAt),
    formatAspsmsDate(record.notifiedAt),
    record.reason === undefined ? '' : String(record.reason).padStart(3, '0'),
    '',
    '',
  ].join(';')
}

/**
 * The result string of a reply, as SOAP's `<XxxResult>` and the HTTP bindings' `<string>`
 * carry it: `StatusCode:n`, `Credits:n`, delivery records joined by `\n` with no trailing
 * newline (an unknown TRN gives none: an empty result), texts as they are. Vouchers are not a
 * string: see {@link renderVoucherElements}.
 *
 * @example
 * asmxResultText({ kind: 'status', status: 1 })          // 'StatusCode:1'
 * asmxResultText({ kind: 'credits', credits: 2321.21 })  // 'Credits:2321.21'
 */
export function asmxResultText(reply: Exclude<AspsmsReply, { kind: 'vouchers' }>): string {
  switch (reply.kind) {
    case 'status':
      return `StatusCode:${reply.status}`
    case 'credits':
      return `Credits:${formatCredits(reply.credits)}`
    case 'notifications':
      return reply.records.map(formatDeliveryRecord).join('\n')
    case 'text':
      return reply.text
  }
}

/**
 * The `<vouchers>` elements of an `ArrayOfVouchers`, in the default namespace of whatever
 * encloses them (SOAP's result element, or the HTTP binding's root). SOAP writes them on one
 * line (`eol` ''); the HTTP binding indents them as .NET's XmlSerializer does.
 *
 * @example
 * renderVoucherElements([{ code: 'AB12', remark: '', credits: 10, created: '…', redeemed: '' }])
 * // '<vouchers><VoucherCode>AB12</VoucherCode><Remark />…<Redeemed /></vouchers>'
 */
export function renderVoucherElements(vouchers: readonly Voucher[], eol = '', indent = ''): string {
  const pad = eol ? indent : ''
  const inner = eol ? `${indent}  ` : ''
  return vouchers
    .map((v) => {
      const values = [v.code, v.remark, formatCredits(v.credits), v.created, v.redeemed]
      const fields = VOUCHER_FIELDS.map((name, i) =>
        values[i] === ''
          ? `${inner}<${name} />`
          : `${inner}<${name}>${escapeXml(values[i]!)}</${name}>`,
      )
      return [`${pad}<vouchers>`, ...fields, `${pad}</vouchers>`].join(eol)
    })
    .join(eol)
}
