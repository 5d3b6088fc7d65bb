import { describe, expect, it } from 'vitest'
import {
  COMMERCIAL_WINDOWS,
  checkCommercialWindow,
  isPublicHoliday,
  localToInstant,
  publicHolidays,
  type CommercialWindowId,
} from './calendar.ts'

const YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030]

/** Python's `//`: floor division, as the dateutil formula is written. */
const div = (a: number, b: number): number => Math.floor(a / b)
/** Python's `%`: the result has the sign of the divisor. */
const mod = (a: number, b: number): number => ((a % b) + b) % b

/**
 * Western Easter Sunday by dateutil's `_compute_western_pfm_offset` + `_pfm_offset_to_date`,
 * copied from research §3.2: an oracle independent of date-holidays.
 */
function easter(y: number): string {
  const g = mod(y, 19)
  const c = div(y, 100)
  const h = mod(c - div(c, 4) - div(8 * c + 13, 25) + 19 * g + 15, 30)
  const i = h - div(h, 28) * (1 - div(h, 28) * div(29, h + 1) * div(21 - g, 11))
  const j = mod(y + div(y, 4) + i + 2 - c + div(c, 4), 7)
  const p = i - j
  const day = 1 + mod(p + 27 + div(p + 6, 40), 31)
  const month = 3 + div(p + 26, 30)
  return isoDate(Date.UTC(y, month - 1, day))
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10)
const addDays = (date: string, days: number): string =>
  isoDate(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000)

/** Research §3.2's table: Easter, Lundi de Pâques, Ascension, Lundi de Pentecôte, Vendredi Saint. */
const RESEARCH_TABLE: Record<number, [string, string, string, string, string]> = {
  2024: ['03-31', '04-01', '05-09', '05-20', '03-29'],
  2025: ['04-20', '04-21', '05-29', '06-09', '04-18'],
  2026: ['04-05', '04-06', '05-14', '05-25', '04-03'],
  2027: ['03-28', '03-29', '05-06', '05-17', '03-26'],
  2028: ['04-16', '04-17', '05-25', '06-05', '04-14'],
  2029: ['04-01', '04-02', '05-10', '05-21', '03-30'],
  2030: ['04-21', '04-22', '05-30', '06-10', '04-19'],
}

/** Code du travail art. L3133-1: the eleven national days of a year. */
function nationalDays(year: number): string[] {
  const e = easter(year)
  return [
    `${year}-01-01`,
    addDays(e, 1),
    `${year}-05-01`,
    `${year}-05-08`,
    addDays(e, 39),
    addDays(e, 50),
    `${year}-07-14`,
    `${year}-08-15`,
    `${year}-11-01`,
    `${year}-11-11`,
    `${year}-12-25`,
  ].sort()
}

const datesOf = (year: number, region?: string): string[] =>
  publicHolidays(year, 'FR', region)
    .map((h) => h.date)
    .sort()

describe('publicHolidays', () => {
  it('agrees with the Easter dates of the research table (checks the oracle itself)', () => {
    for (const year of YEARS) expect(easter(year)).toBe(`${year}-${RESEARCH_TABLE[year]![0]}`)
  })

  it.each(YEARS)('lists exactly the eleven national days of %i', (year) => {
    expect(datesOf(year)).toEqual(nationalDays(year))
  })

  it.each(YEARS)(
    'puts Lundi de Pâques, Ascension and Lundi de Pentecôte at E+1, E+39, E+50 in %i',
    (year) => {
      const e = easter(year)
      const byName = new Map(publicHolidays(year).map((h) => [h.name, h.date]))
      expect(byName.get('Lundi de Pâques')).toBe(addDays(e, 1))
      expect(byName.get('Ascension')).toBe(addDays(e, 39))
      expect(byName.get('Lundi de Pentecôte')).toBe(addDays(e, 50))
    },
  )

  it.each(YEARS)('matches the research table’s Easter-based days in %i', (year) => {
    const [, monday, ascension, pentecost] = RESEARCH_TABLE[year]!
    const dates = datesOf(year)
    for (const day of [monday, ascension, pentecost]) expect(dates).toContain(`${year}-${day}`)
  })

  it.each(YEARS)('adds Vendredi Saint (E−2) and 26 December in Moselle (57) in %i', (year) => {
    const expected = [...nationalDays(year), addDays(easter(year), -2), `${year}-12-26`].sort()
    expect(datesOf(year, '57')).toEqual(expected)
    expect(datesOf(year, '57')).toContain(`${year}-${RESEARCH_TABLE[year]![4]}`)
  })

  it('names the days in French', () => {
    expect(publicHolidays(2026).find((h) => h.date === '2026-07-14')?.name).toBe(
      'Fête Nationale de la France',
    )
  })

  it('tells whether a local date is a holiday', () => {
    expect(isPublicHoliday('2026-05-14')).toBe(true)
    expect(isPublicHoliday('2026-05-15')).toBe(false)
    expect(isPublicHoliday('2026-12-26')).toBe(false)
    expect(isPublicHoliday('2026-12-26', 'FR', '57')).toBe(true)
  })
})

