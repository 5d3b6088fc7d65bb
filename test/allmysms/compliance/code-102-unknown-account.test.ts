/**
 * Code 102, "Problème de connexion - Aucun compte ne correspond aux clientcode et apiKey
 * spécifiés": the subject's `login@apiKey` names no account. Mailed back to the sender.
 *
 * @see shared/specs/002_0241076537611203.txt — §1 "SECURITE", §2.1 "login@apiKey", §2.2
 */
import { describe, expect, it } from 'vitest'
import { ACCOUNT, MOBILE, SCHOOL, useAllmysms } from '../helpers.ts'

const TEXT_102 =
  'Problème de connexion - Aucun compte ne correspond aux clientcode et apiKey spécifiés'

describe('code 102 over SMTP', () => {
  const allmysms = useAllmysms()

  it.each([
    ['an unknown login', `nobody@${ACCOUNT.apiKey}`],
    ['a wrong apiKey', `${ACCOUNT.login}@0123456789abcde`],
    ['the apiKey in another case', `${ACCOUNT.login}@${ACCOUNT.apiKey.toUpperCase()}`],
    ['the login in another case', `ARTHUR45@${ACCOUNT.apiKey}`],
  ])('mails 102 back to the sender for %s, and sends nothing', async (_case, credentials) => {
    const reply = await allmysms.sendAndRead({ subject: `${credentials}|${MOBILE}` })
    expect(reply).toMatchObject({ status: 102, statusText: TEXT_102, documented: true })
    expect(reply.mail).toMatchObject({
      from: 'mail2sms@allmysms.com',
      to: SCHOOL,
      subject: 'Mail2SMS : erreur 102',
    })
    expect(reply.mail.text).toBe(`Status: 102\nStatusText: ${TEXT_102}\n`)
    expect(await allmysms.messages()).toEqual([])
    expect((await allmysms.account()).credits).toBe(100)
  })

  it('answers the From address, not the envelope sender', async () => {
    const sent = await allmysms.send({
      from: 'Jean <Jean.Dupont@Ecole-Ski.fr>',
      envelope: { from: 'bounces@relay.example', to: ['mail2sms@allmysms.com'] },
      subject: `nobody@x|${MOBILE}`,
    })
    expect((await allmysms.replyTo(sent.messageId)).to).toBe('jean.dupont@ecole-ski.fr')
  })

  it('journals the code without an account', async () => {
    await allmysms.send({ subject: `nobody@x|${MOBILE}` })
    const [entry] = await allmysms.journal()
    expect(entry).toMatchObject({ transport: 'smtp', code: 102 })
    expect(entry).not.toHaveProperty('account')
  })
})
