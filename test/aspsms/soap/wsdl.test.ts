/**
 * The WSDL at `/aspsmsx2.asmx?WSDL`: the operations, elements and element order of research
 * §1.2, the four ports and bindings, and addresses that point back at the URL the client used —
 * checked on the document, and by the independent SOAP library node-soap, which builds its
 * client from it and then calls smsim.
 *
 * @see shared/research/aspsms.md — §1.1 "Identity", §1.2 "Operations"
 */
import { XMLParser } from 'fast-xml-parser'
import soap from 'soap'
import { describe, expect, it } from 'vitest'
import { ACCOUNT, MOBILE, sendRaw, useAspsms } from '../helpers.ts'
import { NAMESPACE, RESEARCH_OPERATIONS } from './research-operations.ts'

type Node = Record<string, unknown>
const ARRAYS = new Set([
  's:element',
  's:complexType',
  'wsdl:message',
  'wsdl:part',
  'wsdl:portType',
  'wsdl:operation',
  'wsdl:binding',
  'wsdl:port',
])
const reader = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ARRAYS.has(name),
})
const list = (node: unknown, key: string) => ((node as Node)[key] ?? []) as Node[]
const named = (nodes: Node[], name: string) => nodes.find((n) => n['@name'] === name)!
const sequenceOf = (element: Node) =>
  list((list(element, 's:complexType')[0]!['s:sequence'] ?? {}) as Node, 's:element')

const OPERATIONS = Object.keys(RESEARCH_OPERATIONS)
const AUTH = { UserKey: ACCOUNT.id, Password: ACCOUNT.secret }

