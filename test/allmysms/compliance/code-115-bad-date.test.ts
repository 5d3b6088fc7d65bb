/**
 * Code 115, "Flux XML invalide ou date mal formatée entre les balises <DATE> et </DATE>":
 * `date=` is not `YYYY-MM-DD hh:ii:ss`, or not a real Paris date and time.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "date=", §2.2 (115)
 */
import { describe, expect, it } from 'vitest'
import { CREDENTIALS, MOBILE, useAllmysms } from '../helpers.ts'

describe('code 115 over SMTP', () => {
  const allmysms = useAllmysms()

  it.each([
    ['French order', '06/01/2026 10:00:00'],
    ['no seconds', '2026-01-06 10:00'],
    ['a date alone', '2026-01-06'],
    ['31 February', '2026-02-31 10:00:00'],
    ['25 h', '2026-01-06 25:00:00'],
    ['the hour skipped when clocks go forward', '2026-03-29 02:30:00'],
    ['a word', 'demain'],
  ])('mails 115 back for %s', async (_case, date) => {
    const reply = await allmysms.sendAndRead({ subject: `${CREDENTIALS}|${MOBILE}|date=${date}` })
    expect(reply).toMatchObject({
      status: 115,
      statusText: 'Flux XML invalide ou date mal formatée entre les balises <DATE> et </DATE>',
    })
    expect(await allmysms.messages()).toEqual([])
    expect((await allmysms.account()).credits).toBe(100)
  })
})
