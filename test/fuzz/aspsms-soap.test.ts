/**
 * ASPSMS SOAP 1.1 and 1.2 (`POST /aspsmsx2.asmx`): envelopes written with every prefix
 * clients use, the operation table's parameters with generated values, SOAPAction and
 * `action=` agreeing or not, then damaged — DOCTYPE and entities, deep nesting, markup in
 * text, truncation, lying encodings, invalid UTF-8 — plus the captured clients' requests
 * (node-soap, zeep, SOAP::Lite, tschiemer) with their bytes damaged.
 *
 * The one 500 allowed is a SOAP Fault, which the interface documents.
 *
 * @see simulators/aspsms/README.md — "SOAP 1.1 and 1.2"
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { soapActionOf, ASMX_NAMESPACE } from '../../simulators/aspsms/operations.ts'
import { asmxFields, asmxOperationArb } from './support/aspsms.ts'
import { aspsmsOutcome, isSoapFault } from './support/answers.ts'
import { utf8Bytes, windows1252Bytes } from './support/encoding.ts'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { httpFixtures } from './support/http-fixtures.ts'
import type { RawHttpRequest } from './support/raw-http.ts'
import { fieldValue, mutateBytes } from './support/values.ts'
import { declaration, textStyle, writeText, xmlDamage } from './support/xml.ts'

const ENVELOPE_NS = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
} as const

type Version = keyof typeof ENVELOPE_NS

/** Where clients post: smsim's prefix, or the real hosts with their paths (IIS ignores case). */
const ROUTES = [
  { target: '/aspsms/aspsmsx2.asmx' },
  { target: '/aspsmsx2.asmx', host: 'soap.aspsms.com' },
  { target: '/ASPSMSX2.asmx', host: 'webservice.aspsms.com' },
  { target: '/aspsms/aspsmsx2.asmx?op=SendTextSMS' },
]

interface SoapCase {
  route: { target: string; host?: string }
  method: string
  headers: [string, string][]
  /** The body as sent, one char per byte. */
  body: string
}

/** An envelope as the clients of the fixtures write it, with generated parameters. */
const envelopeArb = fc
  .record({
    version: fc.constantFrom<Version>('1.1', '1.2'),
    envPrefix: fc.constantFrom('soap', 'SOAP-ENV', 'soap-env', 's', 'env'),
    opPrefix: fc.constantFrom('', 'ns0', 'ns1', 'tns'),
    operation: asmxOperationArb,
    declaration,
    style: textStyle,
    header: fc.constantFrom(
      '',
      '',
      '',
      '',
      '',
      '<Auth xmlns="urn:x">1</Auth>',
      '<x:Auth xmlns:x="urn:x" @:mustUnderstand="1"/>',
      '<x:Auth xmlns:x="urn:x" @:mustUnderstand="0"/>',
    ),
    // Now and then (about one envelope in ten) a parameter holds an element: a Fault.
    nestedField: fc.nat(80),
    charset: fc.constantFrom('utf-8', 'utf-8', 'iso-8859-1'),
    action: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('same', 'quoted', 'none') },
      { weight: 1, arbitrary: fc.constantFrom('other', 'garbage') },
    ),
  })
  .chain((e) => asmxFields(e.operation).map((fields) => ({ ...e, fields })))
  .map((e) => {
    const ns = ENVELOPE_NS[e.version]
    const p = e.opPrefix ? `${e.opPrefix}:` : ''
    const opNs = e.opPrefix
      ? `xmlns:${e.opPrefix}="${ASMX_NAMESPACE}"`
      : `xmlns="${ASMX_NAMESPACE}"`
    const params = e.fields
      .map(([name, value], i) =>
        i === e.nestedField
          ? `<${p}${name}><${p}b>${writeText(value, e.style)}</${p}b></${p}${name}>`
          : `<${p}${name}>${writeText(value, e.style)}</${p}${name}>`,
      )
      .join('')
    const header = e.header
      ? `<${e.envPrefix}:Header>${e.header.replace('@', e.envPrefix)}</${e.envPrefix}:Header>`
      : ''
    const doc =
      `${e.declaration}<${e.envPrefix}:Envelope xmlns:${e.envPrefix}="${ns}">${header}` +
      `<${e.envPrefix}:Body><${p}${e.operation.name} ${opNs}>${params}</${p}${e.operation.name}>` +
      `</${e.envPrefix}:Body></${e.envPrefix}:Envelope>`
    const action = {
      same: soapActionOf(e.operation.name),
      quoted: `"${soapActionOf(e.operation.name)}"`,
      none: '',
      other: soapActionOf('CheckCredits'),
      garbage: 'urn:nothing',
    }[e.action]
    const type =
      e.version === '1.1'
        ? `text/xml; charset=${e.charset}`
        : `application/soap+xml; charset=${e.charset}${action ? `; action="${action.replace(/"/g, '')}"` : ''}`
    const headers: [string, string][] = [['Content-Type', type]]
    if (e.version === '1.1' && action) headers.push(['SOAPAction', action])
    return { doc, charset: e.charset, headers }
  })

