/**
 * Code 22, "Le téléphone est attribué à un Full MVNO": refused at send time, per recipient, not
 * charged — the magic number 06 00 00 00 12, or the state `mvno`.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — I "SFR, Bouygues, Orange, Virgin, NRJ et Free", IV (22)
 */
import { describe, expect, it } from 'vitest'
import { MOBILE, MOBILE_E164, useIsendpro } from '../helpers.ts'

describe('code 22 over SMTP', () => {
  const isendpro = useIsendpro()

  it('notifies 22 for the magic Full MVNO number', async () => {
    const { not } = await isendpro.sendAndRead({ to: ['0600000012', MOBILE] })
    expect(not?.entries.map((e) => [e.code, e.tel, e.message])).toEqual([
      [22, '0600000012', 'Le téléphone est attribué à un Full MVNO'],
      [0, MOBILE, 'Votre message a bien été envoyé'],
    ])
  })

  it('follows a state set through the control API', async () => {
    await isendpro.control.setNumber(MOBILE_E164, { status: 'mvno' })
    expect((await isendpro.sendAndRead()).not?.entries[0]?.code).toBe(22)
    expect(await isendpro.credits()).toBe(100)
  })
})
