/**
 * Code 6, "Vous devez saisir un numéro de téléphone": no `num`/`numX` with a value, and no line
 * in `mobiles.csv`.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1 "num", III.3, IV (6)
 */
import { describe, expect, it } from 'vitest'
import { ACK, KEYID, NOT, useIsendpro } from '../helpers.ts'

const envoi = (inner: string, emailId: string) =>
  `<envoi><keyid>${KEYID}</keyid>${inner}<sms>Bonjour</sms><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>${emailId}</emailId></envoi>`

describe('code 6 over SMTP', () => {
  const isendpro = useIsendpro()

  it.each([
    ['no num at all', '', '61'],
    ['an empty num', '<num></num>', '62'],
    ['empty num1 and num2', '<num1> </num1><num2/>', '63'],
  ])('notifies 6 for %s', async (_case, inner, emailId) => {
    await isendpro.sendText(envoi(inner, emailId))
    expect((await isendpro.not(emailId)).general).toMatchObject({
      code: 6,
      message: 'Vous devez saisir un numéro de téléphone',
    })
  })

  it('notifies 6 for a mobiles.csv with only empty lines', async () => {
    await isendpro.sendText(envoi('', '64'), {
      attachments: [
        { filename: 'mobiles.csv', content: '\r\n\r\n' },
        { filename: 'message.csv', content: 'Bonjour\r\n' },
      ],
    })
    expect((await isendpro.not('64')).general?.code).toBe(6)
  })
})
