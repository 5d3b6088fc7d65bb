// @ts-check
/**
 * Instants and durations as a person reads and types them: in a provider's time zone (a
 * `<time>`, a `datetime-local` value, a deferred field's digits) and back to an instant.
 */
import { h } from './dom.js'

/** @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map()

/**
 * An instant as a person reads it in `zone`: `Mon 05 Jan 2026, 09:00:00 CET`.
 *
 * @param {string | undefined} iso
 * @param {string} zone an IANA zone
 * @param {'long' | 'time'} [style] `time`: `09:00:00 CET` only
 */
export function formatTime(iso, zone, style = 'long') {
  if (!iso) return ''
  const key = `${zone} ${style}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      ...(style === 'long'
        ? { weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' }
        : {}),
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    })
    formats.set(key, format)
  }
  return format.format(new Date(iso))
}

/**
 * `<time>` for an instant, shown in `zone`, with the UTC instant as its machine value and title.
 *
 * @param {string | undefined} iso
 * @param {string} zone
 * @param {'long' | 'time'} [style]
 */
export function timeElement(iso, zone, style = 'long') {
  if (!iso) return null
  return h('time', { datetime: iso, title: iso }, formatTime(iso, zone, style))
}

/**
 * What a wall clock in `zone` shows at `ms`.
 *
 * @param {number} ms
 * @param {string} zone
 * @returns {{ year: number, month: number, day: number, hour: number, minute: number, second: number }}
 */
export function wallTime(ms, zone) {
  const key = `${zone} parts`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formats.set(key, format)
  }
  /** @type {Record<string, number>} */
  const parts = {}
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = Number(part.value)
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

/**
 * The instant at which a wall clock in `zone` shows `local` (`2026-01-05T09:00` or with
 * seconds, as a `datetime-local` input gives it). Twice round the offset: once for the guess,
 * once more in case the guess fell on the other side of a DST change.
 *
 * @example
 * zonedInstant('2026-01-05T09:00', 'Europe/Paris').toISOString() // '2026-01-05T08:00:00.000Z'
 *
 * @param {string} local
 * @param {string} zone
 */
export function zonedInstant(local, zone) {
  const [y = 0, mo = 1, d = 1, hh = 0, mm = 0, ss = 0] = local.split(/[-T:]/).map(Number)
  const wanted = Date.UTC(y, mo - 1, d, hh, mm, ss)
  let ms = wanted
  for (let i = 0; i < 2; i++) {
    const w = wallTime(ms, zone)
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
    ms += wanted - shown
  }
  return new Date(ms)
}

/** @param {number} n */
const pad = (n, width = 2) => String(n).padStart(width, '0')

/**
 * `ms` as a `datetime-local` value in `zone` (`2026-01-05T09:00:00`).
 *
 * @param {number} ms
 * @param {string} zone
 */
export function localInputValue(ms, zone) {
  const w = wallTime(ms, zone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}

/**
 * `ms` in the digits a provider's deferred field takes, written in `zone`'s wall time.
 *
 * @example
 * deferredDigits(Date.parse('2026-01-05T08:00:00Z'), 'Europe/Paris', 'hhmmjjmmaaaa') // '090005012026'
 *
 * @param {number} ms
 * @param {string} zone
 * @param {'hhmmjjmmaaaa' | 'YYYY-MM-DD hh:ii:ss'} pattern SMStoB's `diff`, allmysms's `date=`
 */
export function deferredDigits(ms, zone, pattern) {
  const w = wallTime(ms, zone)
  return pattern === 'hhmmjjmmaaaa'
    ? `${pad(w.hour)}${pad(w.minute)}${pad(w.day)}${pad(w.month)}${w.year}`
    : `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}

/**
 * A number of milliseconds as a person says it: `10 min`, `6 h`, `1 d 2 h`.
 *
 * @param {number} ms
 */
export function formatDuration(ms) {
  if (ms < 1000) return `${ms} ms`
  const units = /** @type {const} */ ([
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ])
  const parts = []
  let rest = ms
  for (const [unit, size] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`)
      rest %= size
    }
    if (parts.length === 2) break
  }
  return parts.join(' ')
}
