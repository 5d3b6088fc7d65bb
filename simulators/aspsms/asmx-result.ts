/**
 * The result strings of ASPSMS's ASMX service, written here only: SOAP's `<XxxResult>` and the
 * HTTP bindings' `<string>` carry the very same text (`StatusCode:1`, `Credits:12.5`, delivery
 * records), and GetVoucherTransactions the same `<vouchers>` elements.
 *
 * @see shared/research/aspsms.md — §1.3 "Result strings"
 */
// escapeXml's defaults are what .NET's writer does: `& < >` only, U+FFFD for what XML cannot hold.
import { escapeXml } from '../core/xml.ts'
import { formatAspsmsDate } from './dates.ts'
import { VOUCHER_FIELDS } from './operations.ts'
import type { AspsmsReply, DeliveryRecord, Voucher } from './reply.ts'

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
