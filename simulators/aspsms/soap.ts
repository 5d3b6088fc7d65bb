/**
 * ASPSMS's SOAP wire format, read and written here only: the request envelope (SOAP 1.1 and
 * 1.2, document/literal, read by namespace), the response envelope and the SOAP Fault.
 *
 * Clients name the same namespaces with every prefix there is (`soap`, `soap-env`, `SOAP-ENV`,
 * `ns0`, `ns1`, a default namespace), so names are resolved to `{namespace}local` before
 * anything is compared: a prefix never matters. fast-xml-parser tokenizes; the namespace
 * scopes, the character references and the checks are ours, because it resolves neither
 * namespaces nor numeric references, and because no DOCTYPE may reach an entity expander.
 *
 * @see shared/research/aspsms.md — §1.1, §1.4 "SOAP envelopes"
 * @see shared/research/aspsms-clients.md — "SOAP (`POST /aspsmsx2.asmx`)"
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { charsetOf, decodeText } from '../core/charset.ts'
import type { SimRequest, SimResponse } from '../core/provider.ts'
import {
  ASMX_NAMESPACE,
  asmxOperation,
  ASMX_OPERATIONS,
  escapeXml,
  soapActionOf,
  type AsmxOperationSpec,
} from './operations.ts'

export const SOAP11_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/'
export const SOAP12_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope'
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace'

export type SoapVersion = '1.1' | '1.2'

/**
 * Deepest element nesting read. An ASMX request is 4 deep (Envelope, Body, operation,
 * parameter); anything far deeper is an attack on the parser's stack, not a request.
 */
export const MAX_XML_DEPTH = 32

/** SOAP 1.1 fault codes; SOAP 1.2 writes Client as Sender and Server as Receiver. */
export type SoapFaultCode = 'Client' | 'Server' | 'VersionMismatch' | 'MustUnderstand'

export interface SoapFault {
  code: SoapFaultCode
  /** The faultstring: says what was wrong, never how our code failed. */
  reason: string
}

/** A SOAP call read from a request. */
export interface SoapCall {
  version: SoapVersion
  operation: AsmxOperationSpec
  /** The operation's parameter elements that were sent; an absent one reads as empty. */
  fields: Record<string, string>
  /** Child elements that are no parameter of the operation, skipped as XmlSerializer does. */
  ignored: string[]
}

export type SoapRead =
  { ok: true; call: SoapCall } | { ok: false; version: SoapVersion; fault: SoapFault }

/**
 * The version a request's Content-Type announces (`application/soap+xml` is SOAP 1.2).
 *
 * @example
 * soapVersionOf('application/soap+xml; charset=utf-8') // '1.2'
 */
export function soapVersionOf(contentType: string | undefined): SoapVersion {
  return /^\s*application\/soap\+xml/i.test(contentType ?? '') ? '1.2' : '1.1'
}

/**
 * The actions a request names: the SOAPAction header (SOAP 1.1, quoted or not) and the
 * `action` parameter of Content-Type (SOAP 1.2); zeep sends both, node-soap 1.2 only the
 * second. Empty values (`SOAPAction: ""`) name nothing.
 *
 * @example
 * soapActions({ soapaction: '"https://webservice.aspsms.com/aspsmsx2.asmx/CheckCredits"' })
 * // [{ action: 'https://webservice.aspsms.com/aspsmsx2.asmx/CheckCredits', from: 'HTTP Header SOAPAction' }]
 */
export function soapActions(headers: SimRequest['headers']): { action: string; from: string }[] {
  const found: { action: string; from: string }[] = []
  const header = unquote(headers['soapaction'] ?? '')
  if (header) found.push({ action: header, from: 'HTTP Header SOAPAction' })
  const param = /(?:^|;)\s*action\s*=\s*("[^"]*"|[^;\s]*)/i.exec(headers['content-type'] ?? '')
  const fromType = unquote(param?.[1] ?? '')
  if (fromType) found.push({ action: fromType, from: 'action parameter of Content-Type' })
  return found
}

const unquote = (value: string) =>
  value
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()