/** Bytes of the envelope, maybe damaged at the markup level, then at the byte level. */
const generatedCase: fc.Arbitrary<SoapCase> = fc
  .tuple(envelopeArb, fc.constantFrom(...ROUTES), fc.nat(11))
  .chain(([e, route, damage]) => {
    const docs = damage < 2 ? xmlDamage(e.doc) : fc.constant(e.doc)
    return docs.chain((doc) => {
      const bytes = e.charset === 'utf-8' ? utf8Bytes(doc) : windows1252Bytes(doc)
      const damaged = damage === 2 ? mutateBytes(bytes) : fc.constant(bytes)
      return damaged.map((b) => ({
        route,
        method: 'POST',
        headers: e.headers,
        body: b.toString('latin1'),
      }))
    })
  })

/** The captured clients' envelopes, credentials kept (the fuzz accounts have them). */
const fixtureCase: fc.Arbitrary<SoapCase> = fc
  .constantFrom(...httpFixtures('aspsms', 'asmx-soap'))
  .chain((fixture: RawHttpRequest) =>
    fc.tuple(mutateBytes(fixture.body), fc.constantFrom(...ROUTES)).map(([body, route]) => ({
      route,
      method: fixture.method,
      headers: fixture.headers,
      body: body.toString('latin1'),
    })),
  )

/** Odd requests to the service URL: other verbs, the WSDL, a header in place of the body. */
const oddCase: fc.Arbitrary<SoapCase> = fc.record({
  route: fc.constantFrom(
    ...ROUTES,
    { target: '/aspsms/aspsmsx2.asmx?WSDL' },
    { target: '/aspsms/aspsmsx2.asmx?wsdl&x' },
  ),
  method: fc.constantFrom('GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'POST'),
  headers: fc.array(
    fc.tuple(
      fc.constantFrom('Content-Type', 'SOAPAction', 'Content-Encoding', 'X-Fuzz'),
      fieldValue.map((v) => v.replace(/[\r\n\0]/g, ' ').slice(0, 2_000)),
    ),
    { maxLength: 3 },
  ),
  body: fc.oneof(
    fc.constant(''),
    fieldValue.map((v) => utf8Bytes(v).toString('latin1')),
  ),
})

const soapParser: FuzzParser<SoapCase> = {
  name: 'aspsms-soap',
  providers: ['aspsms'],
  arbitrary: fc.oneof(
    { weight: 7, arbitrary: generatedCase },
    { weight: 2, arbitrary: fixtureCase },
    { weight: 1, arbitrary: oddCase },
  ),
  async send(smsim, batch) {
    const port = Number(new URL(smsim.url).port)
    const outcomes = []
    for (const c of batch) {
      outcomes.push(
        await aspsmsOutcome(
          port,
          { ...c, target: c.route.target, host: c.route.host },
          `${c.route.target} [${c.headers.map((h) => h.join(': ')).join(' | ')}] ${c.body.slice(0, 300)}`,
          // A HEAD answer has no body to tell a Fault by.
          (b) => c.method === 'HEAD' || isSoapFault(b),
        ),
      )
    }
    return outcomes
  },
}

describe('fuzzing ASPSMS SOAP', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'SOAP 1.1 and 1.2 envelopes, well-formed or hostile: a result or a Fault, SMS only when accepted, smsim responsive',
    smsim,
    soapParser,
  )
})
