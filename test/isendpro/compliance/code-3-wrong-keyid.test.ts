/**
 * Code 3, "Vos identifiants sont incorrects": a keyid no account has (compared exactly).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "La clé d'identification est disponible sur
 * votre espace client", IV (3)
 */
import { describe, expect, it } from 'vitest'
import { readIsendproNot } from '../../../client/isendpro/replies.ts'
import { KEYID, NOT, useIsendpro } from '../helpers.ts'

describe('code 3 over SMTP', () => {
  const isendpro = useIsendpro()

  it.each([
    ['an unknown key', 'ffffffffffffffffffff'],
    ['the key in capitals', KEYID.toUpperCase()],
    ['the key with the dash of the document’s table', 'a296464ce-012b8ab710a'],
  ])('notifies 3 for %s, with Ack 0', async (_case, keyid) => {
    const { ack, not } = await isendpro.sendAndRead({ keyid })
    expect(ack.code).toBe(0)
    expect(not?.general).toMatchObject({ code: 3, message: 'Vos identifiants sont incorrects' })
    expect(await isendpro.control.messages()).toEqual([])
    expect(await isendpro.credits()).toBe(100)
  })

  it('remembers nothing for an unknown key: the same emailId works once the key is right', async () => {
    await isendpro.send({ keyid: 'nobody', emailId: 'x1' })
    await isendpro.send({ emailId: 'x1' })
    const nots = (await isendpro.mails(NOT)).map((m) => readIsendproNot(m)?.entries[0]?.code)
    expect(nots).toEqual([3, 0])
  })
})
