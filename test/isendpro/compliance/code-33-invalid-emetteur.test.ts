/**
 * Code 33, "Cet émetteur n'est pas autorisé!": an emetteur that is not "une chaîne
 * alphanumérique comprise entre 4 et 11 caractères", or that holds "uniquement des chiffres".
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.4, IV (33)
 */
import { describe, expect, it } from 'vitest'
import { ACK, KEYID, NOT, useIsendpro } from '../helpers.ts'

describe('code 33 over SMTP', () => {
  const isendpro = useIsendpro()

  it.each([
    ['digits only', '0601020304'],
    ['3 characters', 'ESF'],
    ['12 characters', 'MaSociete123'],
    ['an accent', 'Société'],
    ['a dash', 'Ski-Club'],
  ])('notifies 33 for an emetteur with %s', async (_case, emetteur) => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><num>0601020304</num><sms>Bonjour</sms><emetteur>${emetteur}</emetteur><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>33</emailId></envoi>`,
    )
    expect((await isendpro.not('33')).general).toMatchObject({
      code: 33,
      message: "Cet émetteur n'est pas autorisé!",
    })
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('shows a valid emetteur, spaces included, as the sender', async () => {
    await isendpro.send({ emetteur: 'ESF Tignes' })
    expect((await isendpro.control.messages())[0]?.from).toBe('ESF Tignes')
  })
})
