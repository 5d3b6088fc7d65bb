/**
 * "Action values are case sensitive" (XMLSPEC §6.3.27), and "only one action can be called
 * within one request". A missing or unknown Action — a wrong case, a SOAP-only operation —
 * answers 26 "Not authorized for this operation." (our choice: XMLSPEC names no code), before
 * the credentials are read, and changes nothing.
 *
 * @see shared/research/aspsms.md — §2.3 `<Action>`
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  IMPLEMENTATIONS,
  MOBILE,
  recipient,
  useXml,
} from '../helpers.ts'

const UNKNOWN = { ErrorCode: '26', ErrorDescription: 'Not authorized for this operation.' }

describe.each(IMPLEMENTATIONS)('code 26 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const post = async (...children: string[]) => (await xml.post(aspsms(...children))).fields

  it.each([
    'sendtextsms',
    'SENDTEXTSMS',
    'SendTextSms',
    'SendSimpleTextSMS',
    'CheckCredits',
    'SendTokenSMS',
    'toString',
    'constructor',
    '',
  ])('answers 26 to Action "%s"', async (name) => {
    expect(
      await post(credentials(), recipient(MOBILE), el('MessageData', 'Hi'), action(name)),
    ).toEqual(UNKNOWN)
    expect(await xml.messages()).toEqual([])
  })

  it('answers 26 without an Action, even with wrong credentials', async () => {
    expect(await post(credentials('I3QHMYKEY6E', 'wrong'))).toEqual(UNKNOWN)
  })

  it('takes the first Action when a document has two', async () => {
    const fields = await post(credentials(), action('ShowCredits'), action('SendTextSMS'))
    expect(fields.Credits).toBe('100')
  })
})
