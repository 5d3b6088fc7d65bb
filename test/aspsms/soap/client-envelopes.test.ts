/**
 * The SOAP requests real clients send (fixtures of simulators/aspsms/fixtures/, replayed byte for
 * byte): node-soap, zeep, SOAP::Lite as aspsms-t drives it, and tschiemer's PHP SoapClient. Each
 * names the namespaces with its own prefixes, quotes SOAPAction or not, and SOAP 1.2 clients put
 * the action in Content-Type. The simulator must read them all by namespace.
 *
 * @see shared/research/aspsms-clients.md — "SOAP (`POST /aspsmsx2.asmx`)"
 */
import { describe, expect, it } from 'vitest'
import { ACCOUNT, MOBILE, replay, sendRaw, useAspsms } from '../helpers.ts'
import { envelope } from './asmx-interfaces.ts'
import { NAMESPACE } from './research-operations.ts'

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope'

describe('SOAP requests of real clients', () => {
  const smsim = useAspsms()

  it('answers node-soap in an ASMX SOAP 1.1 envelope', async () => {
    const answer = await replay(smsim, 'asmx-soap11-node-soap-SendTextSMS.http')
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(answer.body).toMatchInlineSnapshot(
      `"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><SendTextSMSResponse xmlns="https://webservice.aspsms.com/aspsmsx2.asmx"><SendTextSMSResult>StatusCode:1</SendTextSMSResult></SendTextSMSResponse></soap:Body></soap:Envelope>"`,
    )
    expect((await smsim.messages(MOBILE))[0]).toMatchObject({ text: 'Grüezi & <Test>' })
  })

  it("reads tschiemer's SOAP-ENV/ns1 envelope with all 12 elements, the empty ones included", async () => {
    const answer = await replay(smsim, 'asmx-soap11-tschiemer-SendUnicodeSMS.http')
    expect(answer.body).toContain('<SendUnicodeSMSResult>StatusCode:1</SendUnicodeSMSResult>')
    expect((await smsim.messages(MOBILE))[0]).toMatchObject({
      from: 'FidTest',
      text: 'Grüezi & <Test> +41 €',
      encoding: 'ucs2',
    })
  })

  it("reads zeep's single-quoted prolog and its soap-env/ns0 prefixes", async () => {
    const answer = await replay(smsim, 'asmx-soap11-zeep-SendTextSMS.http')
    expect(answer.body).toContain('<SendTextSMSResult>StatusCode:1</SendTextSMSResult>')
    expect((await smsim.messages(MOBILE))[0]!.text).toBe('Hello from zeep')
  })

  it.each([
    ['zeep, with both SOAPAction and action=', 'asmx-soap12-zeep-CheckCredits.http'],
    ['node-soap, with action= only', 'asmx-soap12-node-soap-CheckCredits.http'],
  ])('answers SOAP 1.2 in a SOAP 1.2 envelope: %s', async (_client, name) => {
    const answer = await replay(smsim, name)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/soap+xml; charset=utf-8')
    expect(answer.body).toContain(`<soap:Envelope xmlns:soap="${SOAP12}"`)
    expect(answer.body).toContain('<CheckCreditsResult>Credits:100</CheckCreditsResult>')
  })

  it('takes the unquoted SOAPAction of SOAP::Lite (aspsms-t)', async () => {
    const answer = await replay(smsim, 'asmx-soap11-soaplite-CheckCredits.http')
    expect(answer.body).toContain('<CheckCreditsResult>Credits:100</CheckCreditsResult>')
  })

  it('journals the SOAP version, the operation and the account', async () => {
    await replay(smsim, 'asmx-soap12-zeep-CheckCredits.http')
    const [entry] = await smsim.journal()
    expect(entry).toMatchObject({
      transport: 'soap',
      account: ACCOUNT.id,
      code: 1,
      status: 200,
      request: { soap: '1.2', operation: 'CheckCredits' },
    })
  })
})

