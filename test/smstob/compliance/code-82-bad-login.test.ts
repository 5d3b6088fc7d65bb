/**
 * Code 82, "Le login et/ou mot de passe n'est pas valide": an e-mail no account has, or the
 * wrong pass. The e-mail is compared without case (it is an address), the pass exactly.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "82 : Le login et/ou mot de passe n'est pas valide"
 */
import { describe, expect, it } from 'vitest'
import { ECOLE, IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 82 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each([
    ['an e-mail no account has', { email: 'inconnu@example.fr' }],
    ['the wrong pass', { pass: 'XV65JV' }],
    ['the pass in another case', { pass: 'xv65ju' }],
  ])('answers 82 to %s, and sends and debits nothing', async (_case, change) => {
    const before = await smstob.snapshot()
    expect((await smstob.get({ ...SEND, ...change })).body).toBe('82')
    expect(await smstob.snapshot()).toEqual(before)
  })

  it('accepts the e-mail in any case, and the SMS belongs to the account', async () => {
    expect((await smstob.get({ ...SEND, email: 'Ecole@EXAMPLE.fr' })).body).toBe('80')
    expect((await smstob.messages())[0]?.account).toBe(ECOLE.email)
    expect((await smstob.account()).credits).toBe(9)
  })

  it('gives the client 82 with the document’s text', async () => {
    const result = await smstob.client({ pass: 'faux' }).send({ numero: SEND.numero, message: 'x' })
    expect(result).toEqual({
      ok: false,
      code: 82,
      meaning: "Le login et/ou mot de passe n'est pas valide",
      raw: '82',
    })
  })

  it('journals a refused login with no account', async () => {
    await smstob.get({ ...SEND, email: 'inconnu@example.fr' })
    const [entry] = await smstob.journal()
    expect(entry).toMatchObject({ code: 82, status: 200 })
    expect(entry).not.toHaveProperty('account')
  })
})