describe('the WSDL', () => {
  const smsim = useAspsms()
  const wsdlUrl = () => `${smsim.url}/aspsms/aspsmsx2.asmx?WSDL`
  const definitions = async (url = wsdlUrl()) => {
    const response = await fetch(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/xml; charset=utf-8')
    const doc = reader.parse(await response.text()) as { 'wsdl:definitions': Node }
    return doc['wsdl:definitions']
  }

  it('declares every operation with its request elements in WSDL order, qualified', async () => {
    const defs = await definitions()
    expect(defs['@targetNamespace']).toBe(NAMESPACE)
    const schema = (defs['wsdl:types'] as Node)['s:schema'] as Node
    expect(schema['@elementFormDefault']).toBe('qualified')
    const elements = list(schema, 's:element')
    for (const operation of OPERATIONS) {
      const request = sequenceOf(named(elements, operation))
      expect(
        request.map((e) => e['@name']),
        operation,
      ).toEqual(RESEARCH_OPERATIONS[operation])
      for (const e of request)
        expect(e).toMatchObject({ '@minOccurs': '0', '@maxOccurs': '1', '@type': 's:string' })
      const [result] = sequenceOf(named(elements, `${operation}Response`))
      expect(result).toMatchObject({
        '@name': `${operation}Result`,
        '@type': operation === 'GetVoucherTransactions' ? 'tns:ArrayOfVouchers' : 's:string',
      })
    }
    const vouchers = named(list(schema, 's:complexType'), 'vouchers')
    expect(list(vouchers['s:sequence'], 's:element').map((e) => e['@name'])).toEqual([
      'VoucherCode',
      'Remark',
      'Credits',
      'Created',
      'Redeemed',
    ])
  })

  it('lists the operations in WSDL order, with their documentation and SOAPAction', async () => {
    const defs = await definitions()
    const [soapPort] = list(defs, 'wsdl:portType')
    expect(list(soapPort, 'wsdl:operation').map((o) => o['@name'])).toEqual(OPERATIONS)
    const checkCredits = named(list(soapPort, 'wsdl:operation'), 'CheckCredits')
    expect((checkCredits['wsdl:documentation'] as Node)['#text']).toBe(
      'Check available credits. <br>Returns StatusCode:Number or Credits:Count',
    )
    const bindings = list(defs, 'wsdl:binding')
    expect(bindings.map((b) => b['@name'])).toEqual([
      'ASPSMSX2Soap',
      'ASPSMSX2Soap12',
      'ASPSMSX2HttpGet',
      'ASPSMSX2HttpPost',
    ])
    for (const [binding, prefix] of [
      [bindings[0]!, 'soap'],
      [bindings[1]!, 'soap12'],
    ] as const) {
      for (const operation of list(binding, 'wsdl:operation'))
        expect(operation[`${prefix}:operation`]).toEqual({
          '@soapAction': `${NAMESPACE}/${String(operation['@name'])}`,
          '@style': 'document',
        })
    }
    expect((bindings[2]!['http:binding'] as Node)['@verb']).toBe('GET')
    expect((bindings[3]!['http:binding'] as Node)['@verb']).toBe('POST')
    expect(list(bindings[3], 'wsdl:operation')[4]).toMatchObject({
      '@name': 'CheckCredits',
      'http:operation': { '@location': '/CheckCredits' },
    })
  })

  it('puts the four ports at the URL the client used', async () => {
    const defs = await definitions(`${smsim.url}/aspsms/aspsmsx2.asmx?wsdl`)
    const ports = list(defs['wsdl:service'], 'wsdl:port')
    const location = `${smsim.url}/aspsms/aspsmsx2.asmx`
    expect(
      ports.map((p) => [p['@name'], Object.values(p).find((v) => typeof v === 'object')]),
    ).toEqual([
      ['ASPSMSX2Soap', { '@location': location }],
      ['ASPSMSX2Soap12', { '@location': location }],
      ['ASPSMSX2HttpGet', { '@location': location }],
      ['ASPSMSX2HttpPost', { '@location': location }],
    ])
  })

  it.each([
    ['soap.aspsms.com', '/aspsmsx2.asmx?WSDL', 'http://soap.aspsms.com/aspsmsx2.asmx'],
    ['webservice.aspsms.com', '/ASPSMSX2.asmx?Wsdl', 'http://webservice.aspsms.com/ASPSMSX2.asmx'],
  ])('at the real host %s, addresses that host (%s)', async (host, target, location) => {
    const answer = await sendRaw(smsim.url, {
      method: 'GET',
      target,
      headers: [['Host', host]],
      body: Buffer.alloc(0),
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toContain(`<soap:address location="${location}" />`)
  })

  it('shows a help page listing the operations at the service URL', async () => {
    const response = await fetch(`${smsim.url}/aspsms/aspsmsx2.asmx`)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const page = await response.text()
    for (const operation of OPERATIONS) expect(page).toContain(`<b>${operation}</b>`)
  })

  it('lets node-soap build a client that sends and checks credits against smsim', async () => {
    const client = await soap.createClientAsync(wsdlUrl())
    const [sent] = (await client.SendTextSMSAsync({
      ...AUTH,
      Recipients: `${MOBILE}:ns1`,
      Originator: 'SkiSchool',
      MessageText: 'Lesson moved to 10:00',
    })) as [{ SendTextSMSResult: string }]
    expect(sent.SendTextSMSResult).toBe('StatusCode:1')
    const [balance] = (await client.CheckCreditsAsync(AUTH)) as [{ CheckCreditsResult: string }]
    expect(balance.CheckCreditsResult).toBe('Credits:99')
    expect((await smsim.account()).credits).toBe(99)
    expect((await smsim.messages(MOBILE))[0]!.text).toBe('Lesson moved to 10:00')
  })

  it('lets node-soap call over SOAP 1.2', async () => {
    const client = await soap.createClientAsync(wsdlUrl(), { forceSoap12Headers: true })
    const [balance] = (await client.CheckCreditsAsync(AUTH)) as [{ CheckCreditsResult: string }]
    expect(balance.CheckCreditsResult).toBe('Credits:100')
  })

  it('leaves an injected fault for the call: fetching the WSDL is no operation', async () => {
    await smsim.setFaults({ refuse: { code: 24, times: 1 } })
    const client = await soap.createClientAsync(wsdlUrl())
    const [refused] = (await client.CheckCreditsAsync(AUTH)) as [{ CheckCreditsResult: string }]
    expect(refused.CheckCreditsResult).toBe('StatusCode:24')
    const [balance] = (await client.CheckCreditsAsync(AUTH)) as [{ CheckCreditsResult: string }]
    expect(balance.CheckCreditsResult).toBe('Credits:100')
  })
})
