/**
 * Code 2, "Le champ PWD est vide": the mail has no password field; the keyid stands for the
 * login and the password at once, so an absent `<keyid>` is 1 and an empty one 2 (ours).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — II "Identifiant, Mot de passe", IV (2)
 */
import { describe, expect, it } from 'vitest'
import { ACK, NOT, useIsendpro } from '../helpers.ts'

describe('code 2 over SMTP', () => {
  const isendpro = useIsendpro()

  it.each([
    ['<keyid></keyid>', '72'],
    ['<keyid>   </keyid>', '73'],
    ['<keyid/>', '74'],
  ])('notifies 2 for %s', async (keyid, emailId) => {
    await isendpro.sendText(
      `<envoi>${keyid}<num>0601020304</num><sms>Bonjour</sms><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>${emailId}</emailId></envoi>`,
    )
    expect((await isendpro.not(emailId)).general).toMatchObject({
      code: 2,
      message: 'Le champ PWD est vide',
    })
    expect(await isendpro.control.messages()).toEqual([])
  })
})
