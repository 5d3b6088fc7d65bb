/**
 * ASPSMS dates: `DeferredDeliveryTime` in `ddmmyyyyhhmmss` read in GMT+1 shifted by `TimeZone`
 * ("Example 1: User is in the time zone GMT+3 → <TimeZone>2</TimeZone>"), and the dates of
 * delivery records written the same way, in Swiss local time.
 *
 * @see shared/research/aspsms.md — §2.3 `<DeferredDeliveryTime>`, `<TimeZone>`; §6 "DeferredDeliveryTime"
 */
import { DateTime } from 'luxon'
import { ASPSMS_TIME_ZONE } from './wire.ts'

/**
 * Reads a deferred delivery time.
 *
 * `ddmmyyyyhhmmss` is wall time at GMT+1+TimeZone (a fixed offset: the spec names no summer
 * time). Over JSON, ISO 8601 with an offset is taken too, because real JSON clients send it
 * (research §3.4). Returns `'invalid'` for anything else, `undefined` when empty.
 *
 * @example
 * parseDeferred('15062001200000', '') // 2001-06-15T19:00:00Z (20:00 at GMT+1)
 * parseDeferred('15062001200000', '2') // 2001-06-15T17:00:00Z (20:00 at GMT+3)
 */
export function parseDeferred(
  value: string,
  timeZone: string,
  allowIso = false,
): Date | undefined | 'invalid' {
  if (value === '') return undefined
  const tz = timeZone === '' ? 0 : Number(timeZone)
  if (!Number.isInteger(tz) || Math.abs(tz) > 13) return 'invalid'
  const m = /^(\d\d)(\d\d)(\d{4})(\d\d)(\d\d)(\d\d)$/.exec(value)
  if (m) {
    const [day, month, year, hour, minute, second] = m.slice(1).map(Number) as number[]
    const local = DateTime.fromObject(
      { year, month, day, hour, minute, second },
      { zone: `UTC${1 + tz >= 0 ? '+' : ''}${1 + tz}` },
    )
    return local.isValid && local.day === day && local.hour === hour ? local.toJSDate() : 'invalid'
  }
  if (allowIso) {
    const iso = DateTime.fromISO(value, { setZone: true })
    if (iso.isValid && /(Z|[+-]\d\d:?\d\d)$/i.test(value)) return iso.toJSDate()
  }
  return 'invalid'
}

/** An instant as `ddmmyyyyhhmmss`, Swiss local time (delivery records, `<SCTS>`). */
export function formatAspsmsDate(iso: string | undefined): string {
  if (!iso) return ''
  return DateTime.fromISO(iso, { zone: ASPSMS_TIME_ZONE }).toFormat('ddMMyyyyHHmmss')
}

/** An instant as ISO 8601 in CET/CEST (`<SCTSCET>`). */
export function formatCet(iso: string | undefined): string {
  if (!iso) return ''
  return (
    DateTime.fromISO(iso, { zone: ASPSMS_TIME_ZONE }).toISO({ suppressMilliseconds: true }) ?? ''
  )
}
