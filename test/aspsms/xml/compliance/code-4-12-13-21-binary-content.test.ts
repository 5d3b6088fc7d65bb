/**
 * Binary content of logos, ringtones, pictures, vCards and SendBinaryData: 21 "Missing binary
 * data" when there is none, 12 "Invalid binary data" when it is not hexadecimal, 4 "Binary file
 * not found" for a URLBinaryFile that is no http(s) URL, 13 "Invalid binary file" for one of a
 * type the action does not take (send.ts; the checks are ours).
 *
 * @see shared/research/aspsms.md — §2.3 `URLBinaryFile`, `BinaryFileDataHex`; §5.1
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

describe.each(IMPLEMENTATIONS)('binary content through $name', ({ kind }) => {
  const xml = useXml(kind)
  const send = async (...children: string[]) =>
    (await xml.post(aspsms(credentials(), recipient(MOBILE), ...children))).fields

  it.each([
    ['SendLogo', [el('MCC', '228'), el('MNC', '1')]],
    ['SendGroupLogo', []],
    ['SendRingtone', []],
    ['SendPictureMessage', [el('MessageData', 'Piste')]],
    ['SendBinaryData', [el('XSer', '020108')]],
    ['SendVCard', ['<VCard><VPhoneNumber>0041796666666</VPhoneNumber></VCard>']],
  ])('answers 21 to %s without its data', async (name, children) => {
    expect(await send(...children, action(name))).toEqual({
      ErrorCode: '21',
      ErrorDescription: 'Missing binary data. Please specify some data.',
    })
  })

  it('answers 12 to BinaryFileDataHex or MessageData that is not hexadecimal', async () => {
    const expected = {
      ErrorCode: '12',
      ErrorDescription: 'Invalid binary data. Please verify the data.',
    }
    expect(await send(el('BinaryFileDataHex', 'GG00'), action('SendGroupLogo'))).toEqual(expected)
    expect(
      await send(el('XSer', '020108'), el('MessageData', '0048006'), action('SendBinaryData')),
    ).toEqual(expected)
  })

  it('answers 4 to a URLBinaryFile that is no http(s) URL', async () => {
    expect(await send(el('URLBinaryFile', 'ftp://x.ch/tune.ott'), action('SendRingtone'))).toEqual({
      ErrorCode: '4',
      ErrorDescription: 'Binary file not found. Please check the location.',
    })
  })

  it('answers 13 to a file of a type the action does not take', async () => {
    expect(await send(el('URLBinaryFile', 'http://x.ch/tune.mp3'), action('SendRingtone'))).toEqual(
      {
        ErrorCode: '13',
        ErrorDescription: 'Invalid binary file. Please check the file type.',
      },
    )
    expect(
      (await send(el('URLBinaryFile', 'http://x.ch/logo.ott'), action('SendGroupLogo'))).ErrorCode,
    ).toBe('13')
  })
})