/**
 * Reads a SOAP request to the service: decodes the bytes, refuses a DOCTYPE, checks the XML,
 * resolves namespaces, finds the operation (the Body's first child) and checks that the
 * actions given agree with it. Every problem is a Fault value, never an exception.
 *
 * Our choices (no source tells): an action that names another operation than the Body is a
 * client bug and gets a Fault rather than a guess; the Envelope's namespace, not the
 * Content-Type, decides the SOAP version of the answer; parameters outside the service's
 * namespace are skipped, as .NET's XmlSerializer skips unknown elements, and so read as empty.
 *
 * @example
 * const read = readSoapRequest(request)
 * if (read.ok) read.call.operation.name // 'SendTextSMS'
 */
export function readSoapRequest(request: Pick<SimRequest, 'body' | 'headers'>): SoapRead {
  const contentType = request.headers['content-type']
  let version = soapVersionOf(contentType)
  const fault = (reason: string, code: SoapFaultCode = 'Client'): SoapRead => ({
    ok: false,
    version,
    fault: { code, reason },
  })
  const unreadable = (why: string) => fault(`Server was unable to read request. ---> ${why}`)

  const text = decodeXmlBytes(request.body, contentType)
  if (text.trim() === '')
    return unreadable('The request body is empty: a SOAP envelope was expected.')
  // Refused before any parser sees it: no internal subset, no entity, no external reference.
  if (/<!DOCTYPE/i.test(text))
    return unreadable('For security reasons DTD is prohibited in this XML document.')
  const parsed = parseXml(text)
  if (!parsed.ok) return unreadable(parsed.reason)

  const envelope = parsed.root
  if (envelope.local !== 'Envelope')
    return unreadable(`The root element is <${envelope.name}>, not a SOAP Envelope.`)
  if (envelope.ns === SOAP11_NAMESPACE) version = '1.1'
  else if (envelope.ns === SOAP12_NAMESPACE) version = '1.2'
  else
    return fault(
      `The Envelope's namespace "${envelope.ns}" is neither SOAP 1.1 (${SOAP11_NAMESPACE}) nor SOAP 1.2 (${SOAP12_NAMESPACE}).`,
      'VersionMismatch',
    )
  const envelopeNs = envelope.ns
  const parts = elementsOf(envelope).filter((e) => e.ns === envelopeNs)
  for (const header of elementsOf(parts.find((e) => e.local === 'Header'))) {
    const must = header.attributes.find((a) => a.ns === envelopeNs && a.local === 'mustUnderstand')
    if (must && /^(1|true)$/.test(must.value.trim()))
      return fault(`SOAP header ${header.local} was not understood.`, 'MustUnderstand')
  }
  const body = parts.find((e) => e.local === 'Body')
  if (!body) return unreadable('The Envelope has no Body.')
  const element = elementsOf(body)[0]
  if (!element) return unreadable('The Body holds no operation element.')

  const operation = element.ns === ASMX_NAMESPACE ? asmxOperation(element.local) : undefined
  if (!operation) {
    return fault(
      element.ns === ASMX_NAMESPACE
        ? `Server did not recognize the request element ${element.local}: no such operation (see ?WSDL).`
        : `Server did not recognize the request element ${element.local} in namespace "${element.ns}": the operations are in namespace "${ASMX_NAMESPACE}".`,
    )
  }
  for (const { action, from } of soapActions(request.headers)) {
    if (action === soapActionOf(operation.name)) continue
    const named = ASMX_OPERATIONS.find((o) => soapActionOf(o.name) === action)
    return fault(
      named
        ? `The ${from} names ${named.name} (${action}) but the Body holds ${operation.name}: they must agree.`
        : `Server did not recognize the value of ${from}: ${action}.`,
    )
  }

  const fields: Record<string, string> = {}
  const ignored: string[] = []
  for (const child of elementsOf(element)) {
    if (child.ns !== ASMX_NAMESPACE || !operation.elements.includes(child.local)) {
      ignored.push(child.ns === ASMX_NAMESPACE ? child.local : `{${child.ns}}${child.local}`)
      continue
    }
    if (child.children.some((c) => typeof c !== 'string'))
      return unreadable(`<${child.local}> must hold text, not elements.`)
    fields[child.local] = child.children.join('')
  }
  return { ok: true, call: { version, operation, fields, ignored } }
}

