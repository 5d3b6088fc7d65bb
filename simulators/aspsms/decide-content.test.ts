import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import { decideAspsms } from './decide.ts'
import { requestFromSoapFields, type AspsmsOperation, type AspsmsRequest } from './request.ts'

/** Thursday 15 January 2026, 10:00 in Zurich. */
const NOW = new Date('2026-01-15T09:00:00Z')
const KEY = 'KEY'
const MOBILE = '+41791234567'
const TWO = `${MOBILE};+41797654321`

function setup(credits = 10): MemoryStore {
  const store = new MemoryStore()
  store.createAccount({ provider: 'aspsms', id: KEY, secret: 'pw', credits }, NOW)
  return store
}

/** A request of the XML interface, whose actions carry these fields. */
const req = (operation: AspsmsOperation, fields: Record<string, string> = {}): AspsmsRequest =>
  requestFromSoapFields(operation, 'xml', {
    UserKey: KEY,
    Password: 'pw',
    Recipients: MOBILE,
    ...fields,
  })

function run(store: MemoryStore, request: AspsmsRequest) {
  const decision = decideAspsms(request, store, NOW)
  return { ...decision, ...store.apply(decision.effects, NOW) }
}

const code = (request: AspsmsRequest) => run(setup(), request).code

/** UTF-16BE hexadecimal, as `<MessageData>` of a UCS-2 SendBinaryData. */
const ucs2Hex = (text: string) =>
  Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()

const WAP = { WapDescription: 'Menu', WapURL: 'http://m.example.ch/menu' }
const LOGO = { MCC: '228', MNC: '1', URLBinaryFile: 'http://files.example.ch/logo.bmp' }
const VCARD = { 'VCard.VName': 'Tarzan', 'VCard.VPhoneNumber': '0041796666666' }

describe('decideAspsmsSend: flat prices per recipient', () => {
  it.each<[AspsmsOperation, Record<string, string>, number]>([
    ['SimpleWAPPush', WAP, 1],
    ['SendLogo', LOGO, 1],
    ['SendGroupLogo', { URLBinaryFile: 'http://files.example.ch/g.gif' }, 1],
    ['SendRandomLogo', {}, 1],
    ['SendRingtone', { URLBinaryFile: 'http://files.example.ch/tune.ott' }, 1],
    ['SendVCard', VCARD, 1],
    ['SendPictureMessage', { URLBinaryFile: 'http://files.example.ch/p.bmp' }, 3],
  ])('charges %s %i credit(s) per recipient', (operation, fields, each) => {
    const store = setup()
    const decision = run(store, req(operation, { ...fields, Recipients: TWO }))
    expect(decision.code).toBe(1)
    expect(store.account('aspsms', KEY)?.credits).toBe(10 - 2 * each)
    expect(decision.sms).toHaveLength(2)
    expect(decision.sms[0]).toMatchObject({ encoding: 'binary', status: 'delivered' })
  })

  it('answers 5 for a picture message to two recipients with five credits', () => {
    const store = setup(5)
    const request = req('SendPictureMessage', {
      URLBinaryFile: 'http://files.example.ch/p.bmp',
      Recipients: TWO,
    })
    expect(run(store, request)).toMatchObject({ code: 5, effects: [] })
  })

  it('writes the WAP push description and URL as its text', () => {
    expect(run(setup(), req('SimpleWAPPush', WAP)).sms[0]?.text).toBe(
      'Menu http://m.example.ch/menu',
    )
  })

  it('takes the XML names of a WAP push too', () => {
    const request = req('SimpleWAPPush', {
      WAPPushDescription: 'Menu',
      WAPPushURL: 'https://m.example.ch/',
    })
    expect(run(setup(), request).sms[0]?.text).toBe('Menu https://m.example.ch/')
  })

  it('writes a vCard as its text', () => {
    expect(run(setup(), req('SendVCard', VCARD)).sms[0]?.text).toBe(
      'BEGIN:VCARD\nN:Tarzan\nTEL:0041796666666\nEND:VCARD',
    )
  })

  it('adds the text of a picture message to it', () => {
    const request = req('SendPictureMessage', {
      URLBinaryFile: 'http://files.example.ch/p.bmp',
      MessageText: 'Salut',
    })
    expect(run(setup(), request).sms[0]?.text).toBe('picture http://files.example.ch/p.bmp Salut')
  })

  it('takes a logo given as hexadecimal data instead of a URL', () => {
    const request = req('SendLogo', { ...LOGO, URLBinaryFile: '', BinaryFileDataHex: '00FF10' })
    expect(code(request)).toBe(1)
  })
})

