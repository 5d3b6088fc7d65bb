/**
 * ASPSMS's dates and delivery records as the clients write and read them: the `ddmmyyyyhhmmss`
 * of XMLSPEC (deferred sends, record dates) and one {@link AspsmsDeliveryRecord} however an
 * interface wrote it (SOAP/HTTP lines, XML elements, JSON keys).
 *
 * @see shared/research/aspsms.md — §1.3 "InquireDeliveryNotifications", §2.3 `<DeferredDeliveryTime>`
 */
import { DateTime } from 'luxon'
import {
  ASPSMS_DELIVERY_STATUS,
  ASPSMS_REASON_CODES,
  ASPSMS_TIME_ZONE,
} from '../../simulators/aspsms/wire.ts'
import type { AspsmsDeliveryRecord } from './common.ts'

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