const ENVELOPE_NAMESPACE: Record<SoapVersion, string> = {
  '1.1': SOAP11_NAMESPACE,
  '1.2': SOAP12_NAMESPACE,
}

/** An ASMX envelope: one line, `soap` prefix whatever the version, xsi and xsd declared. */
function envelope(version: SoapVersion, body: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soap:Envelope xmlns:soap="${ENVELOPE_NAMESPACE[version]}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">` +
    `<soap:Body>${body}</soap:Body></soap:Envelope>`
  )
}

function soapHttp(version: SoapVersion, status: number, body: string): SimResponse {
  const type = version === '1.2' ? 'application/soap+xml' : 'text/xml'
  return { status, headers: { 'content-type': `${type}; charset=utf-8` }, body }
}

/**
 * The answer to an operation: `<XxxResponse xmlns="…"><XxxResult>…</XxxResult></XxxResponse>`.
 * `resultXml` is the result's content, already XML (escaped text, or `<vouchers>` elements);
 * empty, it is written `<XxxResult />` as XmlSerializer writes an empty string.
 *
 * @example
 * renderSoapResponse('1.1', 'CheckCredits', 'Credits:12.5').body
 * // '<?xml …?><soap:Envelope …><soap:Body><CheckCreditsResponse xmlns="https://webservice.aspsms.com/aspsmsx2.asmx"><CheckCreditsResult>Credits:12.5</CheckCreditsResult>…'
 */
export function renderSoapResponse(
  version: SoapVersion,
  operation: string,
  resultXml: string,
): SimResponse {
  const result =
    resultXml === ''
      ? `<${operation}Result />`
      : `<${operation}Result>${resultXml}</${operation}Result>`
  return soapHttp(
    version,
    200,
    envelope(
      version,
      `<${operation}Response xmlns="${ASMX_NAMESPACE}">${result}</${operation}Response>`,
    ),
  )
}

/**
 * A SOAP Fault, with HTTP 500 as ASMX answers every fault. SOAP 1.1 writes
 * `<faultcode>soap:Client</faultcode>`; SOAP 1.2 `<soap:Value>soap:Sender</soap:Value>` (with
 * `soap` bound to the 1.2 namespace, i.e. env:Sender).
 *
 * @example
 * renderSoapFault('1.1', { code: 'Client', reason: 'Server was unable to read request. …' })
 */
export function renderSoapFault(version: SoapVersion, fault: SoapFault): SimResponse {
  const reason = escapeXml(fault.reason)
  if (version === '1.1') {
    return soapHttp(
      version,
      500,
      envelope(
        version,
        `<soap:Fault><faultcode>soap:${fault.code}</faultcode><faultstring>${reason}</faultstring><detail /></soap:Fault>`,
      ),
    )
  }
  const code =
    fault.code === 'Client' ? 'Sender' : fault.code === 'Server' ? 'Receiver' : fault.code
  return soapHttp(
    version,
    500,
    envelope(
      version,
      `<soap:Fault><soap:Code><soap:Value>soap:${code}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="en">${reason}</soap:Text></soap:Reason><soap:Detail /></soap:Fault>`,
    ),
  )
}

/**
 * The text of an XML body: a byte-order mark decides, else the Content-Type's charset, else
 * the XML declaration's encoding, else UTF-8 with the windows-1252 fallback of core/charset.
 */
function decodeXmlBytes(body: Uint8Array, contentType: string | undefined): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)
    return decodeText(body.subarray(3), 'utf-8')
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body)
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body)
  let charset = charsetOf(contentType)
  if (charset === 'auto') {
    const head = Buffer.from(body.subarray(0, 200)).toString('latin1')
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1]
    if (declared) charset = charsetOf(`charset=${declared}`)
  }
  return decodeText(body, charset)
}

/** An element with its names resolved: `ns` is the namespace URI, `''` for none. */
export interface XmlElement {
  ns: string
  local: string
  /** The name as written, prefix included, for messages. */
  name: string
  attributes: { ns: string; local: string; value: string }[]
  /** Text (references decoded, CDATA as is) and child elements, in document order. */
  children: (XmlElement | string)[]
}

/** The element children of an element (none for `undefined`). */
function elementsOf(element: XmlElement | undefined): XmlElement[] {
  return (element?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string')
}

/** fast-xml-parser's `preserveOrder` nodes: `{ tag: children, ':@': attributes }` or text. */
type FxpNode = Record<string, unknown>

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // References are decoded by us, strictly: the five predefined entities and numeric ones.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
})

/**
 * Reading stops at the first malformation: thrown inside {@link parseXml} only, and turned
 * into its `{ ok: false }` value there.
 */
class MalformedXml extends Error {}

/**
 * Parses a document into namespace-resolved elements.
 *
 * @example
 * parseXml('<a:b xmlns:a="urn:x">1 &amp; 2</a:b>') // { ok: true, root: { ns: 'urn:x', local: 'b', children: ['1 & 2'], … } }
 */
export function parseXml(
  text: string,
): { ok: true; root: XmlElement } | { ok: false; reason: string } {
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    const { msg, line, col } = valid.err
    return {
      ok: false,
      reason: `The body is not well-formed XML: ${msg} (line ${line}, column ${col ?? '?'}).`,
    }
  }
  try {
    const top = (PARSER.parse(text) as FxpNode[]).filter((node) => !('#text' in node))
    if (top.length !== 1 || '#cdata' in top[0]!)
      throw new MalformedXml('The document must have exactly one root element.')
    const scope = new Map([['xml', XML_NAMESPACE]])
    return { ok: true, root: toElement(top[0]!, scope, 1) }
  } catch (error) {
    // The parser's own refusals (too deep a nesting) are malformations of the input too.
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: `The body is not well-formed XML: ${reason}` }
  }
}

function toElement(node: FxpNode, outer: Map<string, string>, depth: number): XmlElement {
  if (depth > MAX_XML_DEPTH)
    throw new MalformedXml(`Elements are nested deeper than ${MAX_XML_DEPTH} levels.`)
  const name = Object.keys(node).find((key) => key !== ':@')!
  const raw = Object.entries((node[':@'] ?? {}) as Record<string, string>)
  let scope = outer
  for (const [attribute, value] of raw) {
    if (attribute !== 'xmlns' && !attribute.startsWith('xmlns:')) continue
    if (scope === outer) scope = new Map(outer)
    scope.set(attribute === 'xmlns' ? '' : attribute.slice(6), decodeReferences(value))
  }
  const attributes = raw
    .filter(([attribute]) => attribute !== 'xmlns' && !attribute.startsWith('xmlns:'))
    .map(([attribute, value]) => ({
      ...resolve(attribute, scope, false),
      value: decodeReferences(value),
    }))
  const children = (node[name] as FxpNode[]).map((child): XmlElement | string => {
    if ('#text' in child) return decodeReferences(String(child['#text']))
    if ('#cdata' in child)
      return (child['#cdata'] as FxpNode[]).map((c) => String(c['#text'] ?? '')).join('')
    return toElement(child, scope, depth + 1)
  })
  return { ...resolve(name, scope, true), name, attributes, children }
}

/** `prefix:local` to its namespace; an unprefixed attribute is in no namespace. */
function resolve(
  qualified: string,
  scope: Map<string, string>,
  element: boolean,
): { ns: string; local: string } {
  const colon = qualified.indexOf(':')
  if (colon < 0) return { ns: element ? (scope.get('') ?? '') : '', local: qualified }
  const prefix = qualified.slice(0, colon)
  const ns = scope.get(prefix)
  if (ns === undefined) throw new MalformedXml(`'${prefix}' is an undeclared prefix.`)
  return { ns, local: qualified.slice(colon + 1) }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Decodes `&amp;`-style and numeric references; anything else after `&` is malformed. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&([^;&\s<]*)(;?)/g, (match, name: string, semicolon: string) => {
    if (!semicolon) throw new MalformedXml(`"&" must start a reference, as in &amp; (${match}).`)
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(name)
    if (numeric) {
      const code = numeric[1] ? parseInt(numeric[1], 16) : Number(numeric[2])
      if (!isXmlChar(code)) throw new MalformedXml(`&${name}; is not a legal XML character.`)
      return String.fromCodePoint(code)
    }
    const value = PREDEFINED[name]
    if (value === undefined) throw new MalformedXml(`Reference to undeclared entity '${name}'.`)
    return value
  })
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
}
