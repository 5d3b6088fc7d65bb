/**
 * What the service answers a SOAP request it cannot carry out: a SOAP Fault, with HTTP 500 as
 * ASMX answers every fault — `soap:Client` in SOAP 1.1, `Sender` in SOAP 1.2 — and a
 * faultstring that says what was wrong. Never a stack trace, never a debit, and no DOCTYPE is
 * ever expanded.
 */
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { ACCOUNT, MOBILE, sendRaw, useAspsms } from '../helpers.ts'
import { envelope } from './asmx-interfaces.ts'
import { NAMESPACE } from './research-operations.ts'

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope'
const AUTH = { UserKey: ACCOUNT.id, Password: ACCOUNT.secret }
const SEND = { ...AUTH, Recipients: MOBILE, MessageText: 'Hello' }

const reader = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false })

/** The fault of an answer: its code (1.1 faultcode or 1.2 Code/Value) and its text. */
function faultOf(body: string): { code: string; reason: string } {
  type Fault = {
    faultcode?: string
    faultstring?: string
    Code?: { Value: string }
    Reason?: { Text: string }
  }
  const fault = (reader.parse(body) as { Envelope: { Body: { Fault: Fault } } }).Envelope.Body.Fault
  return fault.faultcode !== undefined
    ? { code: fault.faultcode, reason: fault.faultstring ?? '' }
    : { code: fault.Code?.Value ?? '', reason: fault.Reason?.Text ?? '' }
}

