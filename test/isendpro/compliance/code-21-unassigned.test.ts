/**
 * Code 21, "Le numéro de téléphone n'est pas attribué": refused at send time, per recipient, not
 * charged — the magic number 06 00 00 00 10, or the state `unassigned`.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — IV (21)
 */
import { describe, expect, it } from 'vitest'
import { MOBILE, MOBILE_E164, useIsendpro } from '../helpers.ts'

describe('code 21 over SMTP', () => {
  const isendpro = useIsendpro()

  it('notifies 21 for the magic unassigned number', async () => {
    const { not } = await isendpro.sendAndRead({ to: ['0600000010', MOBILE] })
    expect(not?.entries.map((e) => [e.code, e.tel, e.message])).toEqual([
      [21, '0600000010', "Le numéro de téléphone n'est pas attribué"],
      [0, MOBILE, 'Votre message a bien été envoyé'],
    ])
    expect(await isendpro.credits()).toBe(99)
  })

  it('follows a state set through the control API', async () => {
    await isendpro.control.setNumber(MOBILE_E164, { status: 'unassigned' })
    expect((await isendpro.sendAndRead()).not?.entries[0]?.code).toBe(21)
    expect(await isendpro.control.messages()).toEqual([])
  })
})
