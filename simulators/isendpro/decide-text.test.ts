/** iSendPro's mail decision: the sender and its STOP mention, and the parts a text takes. */
import { describe, expect, it } from 'vitest'
import { codes, credits, envoi, send, setup } from './decide-testing.ts'

describe('the sender and the STOP mention', () => {
  it('appends "\\r\\nSTOP SMS au 36105" when emetteur is set, and shows the sender', () => {
    const result = send(setup(), { text: envoi({ emetteur: ' MaSociete7 ' }) })
    expect(result.sms[0]).toMatchObject({
      from: 'MaSociete7',
      text: 'Bonjour\r\nSTOP SMS au 36105',
      meta: expect.objectContaining({ stopMention: true }),
    })
  })

  it('allows 141 characters in one SMS with the mention, 160 without', () => {
    const store = setup(100)
    const one = (sms: string, extra: Record<string, string> = {}, id = sms.length) =>
      send(store, { text: envoi({ sms, emailId: String(id), ...extra }) })
    expect(codes(one('x'.repeat(141), { emetteur: 'MaSociete' }))).toEqual([0])
    expect(codes(one('x'.repeat(142), { emetteur: 'MaSociete' }))).toEqual([34])
    expect(codes(one('x'.repeat(160)))).toEqual([0])
    expect(codes(one('x'.repeat(161)))).toEqual([34])
  })

  it('drops the mention for <nostop>1</nostop> on an account allowed to', () => {
    const result = send(setup(100, { nostopAllowed: true }), {
      text: envoi({ emetteur: 'MaSociete', nostop: '1' }),
    })
    expect(result.sms[0]?.text).toBe('Bonjour')
  })

  it('keeps the mention when the account may not drop it, and says so', () => {
    const result = send(setup(), { text: envoi({ emetteur: 'MaSociete', nostop: '1' }) })
    expect(result.sms[0]?.text).toBe('Bonjour\r\nSTOP SMS au 36105')
    expect(result.reply.notes).toContain(
      'nostop ignored: the account may not drop the STOP mention',
    )
  })

  it('appends nothing without a custom sender', () => {
    expect(send(setup(), { text: envoi({ nostop: '0' }) }).sms[0]?.text).toBe('Bonjour')
  })
})

describe('smslong and the length of a text', () => {
  it('charges the real parts, not the declared ones', () => {
    const store = setup()
    send(store, { text: envoi({ smslong: '3' }) })
    expect(credits(store)).toBe(99)
  })

  it('allows as many parts as smslong declares (34 beyond), at most 6; 999 means up to 6', () => {
    const store = setup(100)
    let id = 0
    const parts = (sms: string, smslong: string) =>
      codes(send(store, { text: envoi({ sms, smslong, emailId: String(++id) }) }))
    expect(parts('x'.repeat(306), '2')).toEqual([0])
    expect(parts('x'.repeat(307), '2')).toEqual([34])
    expect(parts('x'.repeat(918), '999')).toEqual([0])
    expect(parts('x'.repeat(919), '999')).toEqual([34])
    expect(parts('x'.repeat(919), '7')).toEqual([34])
  })

  it('counts a text with a character outside GSM 03.38 in UCS-2: 70, then 67 a part', () => {
    const store = setup()
    const result = send(store, { text: envoi({ sms: `ô${'x'.repeat(69)}` }) })
    expect(result.sms[0]).toMatchObject({ encoding: 'ucs2', segments: 1 })
    expect(
      codes(send(store, { text: envoi({ sms: `ô${'x'.repeat(70)}`, emailId: '2' }) })),
    ).toEqual([34])
  })

  it('charges parts × recipients', () => {
    const store = setup()
    send(store, {
      text: envoi({
        num: undefined,
        num1: '0601020304',
        num2: '0601020305',
        sms: 'x'.repeat(200),
        smslong: '2',
      }),
    })
    expect(credits(store)).toBe(96)
  })
})
