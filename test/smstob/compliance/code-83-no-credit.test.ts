/**
 * Code 83, "vous devez créditer le compte": the credits do not cover every part of every SMS
 * of the send. Nothing is sent and nothing is debited (all or nothing, our choice).
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "83 : vous devez créditer le compte"
 */
import { describe, expect, it } from 'vitest'
import { ECOLE, IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

const TWO_PARTS = 'a'.repeat(161)

const GROUP_OF_THREE = [
  { number: '0660919010' },
  { number: '0660545465' },
  { number: '0660901010' },
]

describe.each(IMPLEMENTATIONS)('code 83 through $name', ({ kind }) => {
  const smstob = useSmstob(kind, {
    accounts: [{ id: ECOLE.email, secret: ECOLE.pass, credits: 1 }],
  })

  it('answers 83 to a two-part message with one credit, and sends and debits nothing', async () => {
    expect((await smstob.get({ ...SEND, message: TWO_PARTS })).body).toBe('83')
    expect(await smstob.snapshot()).toEqual({ credits: 1, messages: [] })
  })

  it('spends the last credit on a one-part message, then answers 83', async () => {
    expect((await smstob.get({ ...SEND, message: 'Le dernier' })).body).toBe('80')
    expect((await smstob.account()).credits).toBe(0)
    expect((await smstob.get({ ...SEND, message: 'Un de trop' })).body).toBe('83')
    expect(await smstob.messages()).toHaveLength(1)
  })

  it('answers 83 to a group larger than the credits, and sends to none of its contacts', async () => {
    await smstob.patchAccount(ECOLE.email, {
      credits: 2,
      options: { groups: { parents: GROUP_OF_THREE } },
    })
    expect((await smstob.get({ ...SEND, numero: 'parents' })).body).toBe('83')
    expect(await smstob.snapshot()).toEqual({ credits: 2, messages: [] })
    await smstob.patchAccount(ECOLE.email, { credits: 3 })
    expect((await smstob.get({ ...SEND, numero: 'parents' })).body).toBe('80')
    expect(await smstob.snapshot()).toMatchObject({ credits: 0, messages: { length: 3 } })
  })

  it('answers 83 to a deferred send it cannot pay for, and schedules nothing', async () => {
    await smstob.patchAccount(ECOLE.email, { credits: 0 })
    expect((await smstob.get({ ...SEND, diff: '103005012026' })).body).toBe('83')
    expect(await smstob.messages()).toEqual([])
  })

  it('gives the client 83 with the document’s text', async () => {
    const result = await smstob.client().send({ numero: SEND.numero, message: TWO_PARTS })
    expect(result).toEqual({
      ok: false,
      code: 83,
      meaning: 'vous devez créditer le compte',
      raw: '83',
    })
  })
})
