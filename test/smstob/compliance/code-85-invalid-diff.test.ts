/**
 * Code 85, "le format d'envoi en différé n'est pas valide": `diff` is not `hhmmjjmmaaaa`, or
 * names no real Paris date and time.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "85 : le format d'envoi en différé n'est pas valide"
 */
import { describe, expect, it } from 'vitest'
import { IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 85 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each([
    ['11 digits', '10300501202'],
    ['13 digits', '1030050120260'],
    ['letters', '10h305012026'],
    ['separators', '10:30 05/01/2026'],
    ['an ISO date', '2026-01-05T10:30'],
    ['hour 24', '243005012026'],
    ['minute 60', '106005012026'],
    ['day 0', '103000012026'],
    ['31 February', '103031022026'],
    ['month 13', '103005132026'],
    ['02:30 on 29 March 2026, skipped when Paris goes to summer time', '023029032026'],
  ])('answers 85 to a diff with %s, and sends and debits nothing', async (_case, diff) => {
    expect((await smstob.get({ ...SEND, diff })).body).toBe('85')
    expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
  })

  it('gives the client 85 with the document’s text', async () => {
    const result = await smstob.client().send({ numero: SEND.numero, message: 'x', diff: '1230' })
    expect(result).toEqual({
      ok: false,
      code: 85,
      meaning: "le format d'envoi en différé n'est pas valide",
      raw: '85',
    })
  })
})
