/**
 * The request documents of XMLSPEC's examples and of the real clients measured in
 * aspsms-clients.md ("XML interface"), replayed byte for byte from
 * `simulators/aspsms/fixtures/xml-*.xml`, each with the headers its client sends; and what each
 * client needs of the reply ("What each client needs back").
 *
 * @see shared/research/aspsms.md — §2.3 "Verbatim request examples"
 * @see shared/research/aspsms-clients.md — "XML interface", "What each client needs back"
 */
import { describe, expect, it } from 'vitest'
import {
  expectReadableByEveryClient,
  fixture,
  IMPLEMENTATIONS,
  MOBILE,
  PROLOG,
  useXml,
} from './helpers.ts'

describe.each(IMPLEMENTATIONS)('XMLSPEC’s examples through $name', ({ kind }) => {
  const xml = useXml(kind, {
    accounts: [
      { id: 'I3QHMYKEY6E', secret: 'mypassword', credits: 100 },
      { id: 'LLLLLLLLLLLL', secret: 'password', credits: 10 },
    ],
  })
  const replay = async (name: string) => {
    const reply = await xml.post(fixture(name), { headers: { 'content-type': 'text/xml' } })
    expectReadableByEveryClient(reply)
    return reply
  }

  it('a: sends the text to 0041795555555 from the default originator', async () => {
    expect((await replay('xml-xmlspec-a-send-text.xml')).fields).toEqual({
      ErrorCode: '1',
      ErrorDescription: 'Ok',
    })
    expect(await xml.messages('+41795555555')).toMatchObject([
      { from: 'aspsms.com', text: 'Hello Jane, i got the tickets. See you. Tarzan' },
    ])
  })

  it('b: sends a flash SMS at once (its 2001 date is past), and calls the delivery URL with TRN 1234', async () => {
    expect((await replay('xml-xmlspec-b-send-text-options.xml')).fields.ErrorCode).toBe('1')
    expect(await xml.messages('+41795555555')).toMatchObject([
      {
        from: 'aspsms.com',
        text: 'I <BLINK> love </BLINK> you!"',
        class: 'flash',
        status: 'delivered',
        meta: { trn: '1234' },
      },
    ])
    expect(await xml.callbacks()).toEqual(['http://www.mysite.com/sms/delivered.asp?id=1234'])
  })

  it('g: after b, reports TRN 1234 delivered and nothing for 1235, for 0.5 credits', async () => {
    await replay('xml-xmlspec-b-send-text-options.xml')
    const reply = await replay('xml-xmlspec-g-inquire.xml')
    expect(reply.fields.DeliveryNotification).toEqual([
      {
        TransRefNumber: '1234',
        DeliveryStatus: '0',
        SubmissionDate: '05012026090000',
        NotificationDate: '05012026090000',
        ReasonCode: '0',
      },
    ])
    expect((await xml.account()).credits).toBe(100 - 1 - 0.5)
  })

  it('h: answers the balance', async () => {
    expect((await replay('xml-xmlspec-h-show-credits.xml')).fields).toEqual({
      ErrorCode: '1',
      ErrorDescription: 'Ok',
      Credits: '100',
    })
  })

  it('UnlockOriginator: answers 30 to the spec’s code, which was never sent to that phone', async () => {
    expect((await replay('xml-xmlspec-unlock-originator.xml')).fields).toEqual({
      ErrorCode: '30',
      ErrorDescription: 'Originator Not Authorized.',
    })
  })
})