/** Opening hours as Paris wall times, and what each preset answers there. */
const HOURS: { time: string; open: Record<CommercialWindowId, boolean> }[] = [
  { time: '07:59', open: { legacy: false, 'af2m-2024': false, 'af2m-2026': false } },
  { time: '08:00', open: { legacy: true, 'af2m-2024': true, 'af2m-2026': true } },
  { time: '19:59', open: { legacy: true, 'af2m-2024': true, 'af2m-2026': true } },
  { time: '20:00', open: { legacy: false, 'af2m-2024': true, 'af2m-2026': true } },
  { time: '21:29', open: { legacy: false, 'af2m-2024': true, 'af2m-2026': true } },
  { time: '21:30', open: { legacy: false, 'af2m-2024': true, 'af2m-2026': false } },
  { time: '21:59', open: { legacy: false, 'af2m-2024': true, 'af2m-2026': false } },
  { time: '22:00', open: { legacy: false, 'af2m-2024': false, 'af2m-2026': false } },
]

const PRESETS = Object.keys(COMMERCIAL_WINDOWS) as CommercialWindowId[]

const isOpen = (preset: CommercialWindowId, instant: string): boolean =>
  checkCommercialWindow(COMMERCIAL_WINDOWS[preset], new Date(instant)).open

describe('checkCommercialWindow', () => {
  describe.each(PRESETS)('preset %s', (preset) => {
    it.each(HOURS)('answers at $time on a winter Monday (+01:00)', ({ time, open }) => {
      expect(isOpen(preset, `2026-01-05T${time}:00+01:00`)).toBe(open[preset])
    })

    it.each(HOURS)('answers at $time on a summer Monday (+02:00)', ({ time, open }) => {
      expect(isOpen(preset, `2026-07-06T${time}:00+02:00`)).toBe(open[preset])
    })

    it.each(HOURS)('answers at $time on a Saturday', ({ time, open }) => {
      expect(isOpen(preset, `2026-01-10T${time}:00+01:00`)).toBe(open[preset])
    })
  })

  it('refuses outside the hours with the reason and the local time', () => {
    expect(
      checkCommercialWindow(COMMERCIAL_WINDOWS.legacy, new Date('2026-01-05T20:00:00+01:00')),
    ).toEqual({ open: false, reason: 'hours', local: '2026-01-05T20:00:00.000+01:00' })
  })

  describe('Sundays', () => {
    const sunday = new Date('2026-11-29T10:00:00+01:00')

    it('refuses a Sunday under the legacy and af2m 2024 rules', () => {
      expect(checkCommercialWindow(COMMERCIAL_WINDOWS.legacy, sunday)).toMatchObject({
        open: false,
        reason: 'weekday',
      })
      expect(checkCommercialWindow(COMMERCIAL_WINDOWS['af2m-2024'], sunday)).toMatchObject({
        open: false,
        reason: 'weekday',
      })
    })

    it('allows a Sunday under the af2m 2026 charter', () => {
      expect(checkCommercialWindow(COMMERCIAL_WINDOWS['af2m-2026'], sunday)).toEqual({
        open: true,
      })
    })

    it('gives the hours as the reason on a Sunday night, the first rule that refuses', () => {
      expect(
        checkCommercialWindow(COMMERCIAL_WINDOWS.legacy, new Date('2026-11-29T23:00:00+01:00')),
      ).toMatchObject({ reason: 'hours' })
    })
  })

  describe('public holidays', () => {
    it.each([
      ['14 July 2026 (a Tuesday)', '2026-07-14T10:00:00+02:00'],
      ['Ascension 2026 (a Thursday)', '2026-05-14T10:00:00+02:00'],
      ['Lundi de Pentecôte 2026', '2026-05-25T10:00:00+02:00'],
      ['Christmas 2026 (a Friday)', '2026-12-25T10:00:00+01:00'],
    ])('refuses %s under legacy and af2m 2024, allows it under af2m 2026', (_day, instant) => {
      for (const preset of ['legacy', 'af2m-2024'] as const) {
        expect(checkCommercialWindow(COMMERCIAL_WINDOWS[preset], new Date(instant))).toMatchObject({
          open: false,
          reason: 'holiday',
        })
      }
      expect(isOpen('af2m-2026', instant)).toBe(true)
    })

    it('allows the day after a holiday', () => {
      expect(isOpen('legacy', '2026-07-15T10:00:00+02:00')).toBe(true)
    })

    it('refuses a holiday from its opening to its closing, Paris time', () => {
      for (const instant of ['2026-07-14T06:00:00Z', '2026-07-14T19:59:00Z']) {
        expect(
          checkCommercialWindow(COMMERCIAL_WINDOWS['af2m-2024'], new Date(instant)),
        ).toMatchObject({ open: false, reason: 'holiday' })
      }
    })
  })

  describe('daylight saving time', () => {
    it('opens at 08:00 Paris time on both sides of the spring change', () => {
      // Friday 27 March 2026 is +01:00; Monday 30 March, after the change, is +02:00.
      expect(isOpen('legacy', '2026-03-27T07:00:00Z')).toBe(true)
      expect(isOpen('legacy', '2026-03-27T06:59:00Z')).toBe(false)
      expect(isOpen('legacy', '2026-03-30T06:00:00Z')).toBe(true)
      expect(isOpen('legacy', '2026-03-30T05:59:00Z')).toBe(false)
    })

    it('gives different answers at the same UTC time across the autumn change', () => {
      // 06:30 UTC is 08:30 on Friday 23 October (+02:00) but 07:30 on Monday 26 October (+01:00).
      expect(isOpen('legacy', '2026-10-23T06:30:00Z')).toBe(true)
      expect(isOpen('legacy', '2026-10-26T06:30:00Z')).toBe(false)
    })

    it('closes at 20:00 Paris time on both sides of the autumn change', () => {
      expect(isOpen('legacy', '2026-10-23T17:59:00Z')).toBe(true)
      expect(isOpen('legacy', '2026-10-23T18:00:00Z')).toBe(false)
      expect(isOpen('legacy', '2026-10-26T18:59:00Z')).toBe(true)
      expect(isOpen('legacy', '2026-10-26T19:00:00Z')).toBe(false)
    })

    it('reads the night of the spring change in Paris time', () => {
      // Sunday 29 March 2026, 01:59 UTC = 03:59 +02:00: an hour skipped, still night.
      expect(
        checkCommercialWindow(COMMERCIAL_WINDOWS['af2m-2026'], new Date('2026-03-29T01:59:00Z')),
      ).toMatchObject({ open: false, reason: 'hours', local: '2026-03-29T03:59:00.000+02:00' })
    })
  })
})

