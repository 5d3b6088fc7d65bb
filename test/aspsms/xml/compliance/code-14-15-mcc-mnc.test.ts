/**
 * SendLogo (an operator logo) needs the network: 14 "Invalid MCC" without a 3-digit MCC, 15
 * "Invalid MNC" without a 1–3 digit MNC. XMLSPEC's example is MCC 228, MNC 1 (Swisscom).
 *
 * @see shared/research/aspsms.md — §2.3 `<MCC>`, `<MNC>`
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

describe.each(IMPLEMENTATIONS)('codes 14 and 15 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const logo = async (...children: string[]) =>
    (
      await xml.post(
        aspsms(
          credentials(),
          recipient(MOBILE),
          ...children,
          el('URLBinaryFile', 'http://x.ch/l.bmp'),
          action('SendLogo'),
        ),
      )
    ).fields

  it('answers 14 without an MCC, or with one that is not 3 digits', async () => {
    const expected = { ErrorCode: '14', ErrorDescription: 'Invalid MCC. Please check the number.' }
    expect(await logo(el('MNC', '1'))).toEqual(expected)
    expect(await logo(el('MCC', '22'), el('MNC', '1'))).toEqual(expected)
  })

  it('answers 15 without an MNC, or with one that is not 1–3 digits', async () => {
    const expected = { ErrorCode: '15', ErrorDescription: 'Invalid MNC. Please check the number.' }
    expect(await logo(el('MCC', '228'))).toEqual(expected)
    expect(await logo(el('MCC', '228'), el('MNC', '0001'))).toEqual(expected)
  })
})
