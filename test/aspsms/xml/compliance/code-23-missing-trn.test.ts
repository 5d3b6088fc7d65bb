/**
 * Code 23 "Missing transaction reference number": InquireDeliveryNotifications reads the
 * top-level `<TransRefNumber>` elements only; a `<Recipient>`'s TRN is not one.
 *
 * @see shared/research/aspsms.md — §2.3 "`<TransRefNumber>` directly under `<aspsms>`"
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  IMPLEMENTATIONS,
  MOBILE,
  recipient,
  useXml,
} from '../helpers.ts'

const MISSING = { ErrorCode: '23', ErrorDescription: 'Missing transaction reference number.' }

describe.each(IMPLEMENTATIONS)('code 23 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const inquire = async (...children: string[]) =>
    (await xml.post(aspsms(credentials(), ...children, action('InquireDeliveryNotifications'))))
      .fields

  it('answers 23 without a top-level TransRefNumber, and costs nothing', async () => {
    expect(await inquire()).toEqual(MISSING)
    expect(await inquire('<TransRefNumber/>', '<TransRefNumber>  </TransRefNumber>')).toEqual(
      MISSING,
    )
    expect((await xml.account()).credits).toBe(100)
  })

  it('answers 23 when the only TRN is inside a Recipient', async () => {
    expect(await inquire(recipient(MOBILE, 'r1'))).toEqual(MISSING)
  })
})
