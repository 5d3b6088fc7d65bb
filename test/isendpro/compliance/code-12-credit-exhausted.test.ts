/**
 * Code 12, "Votre crédit de MT est épuisé": one credit per SMS part per recipient; recipients are
 * served in the mail's order, each one while the credits left cover its parts ("À chaque
 * message envoyé, votre crédit se met à jour automatiquement").
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — II, IV (12)
 */
import { describe, expect, it } from 'vitest'
import { KEYID, useIsendpro } from '../helpers.ts'

describe('code 12 over SMTP', () => {
  const isendpro = useIsendpro({ credits: 3 })

  it('sends while the credits last, then notifies 12', async () => {
    const { not } = await isendpro.sendAndRead({
      to: ['0601020301', '0601020302', '0601020303', '0601020304'],
    })
    expect(not?.entries.map((e) => e.code)).toEqual([0, 0, 0, 12])
    expect(not?.entries[3]?.message).toBe('Votre crédit de MT est épuisé')
    expect(await isendpro.credits()).toBe(0)
    expect(await isendpro.control.messages()).toHaveLength(3)
  })

  it('charges every part: two 2-part texts need 4 credits', async () => {
    const { not } = await isendpro.sendAndRead({
      to: ['0601020301', '0601020302'],
      sms: 'x'.repeat(200),
      smslong: 2,
    })
    expect(not?.entries.map((e) => e.code)).toEqual([0, 12])
    expect(await isendpro.credits()).toBe(1)
  })

  it('notifies 12 to everyone on an empty account', async () => {
    await isendpro.control.patchAccount(KEYID, { credits: 0 })
    const { ack, not } = await isendpro.sendAndRead({ to: ['0601020301', '0601020302'] })
    expect(ack.code).toBe(0)
    expect(not?.entries.map((e) => e.code)).toEqual([12, 12])
    expect(await isendpro.control.messages()).toEqual([])
  })
})
