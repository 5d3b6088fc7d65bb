/**
 * The four ways to call an operation of the ASMX service — SOAP 1.1, SOAP 1.2, the HTTP GET and
 * the HTTP POST bindings — behind one `call(operation, fields)`, so that the operation suite
 * (operations-suite.ts) runs unchanged over each of them (STYLE.md §21). The requests are
 * written here by hand, as a client following the WSDL would write them; the answers are read
 * with fast-xml-parser, not with the simulator's own reader.
 */
import { XMLParser } from 'fast-xml-parser'
import { NAMESPACE, RESEARCH_OPERATIONS } from './research-operations.ts'

export const INTERFACES = ['SOAP 1.1', 'SOAP 1.2', 'HTTP GET', 'HTTP POST'] as const
export type AsmxInterface = (typeof INTERFACES)[number]

export interface AsmxAnswer {
  status: number
  contentType: string | null
  body: string
  /** The result string (`<XxxResult>` or `<string>`), when the answer carries one. */
  result?: string
  /** The rows of an ArrayOfVouchers result. */
  vouchers?: Record<string, string>[]
  /** A Fault's faultstring / Reason, or the plain-text body of an HTTP binding's 500. */
  fault?: string
}

const reader = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'vouchers',
})

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A document/literal envelope as the WSDL describes it, with the fields given. */
export function envelope(
  version: '1.1' | '1.2',
  operation: string,
  fields: Record<string, string>,
): string {
  const ns =
    version === '1.1'
      ? 'http://schemas.xmlsoap.org/soap/envelope/'
      : 'http://www.w3.org/2003/05/soap-envelope'
  const params = Object.entries(fields)
    .map(([name, value]) => `<${name}>${escape(value)}</${name}>`)
    .join('')
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${ns}"><soap:Body><${operation} xmlns="${NAMESPACE}">${params}</${operation}></soap:Body></soap:Envelope>`
}

function readSoap(operation: string, answer: AsmxAnswer): AsmxAnswer {
  const doc = reader.parse(answer.body) as { Envelope?: { Body?: Record<string, unknown> } }
  const body = doc.Envelope?.Body ?? {}
  const fault = body.Fault as { faultstring?: string; Reason?: { Text?: string } } | undefined
  if (fault) return { ...answer, fault: fault.faultstring ?? fault.Reason?.Text ?? '' }
  const response = body[`${operation}Response`] as Record<string, unknown> | undefined
  const result = response?.[`${operation}Result`]
  // The one ArrayOfVouchers result: `<GetVoucherTransactionsResult />` is an empty list.
  if (operation === 'GetVoucherTransactions') {
    const list = (result || {}) as { vouchers?: Record<string, string>[] }
    return { ...answer, vouchers: list.vouchers ?? [] }
  }
  return { ...answer, result: result === undefined ? undefined : String(result) }
}

function readHttp(answer: AsmxAnswer): AsmxAnswer {
  if (answer.status !== 200) return { ...answer, fault: answer.body }
  const doc = reader.parse(answer.body) as {
    string?: unknown
    ArrayOfVouchers?: { vouchers?: Record<string, string>[] } | ''
  }
  if ('ArrayOfVouchers' in doc)
    return { ...answer, vouchers: (doc.ArrayOfVouchers || {}).vouchers ?? [] }
  return { ...answer, result: String(doc.string ?? '') }
}

/**
 * A caller for one interface. The HTTP bindings get every parameter of the operation (an
 * absent one as empty), as ASMX requires; SOAP gets only the fields given.
 *
 * @example
 * const call = asmxCaller('SOAP 1.2', () => `${smsim.url}/aspsms/aspsmsx2.asmx`)
 * const { result } = await call('CheckCredits', { UserKey: 'I3QHMYKEY6E', Password: 'mypassword' })
 */
export function asmxCaller(
  kind: AsmxInterface,
  serviceUrl: () => string,
): (operation: string, fields?: Record<string, string>) => Promise<AsmxAnswer> {
  return async (operation, fields = {}) => {
    const action = `${NAMESPACE}/${operation}`
    let response: Response
    if (kind === 'SOAP 1.1' || kind === 'SOAP 1.2') {
      const soap12 = kind === 'SOAP 1.2'
      response = await fetch(serviceUrl(), {
        method: 'POST',
        headers: soap12
          ? { 'content-type': `application/soap+xml; charset=utf-8; action="${action}"` }
          : { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"` },
        body: envelope(soap12 ? '1.2' : '1.1', operation, fields),
      })
    } else {
      const params = new URLSearchParams(
        (RESEARCH_OPERATIONS[operation] ?? Object.keys(fields)).map((name): [string, string] => [
          name,
          fields[name] ?? '',
        ]),
      ).toString()
      response =
        kind === 'HTTP GET'
          ? await fetch(`${serviceUrl()}/${operation}?${params}`)
          : await fetch(`${serviceUrl()}/${operation}`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: params,
            })
    }
    const answer: AsmxAnswer = {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.text(),
    }
    return kind.startsWith('SOAP') ? readSoap(operation, answer) : readHttp(answer)
  }
}
