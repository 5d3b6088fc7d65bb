/**
 * Code 86, "le groupe de contacts est vide": `numero` names a group of the account that has no
 * contact — created empty, or imported from a file none of whose lines was a mobile.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "86 : le groupe de contacts est vide",
 * §7 "Insertion d'un fichier de contacts"
 */
import { describe, expect, it } from 'vitest'
import { ECOLE, IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 86 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it('answers 86 to a group imported from a contact file with a header and no line', async () => {
    expect(await smstob.importGroup('parents', 'Nom;Numéro\r\n')).toEqual({
      group: 'parents',
      imported: 0,
      rejected: [],
    })
    expect((await smstob.get({ ...SEND, numero: 'parents' })).body).toBe('86')
    expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
  })

  it('answers 86 to a group whose every line was refused at import', async () => {
    const { imported, rejected } = await smstob.importGroup(
      'fixes',
      'Nom;Numéro\r\nMairie;0145454545\r\nÉcole;01 23 45 67 89\r\n',
    )
    expect(imported).toBe(0)
    expect(rejected).toMatchInlineSnapshot(`
      [
        {
          "line": 2,
          "reason": ""0145454545" is not a mobile number",
        },
        {
          "line": 3,
          "reason": ""01 23 45 67 89" is not a mobile number",
        },
      ]
    `)
    expect((await smstob.get({ ...SEND, numero: 'fixes' })).body).toBe('86')
  })

  it('answers 86 to a group created empty in the account’s options', async () => {
    await smstob.patchAccount(ECOLE.email, { options: { groups: { vide: [] } } })
    expect((await smstob.get({ ...SEND, numero: 'vide' })).body).toBe('86')
    expect(await smstob.messages()).toEqual([])
  })

  it('gives the client 86 with the document’s text', async () => {
    await smstob.patchAccount(ECOLE.email, { options: { groups: { vide: [] } } })
    const result = await smstob.client().send({ numero: 'vide', message: 'x' })
    expect(result).toEqual({
      ok: false,
      code: 86,
      meaning: 'le groupe de contacts est vide',
      raw: '86',
    })
  })
})
