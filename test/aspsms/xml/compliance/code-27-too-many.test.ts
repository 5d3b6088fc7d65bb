/**
 * Code 27 (OASIS's `gcErrorCodeMessageTooLong`; text ours): more than the 1000 recipients
 * "at the same time" XMLSPEC §6.3.6 allows, or a text longer than 16 parts.
 *
 * @see shared/research/aspsms.md — §6 "Recipients", "Message length"
 */
import { describe, expect, it } from 'vitest'
import { action, aspsms, credentials, el, IMPLEMENTATIONS, recipient, useXml } from '../helpers.ts'

const TOO_LONG = { ErrorCode: '27', ErrorDescription: 'Message too long.' }
const recipients = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    recipient(`+4179${String(1000000 + i).padStart(7, '0')}`),
  ).join('')

describe.each(IMPLEMENTATIONS)('code 27 through $name', ({ kind }) => {
  const xml = useXml(kind, {
    accounts: [{ id: 'I3QHMYKEY6E', secret: 'mypassword', credits: 5000 }],
  })
  const send = async (...children: string[]) =>
    (await xml.post(aspsms(credentials(), ...children, action('SendTextSMS')))).fields

  it('answers 27 to 1001 recipients and sends to none', async () => {
    expect(await send(recipients(1001), el('MessageData', 'Hi'))).toEqual(TOO_LONG)
    expect(await xml.messages()).toEqual([])
  })

  it('sends to 1000 recipients', async () => {
    expect(
      (await send(recipients(1000), el('MessageData', 'Hi'), el('UsedCredits', '1'))).CreditsUsed,
    ).toBe('1000')
  })

  it('answers 27 to a text of 17 parts', async () => {
    expect(await send(recipients(1), el('MessageData', 'x'.repeat(153 * 16 + 1)))).toEqual(TOO_LONG)
  })
})
