/**
 * Code 22 "Invalid deferred delivery time": DeferredDeliveryTime must be ddmmyyyyhhmmss, a real
 * date, and TimeZone an integer (the offset from GMT+1, XMLSPEC §6.3.21).
 *
 * @see shared/research/aspsms.md — §2.3 `<DeferredDeliveryTime>`, `<TimeZone>`
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

describe.each(IMPLEMENTATIONS)('code 22 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const send = async (...children: string[]) =>
    (
      await xml.post(
        aspsms(
          credentials(),
          recipient(MOBILE),
          el('MessageData', 'Hi'),
          ...children,
          action('SendTextSMS'),
        ),
      )
    ).fields

  it.each(['2026-01-05T10:00:00+01:00', '31022026100000', '0501202610', 'tomorrow'])(
    'answers 22 to DeferredDeliveryTime %s',
    async (value) => {
      expect(await send(el('DeferredDeliveryTime', value))).toEqual({
        ErrorCode: '22',
        ErrorDescription: 'Invalid deferred delivery time. Please check the format.',
      })
      expect(await xml.messages()).toEqual([])
    },
  )

  it('answers 22 to a TimeZone that is not an integer', async () => {
    expect(
      (await send(el('DeferredDeliveryTime', '05012026100000'), el('TimeZone', 'CET'))).ErrorCode,
    ).toBe('22')
  })

  it('reads the time at GMT+1 shifted by TimeZone: 2 is GMT+3 (XMLSPEC’s example 1)', async () => {
    expect(
      (await send(el('DeferredDeliveryTime', '05012026120000'), el('TimeZone', '2'))).ErrorCode,
    ).toBe('1')
    expect((await xml.messages(MOBILE))[0]?.scheduledAt).toBe('2026-01-05T09:00:00.000Z')
  })
})
