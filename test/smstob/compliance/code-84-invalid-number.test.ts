/**
 * Code 84, "le numéro de gsm n'est pas valide": `numero` is neither a mobile number nor the
 * name of one of the account's groups. The usual written forms of a mobile are accepted.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "84 : le numéro de gsm n'est pas valide",
 * "remplacer le numéro par le nom du groupe"
 */
import { describe, expect, it } from 'vitest'
import { ECOLE, IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 84 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each([
    ['garbage', 'bonjour'],
    ['a landline', '0145454545'],
    ['a number too short', '06609190'],
    ['a number too long', '066091901011'],
    ['a premium-rate number', '0892680000'],
    ['the name of no group of the account', 'clients'],
  ])('answers 84 to %s (%s), and sends and debits nothing', async (_case, numero) => {
    expect((await smstob.get({ ...SEND, numero })).body).toBe('84')
    expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
  })

  it('answers 84 to the name of another account’s group', async () => {
    await smstob.createAccount({
      id: 'autre@example.fr',
      secret: 'x',
      options: { groups: { clients: [{ number: '0660545465' }] } },
    })
    expect((await smstob.get({ ...SEND, numero: 'clients' })).body).toBe('84')
  })

  it.each([
    ['international', '+33660919010', '+33660919010'],
    ['international with 00', '0033660919010', '+33660919010'],
    ['with spaces', '06 60 91 90 10', '+33660919010'],
    ['with dots', '06.60.91.90.10', '+33660919010'],
    ['a 07 mobile', '0756123456', '+33756123456'],
    ['a La Réunion mobile written nationally', '0692123456', '+262692123456'],
  ])('sends to a mobile written %s (%s)', async (_case, numero, e164) => {
    expect((await smstob.get({ ...SEND, numero })).body).toBe('80')
    expect((await smstob.messages())[0]?.to).toBe(e164)
  })

  it('gives the client 84 with the document’s text', async () => {
    const result = await smstob.client().send({ numero: '0145454545', message: 'x' })
    expect(result).toEqual({
      ok: false,
      code: 84,
      meaning: "le numéro de gsm n'est pas valide",
      raw: '84',
    })
  })

  it('journals an invalid number with the account', async () => {
    await smstob.get({ ...SEND, numero: 'bonjour' })
    expect((await smstob.journal())[0]).toMatchObject({ code: 84, account: ECOLE.email })
  })
})
