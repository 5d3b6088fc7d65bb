/**
 * Code 20 "Missing a recipient": no `<Recipient>`, or none with a `<PhoneNumber>`.
 *
 * @see shared/research/aspsms.md — §2.3 `<Recipient>`
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

const MISSING = {
  ErrorCode: '20',
  ErrorDescription: 'Missing a recipient. Please specify at least one recipient.',
}

describe.each(IMPLEMENTATIONS)('code 20 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const send = async (...children: string[]) =>
    (
      await xml.post(
        aspsms(credentials(), ...children, el('MessageData', 'Hi'), action('SendTextSMS')),
      )
    ).fields

  it('answers 20 without a Recipient', async () => {
    expect(await send()).toEqual(MISSING)
  })

  it('answers 20 when no Recipient has a PhoneNumber', async () => {
    expect(
      await send(
        '<Recipient/>',
        '<Recipient><PhoneNumber/><TransRefNumber>x</TransRefNumber></Recipient>',
      ),
    ).toEqual(MISSING)
  })

  it('skips a Recipient without a PhoneNumber and sends to the others', async () => {
    expect((await send('<Recipient/>', recipient(MOBILE))).ErrorCode).toBe('1')
    expect((await xml.messages()).map((s) => s.to)).toEqual([MOBILE])
  })

  it('does not take a TransRefNumber outside <Recipient> as a recipient', async () => {
    expect(await send(el('TransRefNumber', MOBILE))).toEqual(MISSING)
  })
})
