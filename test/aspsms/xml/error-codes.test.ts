/**
 * What the XML interface's status codes are on the wire, beyond what the YAML suites say.
 * scenarios/aspsms/ produces every code of §5.1 through xmlsvr.asp with the reference client and
 * `xmlAction` (test/conformance/suites.test.ts runs them on the standalone server,
 * coverage.test.ts checks every code is there), each with its ErrorDescription. This file keeps
 * what only a document written by hand shows, through both implementations: elements absent,
 * empty, self-closing, blank, repeated or in the wrong place, a document that is not
 * well-formed, more recipients than a client would write, and a reply every XML client can read.
 *
 * @see shared/research/aspsms.md — §2.3 "XML elements", §5.1 "Request status codes", §6
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  expectReadableByEveryClient,
  IMPLEMENTATIONS,
  MOBILE,
  recipient,
  useXml,
} from './helpers.ts'

const recipients = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    recipient(`+4179${String(1000000 + i).padStart(7, '0')}`),
  ).join('')

describe.each(IMPLEMENTATIONS)('XML status codes on the wire through $name', ({ kind }) => {
  const xml = useXml(kind)
  const fields = async (...children: string[]) => (await xml.post(aspsms(...children))).fields
  const sendText = (...children: string[]) =>
    fields(credentials(), ...children, action('SendTextSMS'))

  describe('credentials (3, 8, 9)', () => {
    const showCredits = (...children: string[]) => fields(...children, action('ShowCredits'))

    it('answers 8 when the Userkey is absent or self-closing', async () => {
      expect((await showCredits(el('Password', 'mypassword'))).ErrorCode).toBe('8')
      expect((await showCredits('<Userkey/>', el('Password', 'mypassword'))).ErrorCode).toBe('8')
    })

    it('answers 9 when the Password is absent', async () => {
      expect((await showCredits(el('Userkey', 'I3QHMYKEY6E'))).ErrorCode).toBe('9')
    })

    it('answers 3 to the Password in another case', async () => {
      expect((await showCredits(credentials('I3QHMYKEY6E', 'MyPassword'))).ErrorCode).toBe('3')
    })

    it('reads UserKey (the SOAP spelling) when Userkey is absent', async () => {
      const read = await showCredits(el('UserKey', 'I3QHMYKEY6E'), el('Password', 'mypassword'))
      expect(read.Credits).toBe('100')
    })

    it('takes the first Userkey when a document repeats it, as MSXML’s selectSingleNode does', async () => {
      expect((await showCredits(credentials(), el('Userkey', 'OTHER'))).Credits).toBe('100')
    })
  })

  describe('the text and its recipients (11, 20, 27)', () => {
    it('answers 11 to SendTextSMS without MessageData, with <MessageData/> and with blanks, sending nothing', async () => {
      const invalid = {
        ErrorCode: '11',
        ErrorDescription: 'Invalid message date. Please verify the data.',
      }
      expect(await sendText(recipient(MOBILE))).toEqual(invalid)
      expect(await sendText(recipient(MOBILE), '<MessageData/>')).toEqual(invalid)
      expect(await sendText(recipient(MOBILE), el('MessageData', ' \n '))).toEqual(invalid)
      expect(await xml.messages()).toEqual([])
    })

    it('answers 20 when no Recipient has a PhoneNumber', async () => {
      const fields = await sendText(
        '<Recipient/>',
        '<Recipient><PhoneNumber/><TransRefNumber>x</TransRefNumber></Recipient>',
        el('MessageData', 'Hi'),
      )
      expect(fields.ErrorCode).toBe('20')
    })

    it('skips a Recipient without a PhoneNumber and sends to the others', async () => {
      expect(
        (await sendText('<Recipient/>', recipient(MOBILE), el('MessageData', 'Hi'))).ErrorCode,
      ).toBe('1')
      expect((await xml.messages()).map((s) => s.to)).toEqual([MOBILE])
    })

    it('does not take a TransRefNumber outside <Recipient> as a recipient', async () => {
      expect(
        (await sendText(el('TransRefNumber', MOBILE), el('MessageData', 'Hi'))).ErrorCode,
      ).toBe('20')
    })
  })

  describe('the deferred time (22)', () => {
    it('answers 22 to an ISO 8601 DeferredDeliveryTime, which only JSON takes', async () => {
      const fields = await sendText(
        recipient(MOBILE),
        el('MessageData', 'Hi'),
        el('DeferredDeliveryTime', '2026-01-05T10:00:00+01:00'),
      )
      expect(fields.ErrorCode).toBe('22')
      expect(await xml.messages()).toEqual([])
    })
  })

  describe('notification URLs (17–19)', () => {
    it('takes a URL with line breaks around it, and calls it with the TRN appended', async () => {
      const fields = await sendText(
        recipient(MOBILE, 'n1'),
        el('MessageData', 'Hi'),
        el('URLDeliveryNotification', '\n  http://example.ch/dlr?id=\n'),
      )
      expect(fields.ErrorCode).toBe('1')
      expect(await xml.callbacks()).toEqual(['http://example.ch/dlr?id=n1'])
    })
  })

  describe('inquiries (23)', () => {
    const inquire = (...children: string[]) =>
      fields(credentials(), ...children, action('InquireDeliveryNotifications'))

    it('answers 23 to empty and blank TransRefNumber elements, and costs nothing', async () => {
      const read = await inquire('<TransRefNumber/>', '<TransRefNumber>  </TransRefNumber>')
      expect(read).toEqual({
        ErrorCode: '23',
        ErrorDescription: 'Missing transaction reference number.',
      })
      expect((await xml.account()).credits).toBe(100)
    })

    it('answers 23 when the only TRN is inside a Recipient', async () => {
      expect((await inquire(recipient(MOBILE, 'r1'))).ErrorCode).toBe('23')
    })
  })

  describe('the Action (26) and the Originator (10)', () => {
    it('answers 26 without an Action, even with wrong credentials', async () => {
      expect(await fields(credentials('I3QHMYKEY6E', 'wrong'))).toEqual({
        ErrorCode: '26',
        ErrorDescription: 'Not authorized for this operation.',
      })
    })

    it('takes the first Action when a document has two', async () => {
      const read = await fields(credentials(), action('ShowCredits'), action('SendTextSMS'))
      expect(read.Credits).toBe('100')
    })

    it('answers 10 to CheckOriginatorAuthorization without an Originator element', async () => {
      expect((await fields(credentials(), action('CheckOriginatorAuthorization'))).ErrorCode).toBe(
        '10',
      )
    })
  })

  describe('faults (2, 6, 7, 24) and replies every client reads', () => {
    const send = () =>
      xml.post(
        aspsms(credentials(), recipient(MOBILE), el('MessageData', 'Hi'), action('SendTextSMS')),
      )

    it.each([2, 6, 7, 24])('writes the injected code %s as every client reads it', async (code) => {
      await xml.control.put('/faults/aspsms', { refuse: { code, times: 1 } })
      const refused = await send()
      expectReadableByEveryClient(refused)
      expect(refused.fields.ErrorCode).toBe(String(code))
    })

    it('answers the injected code even to a document that is not well-formed', async () => {
      await xml.control.put('/faults/aspsms', { refuse: { code: 24, times: 1 } })
      expect((await xml.post('<aspsms>')).fields).toEqual({
        ErrorCode: '24',
        ErrorDescription: 'Service temporarely not available.',
      })
    })

    it('writes a barred account’s 25 as every client reads it', async () => {
      await xml.control.patch('/accounts/aspsms/I3QHMYKEY6E', { options: { barred: true } })
      const reply = await xml.post(aspsms(credentials(), action('ShowCredits')))
      expectReadableByEveryClient(reply)
      expect(reply.fields).toEqual({ ErrorCode: '25', ErrorDescription: 'User access denied.' })
    })

    it('writes the originator codes as every client reads them, and 1 as XML’s "Ok"', async () => {
      const call = async (act: string, ...children: string[]) => {
        const reply = await xml.post(
          aspsms(credentials(), el('Originator', '+41791112233'), ...children, action(act)),
        )
        expectReadableByEveryClient(reply)
        return reply.fields
      }
      expect((await call('CheckOriginatorAuthorization')).ErrorCode).toBe('30')
      expect(await call('SendOriginatorUnlockCode')).toEqual({
        ErrorCode: '1',
        ErrorDescription: 'Ok',
      })
      expect((await call('CheckOriginatorAuthorization')).ErrorCode).toBe('29')
      const code = /(\d{8})$/.exec((await xml.messages('+41791112233'))[0]!.text)![1]!
      expect((await call('UnlockOriginator', el('OriginatorUnlockCode', code))).ErrorCode).toBe('1')
      expect((await call('CheckOriginatorAuthorization')).ErrorCode).toBe('31')
    })
  })
})

describe.each(IMPLEMENTATIONS)('1000 recipients at most (27) through $name', ({ kind }) => {
  const xml = useXml(kind, {
    accounts: [{ id: 'I3QHMYKEY6E', secret: 'mypassword', credits: 5000 }],
  })
  const send = async (...children: string[]) =>
    (await xml.post(aspsms(credentials(), ...children, action('SendTextSMS')))).fields

  it('answers 27 to 1001 recipients and sends to none', async () => {
    expect(await send(recipients(1001), el('MessageData', 'Hi'))).toEqual({
      ErrorCode: '27',
      ErrorDescription: 'Message too long.',
    })
    expect(await xml.messages()).toEqual([])
  })

  it('sends to 1000 recipients', async () => {
    expect(
      (await send(recipients(1000), el('MessageData', 'Hi'), el('UsedCredits', '1'))).CreditsUsed,
    ).toBe('1000')
  })
})
