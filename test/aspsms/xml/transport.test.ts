/**
 * How the XML interface is reached and how it answers, whatever the document says: hosts,
 * ports, path case, methods, Content-Type, the reply's first bytes and HTTP status.
 *
 * @see shared/research/aspsms.md — §2.1 "Transport"
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  expectReadableByEveryClient,
  firstResponse,
  IMPLEMENTATIONS,
  PROLOG,
  rawExchange,
  readReply,
  useXml,
} from './helpers.ts'

const SHOW_CREDITS = aspsms(credentials(), action('ShowCredits'))

/** One HTTP/1.0 request as XMLSPEC's own PHP example writes it, to a Host of our choosing. */
const http10 = (host: string, path: string, body: string, before = '') =>
  Buffer.from(
    `${before}POST ${path} HTTP/1.0\r\nHost: ${host}\r\nContent-Type: text/xml\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  )

describe('the XML interface over the standalone server', () => {
  const xml = useXml('standalone')

  it.each([
    ['xml1.aspsms.com:5061', '/xmlsvr.asp'],
    ['xml1.aspsms.com:5098', '/xmlsvr.asp'],
    ['xml2.aspsms.com:5061', '/xmlsvr.asp'],
    ['xml2.aspsms.com:5098', '/xmlsvr.asp'],
    ['xml1.aspsms.com', '/xmlsvr.asp'],
    ['XML2.ASPSMS.COM:5061', '/XMLSVR.ASP'],
  ])('answers at the real host %s, path %s (the port plays no part)', async (host, path) => {
    const { head, body } = firstResponse(
      await rawExchange(xml.port, http10(host, path, SHOW_CREDITS)),
    )
    expect(head).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(body).toContain('<Credits>100</Credits>')
  })

  it('answers under smsim’s prefix at /aspsms/xmlsvr.asp, in any case', async () => {
    const response = await fetch(`${xml.url}/aspsms/XmlSvr.asp`, {
      method: 'POST',
      body: SHOW_CREDITS,
    })
    expect((await readReply(response)).fields.Credits).toBe('100')
  })

  it('takes a request preceded by an empty line, as aspsms-t’s raw socket sends it', async () => {
    const body = `${SHOW_CREDITS}\r\n\r\r\n`
    const raw = await rawExchange(
      xml.port,
      http10('xml1.aspsms.com:5061', '/xmlsvr.asp', body, '\n'),
    )
    expect(firstResponse(raw).body).toContain('<Credits>100</Credits>')
  })

  it('answers the request maxkueng’s too short Content-Length cut, before refusing the bytes left over', async () => {
    // maxkueng sends `Content-Length: xml.length`, JavaScript's count of characters: with a
    // `ü` the server reads one byte less, and the `>` left over starts a "next request".
    const body =
      '<?xml version="1.0" encoding="ISO-8859-1"?>\r\n<aspsms>\r\n<MessageData>Grüezi</MessageData>\r\n</aspsms>'
    const raw = await rawExchange(
      xml.port,
      Buffer.from(
        'POST /xmlsvr.asp HTTP/1.1\r\nHost: xml1.aspsms.com\r\nContent-Type: text/xml\r\n' +
          `Connection: keep-alive\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      ),
    )
    const first = firstResponse(raw)
    expect(first.head).toMatch(/^HTTP\/1\.1 200 OK/)
    expect(first.body).toContain(
      "<ParserErrorDescription>End element was missing the character '&gt;'.</ParserErrorDescription>",
    )
    expect(first.body).toContain('<ParserErrorSrcText>&lt;/aspsms</ParserErrorSrcText>')
    expect(raw.slice(raw.indexOf('</aspsms>\n') + 10)).toMatch(/^HTTP\/1\.1 400 Bad Request/)
  })
})

describe.each(IMPLEMENTATIONS)('the XML interface through $name', ({ kind }) => {
  const xml = useXml(kind)

  it('starts every reply with exactly <?xml version="1.0"?>, the prolog tschiemer requires', async () => {
    const response = await fetch(xml.endpoint, { method: 'POST', body: SHOW_CREDITS })
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.subarray(0, PROLOG.length).toString('latin1')).toBe('<?xml version="1.0"?>')
    expect(bytes[PROLOG.length]).toBe(0x0a)
  })

  it('answers as text/xml with HTTP 200, even for an error', async () => {
    const reply = await xml.post(aspsms(credentials('I3QHMYKEY6E', 'wrong'), action('ShowCredits')))
    expect(reply.status).toBe(200)
    expect(reply.contentType).toBe('text/xml')
    expect(reply.fields.ErrorCode).toBe('3')
    expectReadableByEveryClient(reply)
  })

  it.each([
    ['text/xml', 'droe, maxkueng'],
    ['application/x-www-form-urlencoded', 'tschiemer (curl’s default)'],
    ['text/plain;charset=UTF-8', 'fetch’s default for a string'],
  ])('reads the body as XML whatever its Content-Type: %s (%s)', async (contentType) => {
    const reply = await xml.post(SHOW_CREDITS, { headers: { 'content-type': contentType } })
    expect(reply.fields.Credits).toBe('100')
  })

  it('reads the body as XML with no Content-Type at all, as supcik sends it', async () => {
    const reply = await xml.post(new TextEncoder().encode(SHOW_CREDITS))
    expect(reply.fields.Credits).toBe('100')
  })

  it('reads a document preceded by a newline, and elements in any order', async () => {
    const body = `\r\n${aspsms(action('ShowCredits'), el('Password', 'mypassword'), el('Userkey', 'I3QHMYKEY6E'))}`
    expect((await xml.post(body)).fields.Credits).toBe('100')
  })

  it('ignores a query string on the POST', async () => {
    const response = await fetch(`${xml.endpoint}?Action=SendTextSMS&Userkey=x`, {
      method: 'POST',
      body: SHOW_CREDITS,
    })
    expect((await readReply(response)).fields.Credits).toBe('100')
  })

  it.each(['GET', 'DELETE', 'OPTIONS'])(
    'answers %s, which carries no document, with the parser error of an empty one',
    async (method) => {
      const reply = await readReply(await fetch(xml.endpoint, { method }))
      expectReadableByEveryClient(reply)
      expect(reply.fields).toEqual({
        ErrorCode: '11',
        ErrorDescription: 'Invalid message date. Please verify the data.',
        ParserErrorCode: '-1072896680',
        ParserErrorDescription: 'XML document must have a top level element.',
        ParserErrorFilePos: '0',
        ParserErrorLine: '0',
        ParserErrorLinePos: '0',
      })
    },
  )

  it('reads no document from a PUT either: only POST requests are processed', async () => {
    const reply = await xml.post(SHOW_CREDITS, { method: 'PUT' })
    expect(reply.fields.ErrorCode).toBe('11')
    expect(reply.fields.Credits).toBeUndefined()
  })

  it('answers HEAD with the headers and no body', async () => {
    const response = await fetch(xml.endpoint, { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/xml')
    expect(await response.text()).toBe('')
  })

  it('journals the action, the fields read and the code answered', async () => {
    await xml.post(SHOW_CREDITS)
    const [entry] = await xml.journal()
    expect(entry).toMatchObject({
      provider: 'aspsms',
      transport: 'xml',
      account: 'I3QHMYKEY6E',
      code: 1,
      request: { method: 'POST', action: 'ShowCredits', fields: { Userkey: 'I3QHMYKEY6E' } },
    })
  })
})
