/**
 * Code 5 "Not enough credits available": a send that costs more than the balance (parts ×
 * recipients, or the action's own price) is refused whole, and nothing is debited. So is an
 * inquiry whose 0.25 per TRN exceeds it.
 *
 * @see shared/research/aspsms.md — §2.3 "Actions and cost", §5.1 code 5
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

const REFUSED = {
  ErrorCode: '5',
  ErrorDescription: 'Not enough credits available. Please recharge your account to proceed.',
}

describe.each(IMPLEMENTATIONS)('code 5 through $name', ({ kind }) => {
  const xml = useXml(kind, { accounts: [{ id: 'I3QHMYKEY6E', secret: 'mypassword', credits: 2 }] })
  const send = async (...children: string[]) =>
    (await xml.post(aspsms(credentials(), ...children))).fields

  it('refuses a two-part text to two recipients with 2 credits, and sends nothing', async () => {
    const fields = await send(
      recipient(MOBILE),
      recipient('+41797654321'),
      el('MessageData', 'x'.repeat(200)),
      action('SendTextSMS'),
    )
    expect(fields).toEqual(REFUSED)
    expect(await xml.messages()).toEqual([])
    expect((await xml.account()).credits).toBe(2)
  })

  it('refuses a picture message (3 credits) with 2 credits', async () => {
    const fields = await send(
      recipient(MOBILE),
      el('URLBinaryFile', 'http://x.ch/p.bmp'),
      action('SendPictureMessage'),
    )
    expect(fields).toEqual(REFUSED)
  })

  it('refuses an inquiry of 9 TRNs (2.25 credits) with 2 credits', async () => {
    const trns = Array.from({ length: 9 }, (_, i) => el('TransRefNumber', `t${i}`))
    expect(await send(...trns, action('InquireDeliveryNotifications'))).toEqual(REFUSED)
    expect((await xml.account()).credits).toBe(2)
  })

  it('sends when the balance covers the cost exactly', async () => {
    const fields = await send(
      recipient(MOBILE),
      el('MessageData', 'x'.repeat(200)),
      action('SendTextSMS'),
    )
    expect(fields.ErrorCode).toBe('1')
    expect((await xml.account()).credits).toBe(0)
  })
})
