/**
 * Issue 10, item 2: one 80,000-character text froze the event loop for 30 s (SMS parts counted
 * in quadratic time; 32 s for this mail). allmysms refuses more than 8 parts with 111 "Le
 * message dépasse le nombre de caractères autorisé", mailed back — and health is answered
 * meanwhile.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "Longueur maximale : 8 SMS", §2.2 (111)
 */
import { describe, expect, it } from 'vitest'
import { LONG_TEXT, whileAskingHealth } from '../../support/long-text.ts'
import { useAllmysms } from '../helpers.ts'

describe('issue 10: an 80,000-character text with a ç to allmysms', () => {
  const allmysms = useAllmysms()

  it('mails 111 back, sends nothing, and health is answered meanwhile', async () => {
    const reply = await whileAskingHealth(allmysms.smsim.url, () =>
      allmysms.sendAndRead({ text: LONG_TEXT }),
    )
    expect(reply).toMatchObject({
      status: 111,
      statusText: 'Le message dépasse le nombre de caractères autorisé',
    })
    expect(await allmysms.messages()).toEqual([])
    expect((await allmysms.account()).credits).toBe(100)
  })
})