describe('localToInstant', () => {
  const paris = 'Europe/Paris'

  it('reads a winter Paris wall time at +01:00', () => {
    expect(
      localToInstant({ year: 2026, month: 1, day: 5, hour: 9, minute: 0 }, paris)?.toISOString(),
    ).toBe('2026-01-05T08:00:00.000Z')
  })

  it('reads a summer Paris wall time at +02:00', () => {
    expect(
      localToInstant({ year: 2026, month: 7, day: 6, hour: 9, minute: 0 }, paris)?.toISOString(),
    ).toBe('2026-07-06T07:00:00.000Z')
  })

  it('reads seconds when given', () => {
    expect(
      localToInstant(
        { year: 2004, month: 12, day: 4, hour: 12, minute: 30, second: 15 },
        paris,
      )?.toISOString(),
    ).toBe('2004-12-04T11:30:15.000Z')
  })

  it.each([
    ['31 February', { year: 2026, month: 2, day: 31, hour: 12, minute: 0 }],
    ['29 February of a common year', { year: 2026, month: 2, day: 29, hour: 12, minute: 0 }],
    ['month 13', { year: 2026, month: 13, day: 1, hour: 12, minute: 0 }],
    ['day 0', { year: 2026, month: 1, day: 0, hour: 12, minute: 0 }],
    ['hour 25', { year: 2026, month: 1, day: 5, hour: 25, minute: 0 }],
    ['minute 60', { year: 2026, month: 1, day: 5, hour: 12, minute: 60 }],
  ])('refuses %s', (_what, parts) => {
    expect(localToInstant(parts, paris)).toBeUndefined()
  })

  it('accepts 29 February of a leap year', () => {
    expect(
      localToInstant({ year: 2028, month: 2, day: 29, hour: 12, minute: 0 }, paris)?.toISOString(),
    ).toBe('2028-02-29T11:00:00.000Z')
  })

  it.each([
    [2, 0],
    [2, 30],
    [2, 59],
  ])('refuses %i:%i on the spring-forward night, an hour that does not exist', (hour, minute) => {
    expect(localToInstant({ year: 2026, month: 3, day: 29, hour, minute }, paris)).toBeUndefined()
  })

  it('accepts the times either side of the skipped hour', () => {
    expect(
      localToInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 59 }, paris)?.toISOString(),
    ).toBe('2026-03-29T00:59:00.000Z')
    expect(
      localToInstant({ year: 2026, month: 3, day: 29, hour: 3, minute: 0 }, paris)?.toISOString(),
    ).toBe('2026-03-29T01:00:00.000Z')
  })
})
