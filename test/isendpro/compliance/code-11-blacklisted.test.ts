/**
 * Code 11, "Le numéro de téléphone est dans la liste noire": iSendPro refuses the number at
 * send time, per recipient, and charges nothing for it — the magic number 06 00 00 00 11, or any
 * number given the state `blacklisted`.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — IV (11)
 * @see shared/research/french-providers.md — §C.1 "Tous les messages envoyés vers des clients en
 * liste noire ne sont pas routés. Dans ce cas, le code erreur 11 est retourné"
 */
import { describe, expect, it } from 'vitest'
import { MOBILE, MOBILE_E164, useIsendpro } from '../helpers.ts'

describe('code 11 over SMTP', () => {
  const isendpro = useIsendpro()

  it('notifies 11 for the magic blacklisted number, sends to the other one', async () => {
    const { not } = await isendpro.sendAndRead({ to: ['0600000011', MOBILE] })
    expect(not?.entries).toEqual([
      {
        code: 11,
        tel: '0600000011',
        message: 'Le numéro de téléphone est dans la liste noire',
        documented: true,
        sent: false,
      },
      expect.objectContaining({ code: 0, tel: MOBILE }),
    ])
    expect((await isendpro.control.messages()).map((m) => m.to)).toEqual([MOBILE_E164])
    expect(await isendpro.credits()).toBe(99)
  })

  it('follows a state set through the control API, in the single form', async () => {
    await isendpro.control.setNumber(MOBILE_E164, { status: 'blacklisted' })
    const { not } = await isendpro.sendAndRead({ to: MOBILE })
    expect(not?.entries.map((e) => [e.code, e.tel])).toEqual([[11, MOBILE]])
    expect(not?.mail.text).toContain('<etat>\n<code>11</code>\n<tel>0601020304</tel>')
    expect(await isendpro.control.messages()).toEqual([])
  })
})