describe('decideAspsmsSend: what refuses a binary content', () => {
  it.each<[number, string, AspsmsOperation, Record<string, string>]>([
    [11, 'a WAP push without URL', 'SimpleWAPPush', { WapDescription: 'Menu' }],
    [11, 'a WAP push to an ftp URL', 'SimpleWAPPush', { ...WAP, WapURL: 'ftp://x/' }],
    [21, 'a logo without file or data', 'SendLogo', { MCC: '228', MNC: '1' }],
    [4, 'a logo file that is no http(s) URL', 'SendLogo', { ...LOGO, URLBinaryFile: 'logo.bmp' }],
    [
      4,
      'a logo URL with a space in its host',
      'SendLogo',
      { ...LOGO, URLBinaryFile: 'http://a b/l.bmp' },
    ],
    [
      4,
      'a logo URL with a port out of range',
      'SendLogo',
      { ...LOGO, URLBinaryFile: 'http://a:99999/l.bmp' },
    ],
    [13, 'a logo that is a text file', 'SendLogo', { ...LOGO, URLBinaryFile: 'http://x.ch/l.txt' }],
    [13, 'a ringtone that is a picture', 'SendRingtone', { URLBinaryFile: 'http://x.ch/t.bmp' }],
    [12, 'logo data that is not hexadecimal', 'SendLogo', { ...LOGO, BinaryFileDataHex: 'XYZ' }],
    [14, 'an MCC of two digits', 'SendLogo', { ...LOGO, MCC: '22' }],
    [14, 'no MCC', 'SendLogo', { ...LOGO, MCC: '' }],
    [15, 'an MNC of four digits', 'SendLogo', { ...LOGO, MNC: '1234' }],
    [21, 'a vCard without name', 'SendVCard', { ...VCARD, 'VCard.VName': '' }],
    [
      21,
      'a vCard with letters in its number',
      'SendVCard',
      { ...VCARD, 'VCard.VPhoneNumber': 'abc' },
    ],
    [16, 'binary data without XSer', 'SendBinaryData', { MessageData: '0048' }],
    [
      16,
      'an XSer that is not hexadecimal',
      'SendBinaryData',
      { XSer: '02010G', MessageData: '0048' },
    ],
    [21, 'binary data without data', 'SendBinaryData', { XSer: '020108', MessageData: ' ' }],
    [
      12,
      'binary data that is not hexadecimal',
      'SendBinaryData',
      { XSer: '020108', MessageData: 'hello' },
    ],
    [
      12,
      'binary data of an odd number of digits',
      'SendBinaryData',
      { XSer: '020108', MessageData: '004' },
    ],
    [
      12,
      'UCS-2 data of an odd number of bytes',
      'SendBinaryData',
      { XSer: '020108', MessageData: '004800' },
    ],
    [
      27,
      'UCS-2 data of 17 parts',
      'SendBinaryData',
      { XSer: '020108', MessageData: ucs2Hex('a'.repeat(67 * 16 + 1)) },
    ],
    [
      27,
      '8-bit data of 17 parts',
      'SendBinaryData',
      { XSer: '0201F4', MessageData: '00'.repeat(134 * 16 + 1) },
    ],
  ])('answers %i for %s', (expected, _what, operation, fields) => {
    expect(code(req(operation, fields))).toBe(expected)
  })
})

describe('decideAspsmsSend: SendBinaryData with XSer', () => {
  it("decodes XSer 020108 data as UCS-2 text (XMLSPEC's 00480065006C006C006F)", () => {
    const request = req('SendBinaryData', { XSer: '020108', MessageData: '00480065006C006C006F ' })
    expect(run(setup(), request).sms[0]).toMatchObject({
      text: 'Hello',
      encoding: 'ucs2',
      segments: 1,
      class: 'normal',
    })
  })

  it('decodes accents and characters outside the BMP', () => {
    const text = 'Grüezi 😀 Zürich'
    const request = req('SendBinaryData', { XSer: '020108', MessageData: ucs2Hex(text) })
    expect(run(setup(), request).sms[0]?.text).toBe(text)
  })

  it('sends XSer 020118 as a flash UCS-2 SMS', () => {
    const request = req('SendBinaryData', { XSer: '020118', MessageData: ucs2Hex('Alerte') })
    expect(run(setup(), request).sms[0]).toMatchObject({ text: 'Alerte', class: 'flash' })
  })

  it('finds the coding scheme after other XSer entries', () => {
    const request = req('SendBinaryData', { XSer: '0101FF020108', MessageData: ucs2Hex('Hi') })
    expect(run(setup(), request).sms[0]).toMatchObject({ text: 'Hi', encoding: 'ucs2' })
  })

  it('charges UCS-2 data by parts of 70/67 characters', () => {
    const store = setup()
    const request = req('SendBinaryData', { XSer: '020108', MessageData: ucs2Hex('a'.repeat(71)) })
    expect(run(store, request).sms[0]).toMatchObject({ segments: 2 })
    expect(store.account('aspsms', KEY)?.credits).toBe(8)
  })

  it('keeps 8-bit data as upper-case hexadecimal, 140 octets in one part, 134 per part beyond', () => {
    const one = run(
      setup(),
      req('SendBinaryData', { XSer: '0201F4', MessageData: 'ab'.repeat(140) }),
    )
    expect(one.sms[0]).toMatchObject({ text: 'AB'.repeat(140), encoding: 'binary', segments: 1 })
    const two = run(
      setup(),
      req('SendBinaryData', { XSer: '0201F4', MessageData: 'ab'.repeat(141) }),
    )
    expect(two.sms[0]).toMatchObject({ segments: 2 })
  })

  it('reads an XSer without a coding scheme as 8-bit data', () => {
    const request = req('SendBinaryData', { XSer: '0100', MessageData: '0048' })
    expect(run(setup(), request).sms[0]).toMatchObject({ text: '0048', encoding: 'binary' })
  })
})
