/**
 * `date=YYYY-MM-DD hh:ii:ss`: a deferred send, read as Paris wall time, held until the
 * simulator's clock reaches it (code 101 in the journal, no mail). A date already past is sent
 * at once (our choice).
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "date=" ("Ex : date=2015-09-29 14:00:00")
 */
import { describe, expect, it } from 'vitest'
import { CREDENTIALS, HOUR, MOBILE, useAllmysms } from '../helpers.ts'

describe('deferred Mail2SMS over SMTP', () => {
  const allmysms = useAllmysms()

  it('holds the SMS until the clock reaches the Paris time, and debits it at once', async () => {
    // 10:30 in Paris on 5 January 2026 is 09:30 UTC; the clock is at 09:00 Paris.
    await allmysms.send({ subject: `${CREDENTIALS}|${MOBILE}|date=2026-01-05 10:30:00` })
    expect(await allmysms.messages()).toEqual([
      expect.objectContaining({ status: 'scheduled', scheduledAt: '2026-01-05T09:30:00.000Z' }),
    ])
    expect((await allmysms.account()).credits).toBe(99)
    expect(await allmysms.mails()).toEqual([])
    expect((await allmysms.journal())[0]?.code).toBe(101)

    await allmysms.advance(1.5 * HOUR - 1)
    expect((await allmysms.messages())[0]?.status).toBe('scheduled')
    await allmysms.advance(1)
    expect(await allmysms.messages()).toEqual([
      expect.objectContaining({ status: 'delivered', deliveredAt: '2026-01-05T09:30:00.000Z' }),
    ])
    expect((await allmysms.account()).credits).toBe(99)
  })

  it('reads the document’s example, 2015-09-29 14:00:00, as Paris summer time', async () => {
    await allmysms.setClock('2015-09-28T12:00:00+02:00')
    await allmysms.send({ subject: `${CREDENTIALS}|${MOBILE}|date=2015-09-29 14:00:00` })
    expect((await allmysms.messages())[0]?.scheduledAt).toBe('2015-09-29T12:00:00.000Z')
  })

  it('sends at once a date already past (our choice), with 100', async () => {
    await allmysms.send({ subject: `${CREDENTIALS}|${MOBILE}|date=2026-01-05 08:59:59` })
    expect((await allmysms.messages())[0]?.status).toBe('delivered')
    expect((await allmysms.journal())[0]?.code).toBe(100)
  })

  it('treats the template’s empty date= as no date', async () => {
    await allmysms.send({ subject: `${CREDENTIALS}|${MOBILE}|from=|date=` })
    expect((await allmysms.messages())[0]?.status).toBe('delivered')
  })
})
