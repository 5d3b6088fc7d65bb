/**
 * Every answer of ASPSMS's JSON API, written here and nowhere else (STYLE.md §8).
 *
 * A decision is answered with HTTP 200 and string values, as clients compare them
 * (`StatusCode === '1'` in PHP, Python, JS and Ruby clients, research §3.3):
 * - a status: `{"StatusCode":"1","StatusInfo":"OK"}`, or `{"StatusCode":"3","StatusInfo":"Authorization failed."}`
 *   — StatusInfo is the code's text from codes.ts;
 * - CheckCredits: `{"Credits":"2321.21","StatusCode":"1","StatusInfo":"OK"}` (JSONDOC's key
 *   order; a `.` decimal);
 * - InquireDeliveryNotifications: `{"StatusCode":"0","StatusInfo":"OK","DeliveryNotifications":[…]}`.
 *   **"0", not "1"**: the only public sample of this answer (hitobito's spec fixture) has "0",
 *   and hitobito's code maps both "0" and "1" to success, so "0" is what the service sent
 *   when that fixture was taken. Each record: TransactionReferenceNumber, DeliveryStatus
 *   (`-1`…`2`), DeliveryStatusDescription (XMLSPEC Appendix a), SubmissionDate and
 *   NotificationDate (ISO 8601 UTC without milliseconds, `""` while unknown), Reasoncode
 *   (3 digits, `"000"` when delivered; `":"` while there is none, as in the fixture's
 *   not-yet-submitted record) and ReasoncodeDescription (`""` for 000, as in the fixture;
 *   otherwise XMLSPEC Appendix b's text — our choice). Unknown TRNs have no record;
 * - our shapes where nothing public shows one: GetStatusCodeDescription
 *   `{"Description":"…","StatusCode":"1","StatusInfo":"OK"}`, VersionInfo
 *   `{"VersionInfo":"…",…}`, CreateVoucher `{"VoucherCodes":["…"],…}`, GetVoucherTransactions
 *   `{"Vouchers":[{"VoucherCode","Remark","Credits","Created","Redeemed"}],…}` (the WSDL's
 *   `vouchers` fields, all strings, dates ISO 8601 UTC).
 *
 * What is not a decision gets a plain HTTP error with a JSON `{"Message":"…"}` (the shape
 * ASP.NET Web API gives its own errors; our choice): 400 for a body that is not a JSON object,
 * 404 for an unknown method, 405 for another HTTP method than POST.
 *
 * @see shared/research/aspsms.md — §3.1, §3.3 "Responses", §5.1–§5.3
 */
import type { SimResponse } from '../core/provider.ts'
import { ASPSMS_DELIVERY_STATUS, ASPSMS_REASON_CODES, aspsmsStatusText } from './codes.ts'
import type { AspsmsReply, DeliveryRecord, Voucher } from './reply.ts'
import type { AspsmsOperation } from './request.ts'

/** The StatusCode of a successful InquireDeliveryNotifications (see above: the evidence). */
export const JSON_INQUIRY_OK = '0'

/**
 * Headers of every JSON answer. CORS is open (our choice): JSONDOC's own example client is
 * jQuery `$.ajax` in a browser page.
 */
const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'access-control-allow-origin': '*',
} as const

/** The methods the API answers, for `Allow` and the preflight. */
export const JSON_ALLOW = 'POST, OPTIONS'

function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(value) }
}

/** A status code and its text, both strings; `"OK"` for 1 (JSON writes it upper case). */
function statusFields(code: number | string): { StatusCode: string; StatusInfo: string } {
  const n = Number(code)
  return {
    StatusCode: String(code),
    StatusInfo: n === 1 || n === 0 ? 'OK' : (aspsmsStatusText(n) ?? ''),
  }
}

/**
 * Credits as a decimal string with a `.`, without binary noise.
 *
 * @example
 * formatJsonCredits(999.75) // '999.75'
 * formatJsonCredits(0.1 + 0.2) // '0.3'
 */
export function formatJsonCredits(credits: number): string {
  return String(Math.round(credits * 100) / 100)
}

/** An instant as ISO 8601 UTC without milliseconds (`2021-01-21T13:46:28Z`), `""` if unknown. */
function isoSeconds(iso: string | undefined): string {
  return iso ? new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z') : ''
}

function notification(record: DeliveryRecord): Record<string, string> {
  const reasons: Readonly<Record<number, string>> = ASPSMS_REASON_CODES
  return {
    TransactionReferenceNumber: record.trn,
    DeliveryStatus: String(record.status),
    DeliveryStatusDescription: ASPSMS_DELIVERY_STATUS[`${record.status}`],
    SubmissionDate: isoSeconds(record.submittedAt),
    NotificationDate: isoSeconds(record.notifiedAt),
    Reasoncode: record.reason === undefined ? ':' : String(record.reason).padStart(3, '0'),
    ReasoncodeDescription: record.reason ? (reasons[record.reason] ?? '') : '',
  }
}

function voucher(v: Voucher): Record<string, string> {
  return {
    VoucherCode: v.code,
    Remark: v.remark,
    Credits: formatJsonCredits(v.credits),
    Created: isoSeconds(v.created),
    Redeemed: isoSeconds(v.redeemed),
  }
}

/** Where each text-valued operation puts its text (the rest of the answer is the status). */
const TEXT_KEY: Partial<Record<AspsmsOperation, string>> = {
  GetStatusCodeDescription: 'Description',
  VersionInfo: 'VersionInfo',
}

/**
 * The answer to a decision.
 *
 * @example
 * renderJsonReply('CheckCredits', { kind: 'credits', credits: 2321.21 }).body
 * // '{"Credits":"2321.21","StatusCode":"1","StatusInfo":"OK"}'
 */
export function renderJsonReply(operation: AspsmsOperation, reply: AspsmsReply): SimResponse {
  switch (reply.kind) {
    case 'status':
      return json(200, statusFields(reply.status))
    case 'credits':
      return json(200, { Credits: formatJsonCredits(reply.credits), ...statusFields(1) })
    case 'notifications':
      return json(200, {
        ...statusFields(JSON_INQUIRY_OK),
        DeliveryNotifications: reply.records.map(notification),
      })
    case 'vouchers':
      return json(200, { Vouchers: reply.vouchers.map(voucher), ...statusFields(1) })
    case 'text':
      if (operation === 'CreateVoucher') {
        const codes = reply.text.split(';').filter((c) => c !== '')
        return json(200, { VoucherCodes: codes, ...statusFields(1) })
      }
      return json(200, { [TEXT_KEY[operation] ?? 'Result']: reply.text, ...statusFields(1) })
  }
}

/**
 * An answer that is not a decision: a plain HTTP error with a `Message`.
 *
 * @example
 * renderJsonError(404, 'No method "Foo"').body // '{"Message":"No method \\"Foo\\""}'
 */
export function renderJsonError(
  status: 400 | 404 | 405,
  message: string,
  headers: Record<string, string> = {},
): SimResponse {
  return json(status, { Message: message }, headers)
}

/**
 * The answer to a CORS preflight: any origin, POST, the headers a browser client sets.
 *
 * @example
 * renderJsonPreflight().status // 204
 */
export function renderJsonPreflight(): SimResponse {
  return {
    status: 204,
    headers: {
      allow: JSON_ALLOW,
      'access-control-allow-origin': '*',
      'access-control-allow-methods': JSON_ALLOW,
      'access-control-allow-headers': 'content-type, accept, authorization',
      'access-control-max-age': '86400',
    },
    body: '',
  }
}
