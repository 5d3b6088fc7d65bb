/**
 * Issue 10, item 2: one 80,000-character text froze the event loop (SMS parts counted in
 * quadratic time; 8 s for 40,000 with an emoji). iSendPro allows at most 6 parts ("jusqu'à 6
 * SMS concaténés", `smslong`): the recipient is notified 34 "La valeur de smslong doit être un
 * entier !" and nothing is debited — and health is answered meanwhile.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1 `smslong`, IV (34)
 */
import { describe, expect, it } from 'vitest'
import { LONG_TEXT_WITH_EMOJI, whileAskingHealth } from '../../support/long-text.ts'
import { useIsendpro } from '../helpers.ts'

describe('issue 10: an 80,000-character text with an emoji to iSendPro', () => {
  const isendpro = useIsendpro()

  it('notifies 34 for the recipient, sends nothing, and health is answered meanwhile', async () => {
    const { not } = await whileAskingHealth(isendpro.smsim.url, () =>
      isendpro.sendAndRead({
        to: [{ num: '0601020301', sms: LONG_TEXT_WITH_EMOJI }],
        smslong: 6,
      }),
    )
    expect(not?.entries.map((e) => e.code)).toEqual([34])
    expect(await isendpro.control.messages()).toEqual([])
    expect(await isendpro.credits()).toBe(100)
  })
})
