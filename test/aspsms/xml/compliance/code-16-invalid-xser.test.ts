/**
 * SendBinaryData: "XSer has to be specified" (XMLSPEC §6.3.27); 16 "Invalid XSer" without one
 * or with one that is not hexadecimal.
 *
 * @see shared/research/aspsms.md — §2.3 `<XSer>`
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

describe.each(IMPLEMENTATIONS)('code 16 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const binary = async (...children: string[]) =>
    (
      await xml.post(
        aspsms(
          credentials(),
          recipient(MOBILE),
          el('MessageData', '0048'),
          ...children,
          action('SendBinaryData'),
        ),
      )
    ).fields

  it('answers 16 without XSer, or with XSer that is not hexadecimal', async () => {
    const expected = { ErrorCode: '16', ErrorDescription: 'Invalid XSer.' }
    expect(await binary()).toEqual(expected)
    expect(await binary(el('XSer', '02010'))).toEqual(expected)
    expect(await binary(el('XSer', 'UCS2'))).toEqual(expected)
  })
})