describe.each(IMPLEMENTATIONS)('real clients’ requests through $name', ({ kind }) => {
  const xml = useXml(kind)

  describe('tschiemer/aspsms-php (XmlClient)', () => {
    const headers = {
      'user-agent': 'aspsms-php v1 xml:1',
      accept: '*/*',
      'content-type': 'application/x-www-form-urlencoded',
    }

    it('sends its one-line document with self-closing elements and raw ISO-8859-1', async () => {
      const reply = await xml.post(fixture('xml-tschiemer-send-text.xml'), { headers })
      expectReadableByEveryClient(reply)
      expect(reply.fields).toEqual({ ErrorCode: '1', ErrorDescription: 'Ok' })
      expect(await xml.messages(MOBILE)).toMatchObject([
        { from: 'FidTest', text: 'Grüezi & <Test> Preis: 5 ?', meta: { trn: 'fid120000' } },
      ])
    })

    it('gets a reply containing exactly <?xml version="1.0"?>, or its client dies', async () => {
      const reply = await xml.post(fixture('xml-tschiemer-send-text.xml'), { headers })
      expect(reply.text).toMatch(/<\?xml version="((?:\d|\.)+)"\?>/)
      expect(reply.text).not.toContain('encoding=')
    })

    it('inquires with one top-level TransRefNumber per TRN', async () => {
      await xml.post(fixture('xml-tschiemer-send-text.xml'), { headers })
      const reply = await xml.post(fixture('xml-tschiemer-inquire.xml'), { headers })
      expectReadableByEveryClient(reply)
      expect(reply.fields.DeliveryNotification?.map((d) => d.TransRefNumber)).toEqual(['fid120000'])
    })
  })

  describe('supcik/perl-net-sms-aspsms', () => {
    // libwww-perl sends no Content-Type.
    const post = (name: string) =>
      xml.post(fixture(name), { headers: { 'user-agent': 'libwww-perl/6.68' } })

    it('sends its pretty-printed document with &#252; references', async () => {
      const reply = await post('xml-supcik-send-text.xml')
      expectReadableByEveryClient(reply)
      expect(reply.fields.ErrorCode).toBe('1')
      expect(await xml.messages(MOBILE)).toMatchObject([
        { from: 'Myself', text: 'Grüezi & <Test>', meta: { trn: 'sup1' } },
      ])
    })

    it('inquires with the previous send’s fields still in the document, and sends nothing again', async () => {
      await post('xml-supcik-send-text.xml')
      const reply = await post('xml-supcik-inquire.xml')
      expectReadableByEveryClient(reply)
      expect(reply.fields.DeliveryNotification).toEqual([
        {
          TransRefNumber: 'sup1',
          DeliveryStatus: '0',
          SubmissionDate: '05012026090000',
          NotificationDate: '05012026090000',
          ReasonCode: '0',
        },
      ])
      expect(await xml.messages()).toHaveLength(1)
      expect((await xml.account()).credits).toBe(100 - 1 - 0.25)
    })
  })

  describe('droe/aspsms (REXML)', () => {
    const headers = {
      'user-agent': 'ASPSMS::Gateway (http://www.roe.ch/ASPSMS)',
      'content-type': 'text/xml',
    }

    it('sends its single-quoted prolog with UsedCredits and gets <CreditsUsed>', async () => {
      const reply = await xml.post(fixture('xml-droe-send-text.xml'), { headers })
      expectReadableByEveryClient(reply)
      expect(reply.fields).toEqual({ ErrorCode: '1', ErrorDescription: 'Ok', CreditsUsed: '1' })
      expect((await xml.messages(MOBILE))[0]).toMatchObject({
        from: 'aspsms',
        text: 'Grüezi & <Test>',
      })
    })

    it('is read right when the same document comes as UTF-8 under its ISO-8859-1 declaration', async () => {
      const utf8 = Buffer.from(fixture('xml-droe-send-text.xml').toString('latin1'), 'utf8')
      expect(utf8.includes(Buffer.from('Ã¼', 'latin1'))).toBe(true)
      await xml.post(utf8, { headers })
      expect((await xml.messages(MOBILE))[0]?.text).toBe('Grüezi & <Test>')
    })

    it('finds text in every child of <aspsms>, DeliveryNotification included', async () => {
      await xml.post(fixture('xml-droe-send-text.xml'), { headers })
      await xml.post(fixture('xml-tschiemer-send-text.xml'))
      const reply = await xml.post(fixture('xml-tschiemer-inquire.xml'))
      // REXML's `element.text` is the first text node: for <DeliveryNotification> the line end
      // and indentation before its first child.
      expect(reply.text).toMatch(/<DeliveryNotification>\n +<TransRefNumber>/)
    })
  })

  describe('maxkueng/node-aspsms', () => {
    const headers = { 'content-type': 'text/xml', connection: 'keep-alive' }

    it('gets HTTP 200 and a parser error for its unescaped &, where its regexes find code and text', async () => {
      const reply = await xml.post(fixture('xml-maxkueng-send-text.xml'), { headers })
      expectReadableByEveryClient(reply)
      expect(/<ErrorCode>([0-9]+)<\/ErrorCode>/.exec(reply.text)?.[1]).toBe('11')
      expect(/<ErrorDescription>([^<]+)<\/ErrorDescription>/.exec(reply.text)?.[1]).toBe(
        'Invalid message date. Please verify the data.',
      )
      expect(reply.fields).toMatchObject({
        ParserErrorCode: '-1072896749',
        ParserErrorDescription: 'Whitespace is not allowed at this location.',
        ParserErrorLine: '9',
        ParserErrorLinePos: '20',
        ParserErrorSrcText: '<MessageData>Fish & Chips</MessageData>',
      })
      expect(await xml.messages()).toEqual([])
    })

    it('sends once the message is escaped, with the originator it escaped itself', async () => {
      const escaped = fixture('xml-maxkueng-send-text.xml')
        .toString('latin1')
        .replace('Fish & Chips', 'Fish &#38; Chips')
      const reply = await xml.post(escaped, { headers })
      expect(reply.fields.ErrorCode).toBe('1')
      expect((await xml.messages(MOBILE))[0]).toMatchObject({
        from: 'Tom&Co',
        text: 'Fish & Chips',
      })
    })
  })

  it('answers every fixture with the exact prolog first', async () => {
    for (const name of [
      'xml-xmlspec-h-show-credits.xml',
      'xml-tschiemer-inquire.xml',
      'xml-supcik-send-text.xml',
      'xml-droe-send-text.xml',
      'xml-maxkueng-send-text.xml',
    ]) {
      expect((await xml.post(fixture(name))).text.slice(0, PROLOG.length)).toBe(PROLOG)
    }
  })
})
