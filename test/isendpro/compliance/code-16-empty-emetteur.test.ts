/**
 * Code 16, "L'émetteur ne peut pas être vide": `<emetteur>` written but empty.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.4, IV (16)
 */
import { describe, expect, it } from 'vitest'
import { ACK, KEYID, NOT, useIsendpro } from '../helpers.ts'

describe('code 16 over SMTP', () => {
  const isendpro = useIsendpro()

  it.each([
    ['<emetteur></emetteur>', '161'],
    ['<emetteur>  </emetteur>', '162'],
    ['<emetteur/>', '163'],
  ])('notifies 16 for %s and sends nothing', async (emetteur, emailId) => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><num>0601020304</num><sms>Bonjour</sms>${emetteur}<emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>${emailId}</emailId></envoi>`,
    )
    expect((await isendpro.not(emailId)).general).toMatchObject({
      code: 16,
      message: "L'émetteur ne peut pas être vide",
    })
    expect(await isendpro.control.messages()).toEqual([])
  })
})
