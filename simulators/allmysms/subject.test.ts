import { describe, expect, it } from 'vitest'
import { parseRecipient, parseSubject } from './subject.ts'
import { parseMail2SmsDate } from './wire.ts'

describe('parseSubject', () => {
  it('reads every part of the document’s template', () => {
    expect(
      parseSubject(
        'arthur45@de135f8d2a091e4|33612121515;33614141515|from=MAGASIN|date=2015-09-29 14:00:00',
      ),
    ).toEqual({
      ok: true,
      subject: {
        login: 'arthur45',
        apiKey: 'de135f8d2a091e4',
        mobiles: ['33612121515', '33614141515'],
        from: 'MAGASIN',
        date: '2015-09-29 14:00:00',
      },
    })
  })

  it('reads the two mandatory parts alone', () => {
    expect(parseSubject('arthur45@de135f8d2a091e4|0612121515')).toEqual({
      ok: true,
      subject: { login: 'arthur45', apiKey: 'de135f8d2a091e4', mobiles: ['0612121515'] },
    })
  })

  it('treats the template’s empty options, from= and date=, as not given', () => {
    expect(parseSubject('arthur45@key|0612121515|from=|date=')).toEqual({
      ok: true,
      subject: { login: 'arthur45', apiKey: 'key', mobiles: ['0612121515'] },
    })
  })

  it('tolerates spaces around every part, number and option', () => {
    expect(
      parseSubject(
        '  arthur45 @ key | 0612121515 ; 06 14 14 15 15 ; | from = Ski Club  | date = 2026-01-05  10:00:00 ',
      ),
    ).toEqual({
      ok: true,
      subject: {
        login: 'arthur45',
        apiKey: 'key',
        mobiles: ['0612121515', '06 14 14 15 15'],
        from: 'Ski Club',
        date: '2026-01-05  10:00:00',
      },
    })
  })

  it('takes the options in any order and their names in any case; the last repeat wins', () => {
    expect(parseSubject('a@k|0612121515|DATE=2026-01-05 10:00:00|From=ONE|from=TWO')).toEqual({
      ok: true,
      subject: {
        login: 'a',
        apiKey: 'k',
        mobiles: ['0612121515'],
        date: '2026-01-05 10:00:00',
        from: 'TWO',
      },
    })
  })

  it('ignores empty parts, such as a trailing |', () => {
    expect(parseSubject('a@k|0612121515||')).toMatchObject({ ok: true })
  })

  it('splits login@apiKey at the last @, so that a login may be an e-mail address', () => {
    expect(parseSubject('jean@ecole.fr@de135f8d2a091e4|0612121515')).toMatchObject({
      ok: true,
      subject: { login: 'jean@ecole.fr', apiKey: 'de135f8d2a091e4' },
    })
  })

  it('keeps an empty mobiles part for the decision to refuse with 114', () => {
    expect(parseSubject('a@k|')).toEqual({
      ok: true,
      subject: { login: 'a', apiKey: 'k', mobiles: [] },
    })
    expect(parseSubject('a@k| ; ;')).toMatchObject({ ok: true, subject: { mobiles: [] } })
  })

  it('answers 105 for an empty or blank subject', () => {
    expect(parseSubject('')).toEqual({ ok: false, code: 105 })
    expect(parseSubject('   ')).toEqual({ ok: false, code: 105 })
  })

  it.each([
    ['no | at all', 'arthur45@de135f8d2a091e4'],
    ['a plain subject', 'SMS pour Jean'],
    ['no @', 'arthur45|0612121515'],
    ['an empty login', '@de135f8d2a091e4|0612121515'],
    ['an empty apiKey', 'arthur45@|0612121515'],
    ['only separators', '|'],
    ['an unknown option', 'a@k|0612121515|flash=1'],
    ['an option without =', 'a@k|0612121515|MAGASIN'],
  ])('answers 109 for a subject with %s', (_case, subject) => {
    expect(parseSubject(subject)).toEqual({ ok: false, code: 109 })
  })
})

describe('parseRecipient', () => {
  it.each([
    ['33612121515', '+33612121515'],
    ['+33612121515', '+33612121515'],
    ['0033612121515', '+33612121515'],
    ['0612121515', '+33612121515'],
    ['06 12 12 15 15', '+33612121515'],
    ['06.12.12.15.15', '+33612121515'],
    ['0751234567', '+33751234567'],
    ['41791234567', '+41791234567'],
    ['+41791234567', '+41791234567'],
    ['0692123456', '+262692123456'],
    ['262692123456', '+262692123456'],
  ])('reads %s as %s', (entry, e164) => {
    expect(parseRecipient(entry)?.e164).toBe(e164)
  })

  it.each([
    ['a landline', '0145454545'],
    ['a national number without its 0', '612121515'],
    ['too few digits', '061212'],
    ['letters', 'Jean'],
    ['two numbers separated by a comma', '0612121515,0614141515'],
    ['an empty entry', ''],
  ])('refuses %s', (_case, entry) => {
    expect(parseRecipient(entry)).toBeUndefined()
  })
})

describe('parseMail2SmsDate', () => {
  it('reads the document’s example as Paris summer time', () => {
    expect(parseMail2SmsDate('2015-09-29 14:00:00')?.toISOString()).toBe('2015-09-29T12:00:00.000Z')
  })

  it('reads a winter date as Paris winter time', () => {
    expect(parseMail2SmsDate('2026-01-05 10:30:15')?.toISOString()).toBe('2026-01-05T09:30:15.000Z')
  })

  it('accepts several spaces between the date and the time', () => {
    expect(parseMail2SmsDate('2026-01-05   10:30:00')?.toISOString()).toBe(
      '2026-01-05T09:30:00.000Z',
    )
  })

  it.each([
    ['French order', '05/01/2026 10:30:00'],
    ['no seconds', '2026-01-05 10:30'],
    ['no time', '2026-01-05'],
    ['an ISO T', '2026-01-05T10:30:00'],
    ['one-digit fields', '2026-1-5 10:30:00'],
    ['31 February', '2026-02-31 10:00:00'],
    ['hour 24', '2026-01-05 24:00:00'],
    ['minute 60', '2026-01-05 10:60:00'],
    ['second 60', '2026-01-05 10:00:60'],
    ['the hour skipped in spring', '2026-03-29 02:30:00'],
    ['words', 'demain'],
  ])('refuses %s', (_case, value) => {
    expect(parseMail2SmsDate(value)).toBeUndefined()
  })
})
