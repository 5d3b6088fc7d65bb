/**
 * Every Action of the XML interface (XMLSPEC §6.3.27), what it puts on the phones and what it
 * costs: "one credit per recipient" (per SMS part for text), three for a picture message, 0.25
 * per transaction reference number inquired.
 *
 * @see shared/research/aspsms.md — §2.3 "Actions and cost"
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  expectReadableByEveryClient,
  IMPLEMENTATIONS,
  MINUTE,
  MOBILE,
  recipient,
  useXml,
} from './helpers.ts'

const OTHER_MOBILE = '+41797654321'

describe.each(IMPLEMENTATIONS)('XML actions through $name', ({ kind }) => {
  const xml = useXml(kind)
  const send = (...children: string[]) => xml.post(aspsms(credentials(), ...children))
  const credits = async () => (await xml.account()).credits

  describe('SendTextSMS', () => {
    it('delivers the text, from aspsms.com when no originator is given, for one credit', async () => {
      const reply = await send(recipient(MOBILE), el('MessageData', 'Hello'), action('SendTextSMS'))
      expectReadableByEveryClient(reply)
      expect(reply.fields).toEqual({ ErrorCode: '1', ErrorDescription: 'Ok' })
      const [sms] = await xml.messages(MOBILE)
      expect(sms).toMatchObject({
        from: 'aspsms.com',
        text: 'Hello',
        encoding: 'gsm7',
        segments: 1,
        status: 'delivered',
        transport: 'xml',
        class: 'normal',
      })
      expect(await credits()).toBe(99)
    })

    it('costs one credit per part per recipient, and says so in <CreditsUsed> when UsedCredits is 1', async () => {
      const reply = await send(
        recipient(MOBILE),
        recipient(OTHER_MOBILE),
        el('MessageData', 'x'.repeat(161)),
        el('UsedCredits', '1'),
        action('SendTextSMS'),
      )
      expect(reply.fields).toEqual({ ErrorCode: '1', ErrorDescription: 'Ok', CreditsUsed: '4' })
      expect((await xml.messages()).map((s) => [s.to, s.segments])).toEqual([
        [MOBILE, 2],
        [OTHER_MOBILE, 2],
      ])
      expect(await credits()).toBe(96)
    })

    it('leaves <CreditsUsed> out when UsedCredits is not asked for', async () => {
      const reply = await send(recipient(MOBILE), el('MessageData', 'Hi'), action('SendTextSMS'))
      expect(reply.text).not.toContain('CreditsUsed')
    })

    it('sends text outside GSM 03.38 as UCS-2', async () => {
      await send(recipient(MOBILE), el('MessageData', 'Привет €'), action('SendTextSMS'))
      expect((await xml.messages(MOBILE))[0]).toMatchObject({ text: 'Привет €', encoding: 'ucs2' })
    })

    it('sends a flash SMS when FlashingSMS is 1', async () => {
      await send(
        recipient(MOBILE),
        el('MessageData', 'Alerte'),
        el('FlashingSMS', '1'),
        action('SendTextSMS'),
      )
      expect((await xml.messages(MOBILE))[0]?.class).toBe('flash')
    })

    it('holds a deferred SMS until its time, given as ddmmyyyyhhmmss at GMT+1', async () => {
      await send(
        recipient(MOBILE),
        el('MessageData', 'Plus tard'),
        el('DeferredDeliveryTime', '05012026093000'),
        action('SendTextSMS'),
      )
      expect((await xml.messages(MOBILE))[0]).toMatchObject({
        status: 'scheduled',
        scheduledAt: '2026-01-05T08:30:00.000Z',
      })
      await xml.advance(30 * MINUTE)
      expect((await xml.messages(MOBILE))[0]?.status).toBe('delivered')
    })
  })

  it('SendBinaryData sends UCS-2 given as hex with XSer 020108, for one credit', async () => {
    const reply = await send(
      recipient(MOBILE),
      el('XSer', '020108'),
      el('MessageData', '00480065006C006C006F '),
      action('SendBinaryData'),
    )
    expect(reply.fields.ErrorCode).toBe('1')
    expect((await xml.messages(MOBILE))[0]).toMatchObject({ text: 'Hello', encoding: 'ucs2' })
    expect(await credits()).toBe(99)
  })

  it('SendWAPPushSMS pushes WAPPushDescription and WAPPushURL, for one credit', async () => {
    const reply = await send(
      recipient(MOBILE),
      el('WAPPushDescription', 'Météo des pistes'),
      el('WAPPushURL', 'http://wap.example.ch/meteo'),
      action('SendWAPPushSMS'),
    )
    expect(reply.fields.ErrorCode).toBe('1')
    expect((await xml.messages(MOBILE))[0]).toMatchObject({
      text: 'Météo des pistes http://wap.example.ch/meteo',
      encoding: 'binary',
    })
    expect(await credits()).toBe(99)
  })

  it.each([
    ['SendLogo', [el('MCC', '228'), el('MNC', '01'), el('URLBinaryFile', 'http://x.ch/logo.bmp')]],
    ['SendLogo', [el('MCC', '228'), el('MNC', '1'), el('BinaryFileDataHex', '00FF00FF')]],
    ['SendGroupLogo', [el('URLBinaryFile', 'http://x.ch/group.gif')]],
    ['SendRandomLogo', []],
    ['SendRingtone', [el('URLBinaryFile', 'http://x.ch/tune.ott')]],
  ])('%s sends its binary content for one credit', async (name, children) => {
    const reply = await send(recipient(MOBILE), ...children, action(name))
    expect(reply.fields).toEqual({ ErrorCode: '1', ErrorDescription: 'Ok' })
    expect((await xml.messages(MOBILE))[0]).toMatchObject({ encoding: 'binary', segments: 1 })
    expect(await credits()).toBe(99)
  })

  it('SendPictureMessage costs three credits per recipient', async () => {
    const reply = await send(
      recipient(MOBILE),
      recipient(OTHER_MOBILE),
      el('URLBinaryFile', 'http://x.ch/piste.bmp'),
      el('MessageData', 'Piste rouge'),
      el('UsedCredits', '1'),
      action('SendPictureMessage'),
    )
    expect(reply.fields.CreditsUsed).toBe('6')
    expect(await credits()).toBe(94)
  })

  it('SendVCard sends <VCard><VName/><VPhoneNumber/></VCard> as a vCard, for one credit', async () => {
    const reply = await send(
      recipient(MOBILE),
      '<VCard><VName>Tarzan</VName><VPhoneNumber>0041796666666</VPhoneNumber></VCard>',
      action('SendVCard'),
    )
    expect(reply.fields.ErrorCode).toBe('1')
    expect((await xml.messages(MOBILE))[0]?.text).toBe(
      'BEGIN:VCARD\nN:Tarzan\nTEL:0041796666666\nEND:VCARD',
    )
    expect(await credits()).toBe(99)
  })

  describe('ShowCredits', () => {
    it('answers the balance in <Credits>', async () => {
      const reply = await send(action('ShowCredits'))
      expectReadableByEveryClient(reply)
      expect(reply.fields).toEqual({ ErrorCode: '1', ErrorDescription: 'Ok', Credits: '100' })
    })

    it('writes a fractional balance as it is (2321.21, as aspsms-t relayed a real reply)', async () => {
      await xml.control.patch('/accounts/aspsms/I3QHMYKEY6E', { credits: 2321.21 })
      expect((await send(action('ShowCredits'))).text).toContain('<Credits>2321.21</Credits>')
    })

    it('costs nothing', async () => {
      await send(action('ShowCredits'))
      expect(await credits()).toBe(100)
    })
  })

  it('InquireDeliveryNotifications costs 0.25 credits per transaction reference number', async () => {
    await send(recipient(MOBILE, 'a1'), el('MessageData', 'Hi'), action('SendTextSMS'))
    const reply = await send(
      el('TransRefNumber', 'a1'),
      el('TransRefNumber', 'nope'),
      el('TransRefNumber', 'nada'),
      action('InquireDeliveryNotifications'),
    )
    expect(reply.fields.DeliveryNotification).toHaveLength(1)
    expect(await credits()).toBe(99 - 0.75)
    expect((await send(action('ShowCredits'))).fields.Credits).toBe('98.25')
  })

  it('SendOriginatorUnlockCode sends an unlock code to the originator’s phone, for free', async () => {
    const reply = await send(el('Originator', '+41791112233'), action('SendOriginatorUnlockCode'))
    expect(reply.fields).toEqual({ ErrorCode: '1', ErrorDescription: 'Ok' })
    expect((await xml.messages('+41791112233'))[0]?.text).toMatch(/unlock code: \d{8}$/)
    expect(await credits()).toBe(100)
  })

  it('CheckOriginatorAuthorization answers 30 for a numeric originator never unlocked', async () => {
    const reply = await send(
      el('Originator', '0041791112233'),
      action('CheckOriginatorAuthorization'),
    )
    expect(reply.fields).toEqual({
      ErrorCode: '30',
      ErrorDescription: 'Originator Not Authorized.',
    })
  })

  it('UnlockOriginator answers 30 to a code that was never sent', async () => {
    const reply = await send(
      el('Originator', '0041791112233'),
      el('OriginatorUnlockCode', '65164424'),
      action('UnlockOriginator'),
    )
    expect(reply.fields.ErrorCode).toBe('30')
  })
})
