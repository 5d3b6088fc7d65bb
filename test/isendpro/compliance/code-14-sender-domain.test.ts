/**
 * Code 14, "L'adresse IP n'est pas autorisée": the sender's domain is not one the account gave
 * ("Si l'adresse email de l'expéditeur n'a pas été autorisée, les envois ne seront pas
 * effectués"). Ours: the mail interface's counterpart of the HTTP API's IP white list, and the
 * document's own words ("adresse … pas été autorisée").
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — II "Domaine des adresses emails de l'expéditeur",
 * III "Remarques", IV (14)
 */
import { describe, expect, it } from 'vitest'
import { KEYID, useIsendpro } from '../helpers.ts'

describe('code 14 over SMTP', () => {
  const isendpro = useIsendpro()

  it.each([
    ['another domain', 'app@gmail.com'],
    ['a subdomain of the authorised one', 'app@mail.masociete.com'],
  ])('acks, notifies 14 and sends nothing for %s', async (_case, from) => {
    const { ack, not } = await isendpro.sendAndRead({ mail: { from } })
    expect(ack.code).toBe(0)
    expect(not?.general).toMatchObject({ code: 14, message: "L'adresse IP n'est pas autorisée" })
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('reads the From address, not the envelope sender, and the domain without case', async () => {
    const { not } = await isendpro.sendAndRead({
      mail: {
        from: 'Service <App@MaSociete.COM>',
        envelope: { from: 'bounce@mailer.example', to: ['sendsms@isendpro-api.com'] },
      },
    })
    expect(not?.entries[0]?.code).toBe(0)
  })

  it('sends once the domain is added to the account', async () => {
    await isendpro.control.patchAccount(KEYID, {
      options: { senderDomains: ['masociete.com', 'gmail.com'] },
    })
    const { not } = await isendpro.sendAndRead({ mail: { from: 'app@gmail.com' } })
    expect(not?.entries[0]?.code).toBe(0)
  })

  it('refuses every mail of an account created without domains', async () => {
    await isendpro.control.patchAccount(KEYID, { options: { senderDomains: [] } })
    expect((await isendpro.sendAndRead()).not?.general?.code).toBe(14)
  })
})
