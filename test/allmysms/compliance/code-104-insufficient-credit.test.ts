/**
 * Code 104, "Crédit insuffisant pour traiter cet envoi. A utiliser: XX Crédits, Disponibles: YY
 * Crédits. …", with the real figures: one credit per SMS part per recipient.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "CORPS DU MESSAGE", §2.2 (104)
 */
import { describe, expect, it } from 'vitest'
import { CREDENTIALS, useAllmysms } from '../helpers.ts'

describe('code 104 over SMTP', () => {
  const allmysms = useAllmysms({ credits: 5 })

  it('mails 104 with the credits the send needs (parts × recipients) and those left', async () => {
    // 200 characters are 2 parts; 3 recipients: 6 credits, 5 left.
    const reply = await allmysms.sendAndRead({
      subject: `${CREDENTIALS}|0612121515;0614141515;41791234567`,
      text: 'x'.repeat(200),
    })
    expect(reply).toMatchObject({ status: 104, credits: { needed: 6, available: 5 } })
    expect(reply.statusText).toBe(
      'Crédit insuffisant pour traiter cet envoi. A utiliser: 6 Crédits, Disponibles: 5 Crédits. Veuillez re-créditer votre compte sur AllMySMS.com',
    )
    expect(reply.mail.account).toBe('arthur45')
  })

  it('sends nothing and debits nothing', async () => {
    await allmysms.send({
      subject: `${CREDENTIALS}|0612121515;0614141515;41791234567`,
      text: 'x'.repeat(200),
    })
    expect(await allmysms.messages()).toEqual([])
    expect((await allmysms.account()).credits).toBe(5)
  })

  it('sends when the credits are exactly enough, silently', async () => {
    const sent = await allmysms.send({
      subject: `${CREDENTIALS}|0612121515;0614141515`,
      text: 'x'.repeat(300),
    })
    expect(sent.accepted).toEqual(['mail2sms@allmysms.com'])
    expect(await allmysms.mails()).toEqual([])
    expect((await allmysms.account()).credits).toBe(1)
  })

  it('says "Disponibles: 0" on an empty account', async () => {
    await allmysms.setCredits(0)
    const reply = await allmysms.sendAndRead({})
    expect(reply.credits).toEqual({ needed: 1, available: 0 })
  })
})
