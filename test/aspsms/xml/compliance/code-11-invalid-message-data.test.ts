/**
 * Code 11 "Invalid message date [sic]. Please verify the data.": a text action without text, a
 * WAP push without a URL — and, our choice, a document that is not well-formed XML (see
 * parser-errors.test.ts).
 *
 * @see shared/research/aspsms.md — §5.1 code 11
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

const INVALID = {
  ErrorCode: '11',
  ErrorDescription: 'Invalid message date. Please verify the data.',
}

describe.each(IMPLEMENTATIONS)('code 11 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const send = async (...children: string[]) =>
    (await xml.post(aspsms(credentials(), recipient(MOBILE), ...children))).fields

  it('refuses SendTextSMS without MessageData, with an empty one and with blanks only', async () => {
    expect(await send(action('SendTextSMS'))).toEqual(INVALID)
    expect(await send('<MessageData/>', action('SendTextSMS'))).toEqual(INVALID)
    expect(await send(el('MessageData', ' \n '), action('SendTextSMS'))).toEqual(INVALID)
    expect(await xml.messages()).toEqual([])
  })

  it('refuses SendWAPPushSMS whose WAPPushURL is not a URL', async () => {
    expect(
      await send(
        el('WAPPushDescription', 'News'),
        el('WAPPushURL', 'wap.example.ch'),
        action('SendWAPPushSMS'),
      ),
    ).toEqual(INVALID)
  })
})
