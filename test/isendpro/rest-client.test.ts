/**
 * The typed REST client (client/isendpro/rest.ts) against a started smsim: each operation it
 * offers, and a general error read as one.
 */
import { describe, expect, it } from 'vitest'
import { IsendproRestClient } from '../../client/isendpro/rest.ts'
import { KEYID, MOBILE, useIsendpro } from './helpers.ts'

describe('IsendproRestClient against smsim', () => {
  const isendpro = useIsendpro({ credits: 100 })
  const api = (keyid = KEYID) =>
    new IsendproRestClient({ baseUrl: `${isendpro.smsim.url}/isendpro/cgi-bin`, keyid })

  it('sends, counts, reads the credit, blacklists and looks up numbers', async () => {
    expect(
      await api().sms(MOBILE, 'Bonjour', { emetteur: 'MaSociete', tracker: 't1' }),
    ).toMatchObject({
      ok: true,
      entries: [{ code: 0, tel: MOBILE, smslong: 1 }],
    })
    expect(await api().smsMulti([MOBILE, '0601020305'], ['A', 'B'])).toMatchObject({
      ok: true,
      entries: [{ code: 0 }, { code: 0 }],
    })
    expect(await api().comptage(MOBILE, 'x'.repeat(200))).toEqual({
      ok: true,
      characters: 200,
      sms: 2,
    })
    expect(await api().credit()).toEqual({ ok: true, credit: 97, quantite: 97 })
    expect(await api().listeNoire(MOBILE, true)).toEqual({ ok: true, status: 200 })
    expect((await api().sms(MOBILE, 'Bonjour')).entries[0]?.code).toBe(11)
    expect(await api().hlr([MOBILE])).toEqual([{ tel: MOBILE, operateur: 'ORAN' }])
  })

  it('defers with a Date', async () => {
    const at = new Date('2026-01-05T15:00:00+01:00')
    expect((await api().sms(MOBILE, 'Plus tard', { dateEnvoi: at })).ok).toBe(true)
    const [held] = await isendpro.control.messages()
    expect(held?.scheduledAt).toBe(at.toISOString())
  })

  it('reads a wrong keyid as a general error with its meaning', async () => {
    expect(await api('faux').sms(MOBILE, 'Bonjour')).toMatchObject({
      ok: false,
      status: 400,
      entries: [{ code: 3, meaning: 'Vos identifiants sont incorrects' }],
    })
  })
})
