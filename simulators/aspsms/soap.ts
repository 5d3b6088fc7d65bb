/**
 * ASPSMS's SOAP wire format, read and written here only: the request envelope (SOAP 1.1 and
 * 1.2, document/literal, read by namespace), the response envelope and the SOAP Fault.
 *
 * Clients name the same namespaces with every prefix there is (`soap`, `soap-env`, `SOAP-ENV`,
 * `ns0`, `ns1`, a default namespace), so the envelope is read with its names resolved to
 * `{namespace}local` (soap-xml.ts) before anything is compared: a prefix never matters.
 *
 * @see shared/research/aspsms.md — §1.1, §1.4 "SOAP envelopes"
 * @see shared/research/aspsms-clients.md — "SOAP (`POST /aspsmsx2.asmx`)"
 */
import type { SimRequest, SimResponse } from '../core/provider.ts'
import { escapeXml } from '../core/xml.ts'
import {
  ASMX_NAMESPACE,
  asmxOperation,
  ASMX_OPERATIONS,
  soapActionOf,
  type AsmxOperationSpec,
} from './operations.ts'
import { decodeXmlBytes, elementsOf, parseXml } from './soap-xml.ts'

export const SOAP11_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/'
export const SOAP12_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope'

export type SoapVersion = '1.1' | '1.2'

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
