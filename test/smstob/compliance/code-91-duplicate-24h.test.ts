/**
 * Code 91, "le message a déjà été envoyé à ce numéro dans les 24 dernières heures": the same
 * text to the same number within 24 hours is refused, unless the account switched the check off.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "91 : le message a déjà été envoyé à ce numéro
 * dans les 24 dernières heures", "L'erreur 91 peut être désactivée dans la rubrique « Modifier les options »"
 */
import { describe, expect, it } from 'vitest'
import { DAY, ECOLE, HOUR, IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 91 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it('refuses the same SMS to the same number within 24 h with code 91, sending and debiting nothing', async () => {
    expect((await smstob.get(SEND)).body).toBe('80')
    await smstob.advance(23 * HOUR)
    const before = await smstob.snapshot()
    expect((await smstob.get(SEND)).body).toBe('91')
    expect(await smstob.snapshot()).toEqual(before)
    expect(before).toMatchObject({ credits: 9, messages: { length: 1 } })
  })

  it('refuses it a millisecond before the 24 h are over and sends it when they are', async () => {
    await smstob.get(SEND)
    await smstob.advance(DAY - 1)
    expect((await smstob.get(SEND)).body).toBe('91')
    await smstob.advance(1)
    expect((await smstob.get(SEND)).body).toBe('80')
    expect(await smstob.messages()).toHaveLength(2)
  })

  it('counts the 24 h from the SMS sent, not from the refusal', async () => {
    await smstob.get(SEND)
    await smstob.advance(20 * HOUR)
    expect((await smstob.get(SEND)).body).toBe('91')
    await smstob.advance(4 * HOUR)
    expect((await smstob.get(SEND)).body).toBe('80')
  })

  it('sends the same SMS twice when the account switched the check off', async () => {
    await smstob.patchAccount(ECOLE.email, { options: { duplicateCheck: false } })
    expect((await smstob.get(SEND)).body).toBe('80')
    expect((await smstob.get(SEND)).body).toBe('80')
    expect(await smstob.snapshot()).toMatchObject({ credits: 8, messages: { length: 2 } })
  })

  it('sends another text to the same number, and the same text to another number', async () => {
    await smstob.get(SEND)
    expect((await smstob.get({ ...SEND, message: 'Bonsoir' })).body).toBe('80')
    expect((await smstob.get({ ...SEND, numero: '0660545465' })).body).toBe('80')
  })

  it('knows the number however it is written', async () => {
    await smstob.get(SEND)
    expect((await smstob.get({ ...SEND, numero: '+33 6 60 91 90 10' })).body).toBe('91')
  })

  it('answers 91 to a group whose every contact got the text within 24 h', async () => {
    await smstob.patchAccount(ECOLE.email, {
      options: { groups: { parents: [{ number: '0660919010' }, { number: '0660545465' }] } },
    })
    expect((await smstob.get({ ...SEND, numero: 'parents' })).body).toBe('80')
    expect((await smstob.get({ ...SEND, numero: 'parents' })).body).toBe('91')
    expect((await smstob.account()).credits).toBe(8)
  })

  it('gives the client 91 with the document’s text', async () => {
    const client = smstob.client()
    await client.send({ numero: SEND.numero, message: 'Rappel' })
    const result = await client.send({ numero: SEND.numero, message: 'Rappel' })
    expect(result).toEqual({
      ok: false,
      code: 91,
      meaning: 'le message a déjà été envoyé à ce numéro dans les 24 dernières heures',
      raw: '91',
    })
  })
})
