/**
 * Notification URLs must be http(s) URLs: 17 for URLBufferedMessageNotification, 18 for
 * URLDeliveryNotification, 19 for URLNonDeliveryNotification (send.ts; ours). Line breaks
 * around a URL are trimmed, as XMLSPEC's own example b has them.
 *
 * @see shared/research/aspsms.md — §2.3 `<URL…Notification>`
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

describe.each(IMPLEMENTATIONS)('codes 17, 18 and 19 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const send = async (name: string, url: string) =>
    (
      await xml.post(
        aspsms(
          credentials(),
          recipient(MOBILE, 'n1'),
          el('MessageData', 'Hi'),
          el(name, url),
          action('SendTextSMS'),
        ),
      )
    ).fields

  it.each([
    ['URLBufferedMessageNotification', '17', 'Invalid URL buffered message notification string.'],
    ['URLDeliveryNotification', '18', 'Invalid URL delivery notification string.'],
    ['URLNonDeliveryNotification', '19', 'Invalid URL non delivery notification string.'],
  ])('answers %s that is not a URL with %s', async (name, code, text) => {
    expect(await send(name, 'www.example.ch/dlr?id=')).toEqual({
      ErrorCode: code,
      ErrorDescription: text,
    })
  })

  it('takes a URL with line breaks around it, and calls it with the TRN appended', async () => {
    expect(
      (await send('URLDeliveryNotification', '\n  http://example.ch/dlr?id=\n')).ErrorCode,
    ).toBe('1')
    expect(await xml.callbacks()).toEqual(['http://example.ch/dlr?id=n1'])
  })
})