describe('reading envelopes by namespace', () => {
  const smsim = useAspsms()
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    sendRaw(smsim.url, {
      method: 'POST',
      target: '/aspsms/aspsmsx2.asmx',
      headers: Object.entries({ 'Content-Type': 'text/xml; charset=utf-8', ...headers }),
      body: Buffer.from(body),
    })
  const params = `<UserKey>${ACCOUNT.id}</UserKey><Password>${ACCOUNT.secret}</Password>`

  it.each([
    [
      'a default namespace',
      `<e:Envelope xmlns:e="${SOAP11}"><e:Body><CheckCredits xmlns="${NAMESPACE}">${params}</CheckCredits></e:Body></e:Envelope>`,
    ],
    [
      'a prefix on every element',
      `<S:Envelope xmlns:S="${SOAP11}" xmlns:a="${NAMESPACE}"><S:Body><a:CheckCredits><a:UserKey>${ACCOUNT.id}</a:UserKey><a:Password>${ACCOUNT.secret}</a:Password></a:CheckCredits></S:Body></S:Envelope>`,
    ],
    [
      'the envelope as default namespace and a prefixed operation',
      `<Envelope xmlns="${SOAP11}"><Header/><Body><x:CheckCredits xmlns:x="${NAMESPACE}"><x:UserKey>${ACCOUNT.id}</x:UserKey><x:Password>${ACCOUNT.secret}</x:Password></x:CheckCredits></Body></Envelope>`,
    ],
    [
      'a prefix redeclared inside the body',
      `<soap:Envelope xmlns:soap="${SOAP11}" xmlns:p="urn:other"><soap:Body><p:CheckCredits xmlns:p="${NAMESPACE}"><p:UserKey>${ACCOUNT.id}</p:UserKey><p:Password>${ACCOUNT.secret}</p:Password></p:CheckCredits></soap:Body></soap:Envelope>`,
    ],
  ])('answers the same whatever the prefixes: %s', async (_how, body) => {
    const answer = await post(body, { SOAPAction: `${NAMESPACE}/CheckCredits` })
    expect(answer.status).toBe(200)
    expect(answer.body).toContain('<CheckCreditsResult>Credits:100</CheckCreditsResult>')
  })

  it('skips parameters outside the service namespace, as XmlSerializer does, and journals them', async () => {
    const body = `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><a:CheckCredits xmlns:a="${NAMESPACE}"><UserKey>${ACCOUNT.id}</UserKey><a:Password>${ACCOUNT.secret}</a:Password><a:Colour>blue</a:Colour></a:CheckCredits></soap:Body></soap:Envelope>`
    const answer = await post(body)
    expect(answer.body).toContain('<CheckCreditsResult>StatusCode:8</CheckCreditsResult>')
    expect((await smsim.journal())[0]!.request).toMatchObject({ ignored: ['{}UserKey', 'Colour'] })
  })

  it('reads a missing element as empty: no originator gives the default one', async () => {
    const fields = {
      UserKey: ACCOUNT.id,
      Password: ACCOUNT.secret,
      Recipients: MOBILE,
      MessageText: 'Hi',
    }
    const answer = await post(envelope('1.1', 'SendTextSMS', fields))
    expect(answer.body).toContain('StatusCode:1')
    expect((await smsim.messages(MOBILE))[0]!.from).toBe('aspsms.com')
  })

  it('decodes an envelope by the encoding of its XML declaration, and skips a UTF-8 BOM', async () => {
    const fields = {
      UserKey: ACCOUNT.id,
      Password: ACCOUNT.secret,
      Recipients: MOBILE,
      MessageText: 'Grüezi',
    }
    const latin1 = envelope('1.1', 'SendTextSMS', fields).replace('utf-8', 'ISO-8859-1')
    await post(Buffer.from(latin1, 'latin1'), { 'Content-Type': 'text/xml' })
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(envelope('1.1', 'SendTextSMS', fields)),
    ])
    await post(bom)
    expect((await smsim.messages(MOBILE)).map((s) => s.text)).toEqual(['Grüezi', 'Grüezi'])
  })

  it('decodes character references and keeps CDATA as it is', async () => {
    const body = envelope('1.1', 'SendTextSMS', {
      UserKey: ACCOUNT.id,
      Password: ACCOUNT.secret,
      Recipients: MOBILE,
      MessageText: '@',
    }).replace(
      '<MessageText>@</MessageText>',
      '<MessageText>Gr&#252;ezi &#x20AC; &amp; <![CDATA[<b>&amp;</b>]]></MessageText>',
    )
    await post(body)
    expect((await smsim.messages(MOBILE))[0]!.text).toBe('Grüezi € & <b>&amp;</b>')
  })

  it('answers SOAP 1.2 envelopes in SOAP 1.2 even when sent as text/xml', async () => {
    const answer = await post(
      envelope('1.2', 'CheckCredits', { UserKey: ACCOUNT.id, Password: ACCOUNT.secret }),
    )
    expect(answer.headers['content-type']).toBe('application/soap+xml; charset=utf-8')
    expect(answer.body).toContain(`xmlns:soap="${SOAP12}"`)
  })

  it('answers on the real host names at the real path', async () => {
    for (const host of ['soap.aspsms.com', 'webservice.aspsms.com']) {
      const answer = await sendRaw(smsim.url, {
        method: 'POST',
        target: '/aspsmsx2.asmx',
        headers: [
          ['Host', host],
          ['Content-Type', 'text/xml; charset=utf-8'],
          ['SOAPAction', `"${NAMESPACE}/CheckCredits"`],
        ],
        body: Buffer.from(
          envelope('1.1', 'CheckCredits', { UserKey: ACCOUNT.id, Password: ACCOUNT.secret }),
        ),
      })
      expect(answer.body).toContain('Credits:100')
    }
  })
})
