/**
 * Code 81, "Le message est enregistré pour un envoi en différé": `diff=hhmmjjmmaaaa`, read as
 * Paris wall time, holds the SMS until the clock reaches it.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "ajouter &diff=hhmmjjmmaaaa, par exemple,
 * &diff=123004122003 pour un envoi à 12 h 30 le 4 décembre"
 */
import { describe, expect, it } from 'vitest'
import { HOUR, IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 81 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it('answers 81 to a diff later today, read as Paris time, and keeps the SMS scheduled', async () => {
    // 10:30 in Paris on Monday 5 January 2026 is 09:30 UTC (winter time).
    expect((await smstob.get({ ...SEND, diff: '103005012026' })).body).toBe('81')
    expect(await smstob.messages()).toEqual([
      expect.objectContaining({
        status: 'scheduled',
        submittedAt: '2026-01-05T08:00:00.000Z',
        scheduledAt: '2026-01-05T09:30:00.000Z',
      }),
    ])
    expect((await smstob.messages())[0]).not.toHaveProperty('deliveredAt')
  })

  it('debits the credits when it accepts the deferred SMS, not when it sends it', async () => {
    await smstob.get({ ...SEND, diff: '103005012026' })
    expect((await smstob.account()).credits).toBe(9)
    await smstob.advance(2 * HOUR)
    expect((await smstob.account()).credits).toBe(9)
  })

  it('delivers the SMS when the clock reaches its time, not a millisecond before', async () => {
    await smstob.get({ ...SEND, diff: '103005012026' })
    await smstob.advance(1.5 * HOUR - 1)
    expect(await smstob.messages()).toEqual([expect.objectContaining({ status: 'scheduled' })])
    await smstob.advance(1)
    expect(await smstob.messages()).toEqual([
      expect.objectContaining({ status: 'delivered', deliveredAt: '2026-01-05T09:30:00.000Z' }),
    ])
  })

  it('reads a summer diff as Paris summer time (UTC+2)', async () => {
    await smstob.setClock('2026-07-01T09:00:00+02:00')
    expect((await smstob.get({ ...SEND, diff: '123001072026' })).body).toBe('81')
    expect((await smstob.messages())[0]?.scheduledAt).toBe('2026-07-01T10:30:00.000Z')
  })

  it('reads the document’s own example, 123004122003, as 12 h 30 on 4 December in Paris', async () => {
    await smstob.setClock('2003-12-01T09:00:00+01:00')
    expect((await smstob.get({ ...SEND, diff: '123004122003' })).body).toBe('81')
    expect((await smstob.messages())[0]?.scheduledAt).toBe('2003-12-04T11:30:00.000Z')
  })

  it('gives the client 81 with the document’s text when it passes a Date', async () => {
    const result = await smstob
      .client()
      .send({ numero: SEND.numero, message: 'Demain', diff: new Date('2026-01-06T12:30:00+01:00') })
    expect(result).toEqual({
      ok: true,
      code: 81,
      meaning: 'Le message est enregistré pour un envoi en différé',
      raw: '81',
    })
    expect((await smstob.messages())[0]?.scheduledAt).toBe('2026-01-06T11:30:00.000Z')
  })

  it('sends at once with 80 when diff names a time already past (our choice)', async () => {
    expect((await smstob.get({ ...SEND, diff: '083005012026' })).body).toBe('80')
    expect(await smstob.messages()).toEqual([expect.objectContaining({ status: 'delivered' })])
  })

  it('sends at once with 80 when diff is given empty (our choice)', async () => {
    expect((await smstob.get({ ...SEND, diff: '' })).body).toBe('80')
  })
})
