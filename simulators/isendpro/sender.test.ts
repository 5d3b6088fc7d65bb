import { describe, expect, it } from 'vitest'
import { countSegments } from '../core/segments.ts'
import { asksNoStop, readEmetteur, STOP_MENTION, withStopMention } from './sender.ts'

describe('readEmetteur', () => {
  it.each([
    ['MaSociete7', 'MaSociete7'],
    ['ESF Tignes', 'ESF Tignes'],
    [' ABCD ', 'ABCD'],
    ['A123', 'A123'],
    ['ABCDEFGHIJK', 'ABCDEFGHIJK'],
  ])('accepts %j as %j', (value, emetteur) => {
    expect(readEmetteur(value)).toEqual({ ok: true, emetteur })
  })

  it.each([
    ['', 16],
    ['   ', 16],
    ['ABC', 33],
    ['ABCDEFGHIJKL', 33],
    ['0601020304', 33],
    ['06 01 02', 33],
    ['Société', 33],
    ['Ma-Societe', 33],
  ])('refuses %j with %s', (value, code) => {
    expect(readEmetteur(value)).toEqual({ ok: false, code })
  })

  it('accepts no emetteur at all', () => {
    expect(readEmetteur(undefined)).toEqual({ ok: true })
  })
})

describe('the STOP mention', () => {
  it('is the document’s text with a short code, 17 characters', () => {
    expect(STOP_MENTION).toMatch(/^STOP SMS au 36\d{3}$/)
    expect(STOP_MENTION).toHaveLength(17)
  })

  it('leaves 141 GSM characters of one SMS, as the document says', () => {
    expect(countSegments(withStopMention('x'.repeat(141))).segments).toBe(1)
    expect(countSegments(withStopMention('x'.repeat(142))).segments).toBe(2)
  })

  it('is dropped for nostop 1 only', () => {
    expect([
      asksNoStop('1'),
      asksNoStop(' 1 '),
      asksNoStop('0'),
      asksNoStop('oui'),
      asksNoStop(undefined),
    ]).toEqual([true, true, false, false, false])
  })
})
