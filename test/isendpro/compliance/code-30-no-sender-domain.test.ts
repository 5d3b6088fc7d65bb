/**
 * Code 30, "Erreur sur le domaine de connexion": the sender has no domain to check — no From
 * header and a null envelope sender (`MAIL FROM:<>`), or an address without a domain (ours:
 * code 14 answers a domain that is there but not authorised). The gateway refuses a `MAIL FROM`
 * without a domain (`501`), so only the first reaches iSendPro over SMTP; the second is
 * unit-tested (simulators/isendpro/decide-codes.test.ts).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Si l'adresse email de l'expéditeur n'a pas
 * été autorisée", IV (30)
 */
import { describe, expect, it } from 'vitest'
import { fixture, ISENDPRO, useIsendpro } from '../helpers.ts'

describe('code 30 over SMTP', () => {
  const isendpro = useIsendpro()

  it('notifies 30 for a mail with no From and a null envelope sender', async () => {
    await isendpro.sendRaw(fixture('no-sender-domain.eml'), { from: '', to: [ISENDPRO] })
    expect((await isendpro.not('1557')).general).toMatchObject({
      code: 30,
      message: 'Erreur sur le domaine de connexion',
    })
    expect(await isendpro.control.messages()).toEqual([])
  })
})