describe('SOAP Faults', () => {
  const smsim = useAspsms()
  const post = async (body: string, headers: Record<string, string> = {}) => {
    const answer = await sendRaw(smsim.url, {
      method: 'POST',
      target: '/aspsms/aspsmsx2.asmx',
      headers: Object.entries({ 'Content-Type': 'text/xml; charset=utf-8', ...headers }),
      body: Buffer.from(body),
    })
    expect(answer.status).toBe(500)
    expect(answer.body).not.toMatch(/\n\s+at |\.ts:\d+/)
    return { ...answer, fault: faultOf(answer.body) }
  }

  it.each([
    ['a body that is not XML', 'UserKey=I3QHMYKEY6E&Password=mypassword'],
    ['an empty body', ''],
    [
      'ill-formed XML',
      `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><x></soap:Body></soap:Envelope>`,
    ],
    ['a root that is no Envelope', `<CheckCredits xmlns="${NAMESPACE}"/>`],
    [
      'an Envelope without a Body',
      `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Header/></soap:Envelope>`,
    ],
    [
      'an empty Body',
      `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body> </soap:Body></soap:Envelope>`,
    ],
    [
      'an undeclared prefix',
      `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><ns1:CheckCredits/></soap:Body></soap:Envelope>`,
    ],
    [
      'an undeclared entity',
      envelope('1.1', 'SendTextSMS', { ...SEND, MessageText: '@' }).replace('@', 'Gr&uuml;ezi'),
    ],
    [
      'an entity named after an object property',
      envelope('1.1', 'SendTextSMS', { ...SEND, MessageText: '@' }).replace(
        '@',
        'a &constructor; b',
      ),
    ],
    ['an operation the service does not have', envelope('1.1', 'SendFax', AUTH)],
    [
      'an operation in another namespace',
      envelope('1.1', 'CheckCredits', AUTH).replace(NAMESPACE, 'http://tempuri.org/'),
    ],
    [
      'a parameter that holds elements',
      envelope('1.1', 'CheckCredits', AUTH).replace(ACCOUNT.id, `<b>${ACCOUNT.id}</b>`),
    ],
  ])('answers soap:Client to %s', async (_what, body) => {
    const { fault } = await post(body)
    expect(fault.code).toBe('soap:Client')
    expect(fault.reason).toMatch(/^Server (was unable to read request\. ---> |did not recognize )/)
    expect(await smsim.messages()).toEqual([])
  })

  it('gives each its own clear faultstring', async () => {
    const reasons = []
    for (const body of [
      'hello',
      `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><ns1:CheckCredits/></soap:Body></soap:Envelope>`,
      envelope('1.1', 'SendFax', AUTH),
      envelope('1.1', 'CheckCredits', AUTH).replace(NAMESPACE, 'http://tempuri.org/'),
    ])
      reasons.push((await post(body)).fault.reason)
    expect(reasons).toMatchInlineSnapshot(`
      [
        "Server was unable to read request. ---> The body is not well-formed XML: char 'h' is not expected. (line 1, column 1).",
        "Server was unable to read request. ---> The body is not well-formed XML: 'ns1' is an undeclared prefix.",
        "Server did not recognize the request element SendFax: no such operation (see ?WSDL).",
        "Server did not recognize the request element CheckCredits in namespace "http://tempuri.org/": the operations are in namespace "https://webservice.aspsms.com/aspsmsx2.asmx".",
      ]
    `)
  })

  it('refuses any DOCTYPE: no entity is expanded, no external entity is fetched', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><CheckCredits xmlns="${NAMESPACE}"><UserKey>&lol2;</UserKey></CheckCredits></soap:Body></soap:Envelope>`
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><CheckCredits xmlns="${NAMESPACE}"><UserKey>&xxe;</UserKey></CheckCredits></soap:Body></soap:Envelope>`
    for (const body of [laughs, external]) {
      const { fault, body: text } = await post(body)
      expect(fault).toEqual({
        code: 'soap:Client',
        reason:
          'Server was unable to read request. ---> For security reasons DTD is prohibited in this XML document.',
      })
      expect(text).not.toContain('root:')
    }
  })

  it('refuses a SOAPAction that names another operation than the Body', async () => {
    const { fault } = await post(envelope('1.1', 'SendTextSMS', SEND), {
      SOAPAction: `"${NAMESPACE}/CheckCredits"`,
    })
    expect(fault.reason).toMatchInlineSnapshot(
      `"The HTTP Header SOAPAction names CheckCredits (https://webservice.aspsms.com/aspsmsx2.asmx/CheckCredits) but the Body holds SendTextSMS: they must agree."`,
    )
    expect(await smsim.messages()).toEqual([])
  })

  it('refuses a SOAPAction the service does not know, in ASMX words', async () => {
    const { fault } = await post(envelope('1.1', 'CheckCredits', AUTH), {
      SOAPAction: 'http://tempuri.org/CheckCredits',
    })
    expect(fault.reason).toBe(
      'Server did not recognize the value of HTTP Header SOAPAction: http://tempuri.org/CheckCredits.',
    )
  })

  it('checks the action= of a SOAP 1.2 Content-Type the same way', async () => {
    const { fault } = await post(envelope('1.2', 'CheckCredits', AUTH), {
      'Content-Type': `application/soap+xml; charset=utf-8; action="${NAMESPACE}/VersionInfo"`,
    })
    expect(fault).toEqual({
      code: 'soap:Sender',
      reason: `The action parameter of Content-Type names VersionInfo (${NAMESPACE}/VersionInfo) but the Body holds CheckCredits: they must agree.`,
    })
  })

  it('writes a SOAP 1.2 fault with Code/Value Sender and a Reason, as application/soap+xml', async () => {
    const answer = await post('hello', { 'Content-Type': 'application/soap+xml; charset=utf-8' })
    expect(answer.headers['content-type']).toBe('application/soap+xml; charset=utf-8')
    expect(answer.body).toContain(`<soap:Envelope xmlns:soap="${SOAP12}"`)
    expect(answer.body).toContain('<soap:Code><soap:Value>soap:Sender</soap:Value></soap:Code>')
    expect(answer.body).toContain('<soap:Text xml:lang="en">Server was unable to read request.')
  })

  it('answers VersionMismatch to an Envelope of an unknown namespace', async () => {
    const { fault } = await post(
      `<e:Envelope xmlns:e="http://example.org/envelope"><e:Body/></e:Envelope>`,
    )
    expect(fault.code).toBe('soap:VersionMismatch')
  })

  it('answers MustUnderstand to a header it must understand and does not', async () => {
    const body = envelope('1.1', 'CheckCredits', AUTH).replace(
      '<soap:Body>',
      '<soap:Header><Security xmlns="urn:wss" soap:mustUnderstand="1"/></soap:Header><soap:Body>',
    )
    const { fault } = await post(body)
    expect(fault).toEqual({
      code: 'soap:MustUnderstand',
      reason: 'SOAP header Security was not understood.',
    })
  })

  it('refuses elements nested absurdly deep without falling over', async () => {
    const deep = `${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}`
    const { fault } = await post(envelope('1.1', 'CheckCredits', AUTH).replace(ACCOUNT.id, deep))
    expect(fault.code).toBe('soap:Client')
  })

  it('journals a fault with its code and what was wrong', async () => {
    await post(envelope('1.1', 'SendFax', AUTH))
    expect((await smsim.journal())[0]).toMatchObject({
      transport: 'soap',
      status: 500,
      code: 'soap:Client',
      request: { soap: '1.1', fault: expect.stringContaining('SendFax') },
    })
  })
})
