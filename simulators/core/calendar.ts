/**
 * French public holidays and the commercial time window, evaluated in a provider's time zone on
 * the simulator clock. Holidays come from date-holidays (Easter-based days included); the window
 * rules are data with named presets, because the rule changed over time and providers differ.
 *
 * @see shared/research/french-providers.md — §3.1 "Commercial-SMS time window", §3.2 "Public holidays"
 * @see shared/specs/003_757a0a2884dd0a0c.txt — annexe, code 24: "Pas d'envoi commercial entre 20h
 * et 08h, ni les dimanches et jours fériés"
 */
import { createRequire } from 'node:module'
import type HolidaysClass from 'date-holidays'
import { DateTime } from 'luxon'

/**
 * date-holidays with its data and moment-timezone is loaded on the first holiday asked for, not
 * when smsim starts (ADR 016): its code is the largest part of what the command would parse
 * before it answers. Loaded synchronously, because the decisions that read a calendar are.
 */
const requireLazily = createRequire(import.meta.url)
let HolidaysModule: typeof HolidaysClass | undefined
function holidaysOf(country: string, region?: string): HolidaysClass {
  HolidaysModule ??= requireLazily('date-holidays') as typeof HolidaysClass
  return region ? new HolidaysModule(country, region) : new HolidaysModule(country)
}

/** A public holiday, as a local calendar date. */
export interface Holiday {
  /** `YYYY-MM-DD` in the country's own calendar. */
  date: string
  name: string
}

const holidayCache = new Map<string, Holiday[]>()

/**
 * The legal public holidays (jours fériés) of a year. `region` adds regional days, e.g. `57`
 * (Moselle) for Vendredi Saint and 26 December; without it, the eleven national days of
 * Code du travail art. L3133-1.
 *
 * @example
 * publicHolidays(2026).map((h) => h.date) // ['2026-01-01', '2026-04-06', …, '2026-12-25']
 */
export function publicHolidays(year: number, country = 'FR', region?: string): Holiday[] {
  const key = `${country}/${region ?? ''}/${year}`
  let list = holidayCache.get(key)
  if (!list) {
    const calendar = holidaysOf(country, region)
    list = calendar
      .getHolidays(year)
      .filter((h) => h.type === 'public')
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name }))
    holidayCache.set(key, list)
  }
  return list
}

/** Whether a local calendar date (`YYYY-MM-DD`) is a public holiday. */
export function isPublicHoliday(localDate: string, country = 'FR', region?: string): boolean {
  const year = Number(localDate.slice(0, 4))
  return publicHolidays(year, country, region).some((h) => h.date === localDate)
}

/** When commercial SMS may be sent, in local time. */
export interface CommercialWindow {
  id: string
  /** IANA time zone the rule is read in. */
  timeZone: string
  /** Opening time `HH:MM`, inclusive. */
  opens: string
  /** Closing time `HH:MM`, exclusive. */
  closes: string
  /** ISO weekdays when sending is allowed (1 = Monday … 7 = Sunday). */
  weekdays: readonly number[]
  /** Whether public holidays are allowed like ordinary days. */
  holidays: boolean
  /** Where the rule comes from. */
  source: string
}

/**
 * The presets of research §3.1. `legacy` is what the providers' own documents state and what
 * iSendPro's code 24 text says; the af2m charters are the later industry rules.
 */
export const COMMERCIAL_WINDOWS = {
  legacy: {
    id: 'legacy',
    timeZone: 'Europe/Paris',
    opens: '08:00',
    closes: '20:00',
    weekdays: [1, 2, 3, 4, 5, 6],
    holidays: false,
    source: 'providers’ documents (iSendPro annex, code 24)',
  },
  'af2m-2024': {
    id: 'af2m-2024',
    timeZone: 'Europe/Paris',
    opens: '08:00',
    closes: '22:00',
    weekdays: [1, 2, 3, 4, 5, 6],
    holidays: false,
    source: 'af2m Charte Business Messaging, 1 Sept 2024 (jours ouvrables 08h–22h)',
  },
  'af2m-2026': {
    id: 'af2m-2026',
    timeZone: 'Europe/Paris',
    opens: '08:00',
    closes: '21:30',
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    holidays: true,
    source: 'af2m charter announced 17 Feb 2026 (08h00–21h30, Sundays and holidays allowed)',
  },
} as const satisfies Record<string, CommercialWindow>

export type CommercialWindowId = keyof typeof COMMERCIAL_WINDOWS

/** Why an instant is outside the window. */
export type WindowRefusal = 'hours' | 'weekday' | 'holiday'

/**
 * Tells whether a commercial SMS may be sent at `instant`.
 *
 * @returns `{ open: true }`, or `{ open: false, reason }` with the first rule that refuses
 *
 * @example
 * const sunday = new Date('2026-11-29T10:00:00+01:00')
 * checkCommercialWindow(COMMERCIAL_WINDOWS.legacy, sunday) // { open: false, reason: 'weekday' }
 */
export function checkCommercialWindow(
  window: CommercialWindow,
  instant: Date,
): { open: true } | { open: false; reason: WindowRefusal; local: string } {
  const local = DateTime.fromJSDate(instant, { zone: window.timeZone })
  const hhmm = local.toFormat('HH:mm')
  const localText = local.toISO() ?? ''
  if (hhmm < window.opens || hhmm >= window.closes)
    return { open: false, reason: 'hours', local: localText }
  if (!window.weekdays.includes(local.weekday))
    return { open: false, reason: 'weekday', local: localText }
  if (!window.holidays && isPublicHoliday(local.toISODate() ?? '')) {
    return { open: false, reason: 'holiday', local: localText }
  }
  return { open: true }
}

/**
 * Builds the instant of a local wall-clock time in a zone, or `undefined` if that time does
 * not exist (an invalid date, or the hour skipped when clocks go forward).
 *
 * @example
 * localToInstant({ year: 2004, month: 12, day: 4, hour: 12, minute: 30 }, 'Europe/Paris')
 * // 2004-12-04T11:30:00.000Z
 */
export function localToInstant(
  parts: {
    year: number
    month: number
    day: number
    hour: number
    minute: number
    second?: number
  },
  timeZone: string,
): Date | undefined {
  const local = DateTime.fromObject({ ...parts, second: parts.second ?? 0 }, { zone: timeZone })
  if (!local.isValid) return undefined
  // luxon moves a non-existent local time forward; refuse it rather than send at another hour.
  if (local.hour !== parts.hour || local.day !== parts.day) return undefined
  return local.toJSDate()
}

/** The fields of a wall-clock time, as dates are written: `year` in full, the others 2 digits. */
export type WallClock = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>

/**
 * The wall-clock time of an instant in a zone, the inverse of {@link localToInstant}: what the
 * clients write in the providers' local date formats.
 *
 * @example
 * wallClock(new Date('2015-09-29T12:00:00Z'), 'Europe/Paris')
 * // { year: '2015', month: '09', day: '29', hour: '14', minute: '00', second: '00' }
 */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  const { year, month, day, hour, minute, second } = parts
  return { year, month, day, hour, minute, second } as WallClock
}
