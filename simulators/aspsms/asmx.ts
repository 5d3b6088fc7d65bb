/**
 * ASPSMS's ASMX web service at `soap.aspsms.com` and `webservice.aspsms.com` (and under
 * smsim's `/aspsms` prefix): one endpoint that tells apart
 *
 * - `POST /aspsmsx2.asmx`: SOAP 1.1 or 1.2 (soap.ts reads and writes the envelopes);
 * - `GET /aspsmsx2.asmx?WSDL` (any case): the WSDL, and without a query ASMX's help page;
 * - `GET|POST /aspsmsx2.asmx/<Operation>`: the HTTP GET and POST bindings;
 * - `GET|POST /aspsmsx.asmx/SimpleTextSMS`: the legacy v1 service.
 *
 * All of them build the same AspsmsRequest and take the one decision (decide.ts). The HTTP
 * bindings' wire format is written here: parameters read as ASP.NET reads a form, answers as
 * ASMX's `<string>` document (CRLF after the declaration, as .NET writes it), refusals as
 * ASMX's plain-text HTTP 500 with its own wording and no stack trace.
 *
 * @see shared/research/aspsms.md — §1 "SOAP web service", §1.5, §1.6
 * @see shared/research/aspsms-clients.md — "ASMX HTTP POST / GET", "What each client needs back"
 */
import { cutText, journalList, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import { charsetOf, type Charset } from '../core/charset.ts'
import { decodeComponent } from '../core/form.ts'
import type { HttpEndpoint, HttpResult, SimRequest, SimResponse } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { escapeXml } from '../core/xml.ts'
import { asmxResultText, renderVoucherElements } from './asmx-result.ts'
import { decideAspsms } from './decide.ts'
import {
  ASMX_NAMESPACE,
  asmxOperation,
  LEGACY_NAMESPACE,
  type AsmxOperationSpec,
} from './operations.ts'
import { replyStatus, type AspsmsReply } from './reply.ts'
import {
  aspsmsJournalFields,
  aspsmsSecrets,
  requestFromSoapFields,
  type AspsmsTransport,
} from './request.ts'
import { readSoapRequest, renderSoapFault, renderSoapResponse } from './soap.ts'
import { ASMX_PATH, ASPSMS_HOSTS, LEGACY_ASMX_PATH } from './wire.ts'
import { renderHelpPage, renderWsdl } from './wsdl.ts'

/** `/aspsmsx2.asmx` or `/aspsmsx.asmx`, then `/<Operation>` or nothing; IIS ignores case. */
const TARGET = /^\/(aspsmsx2?)\.asmx(?:\/(.*))?$/i

/** ASMX's XML declaration, then CRLF as .NET's XmlTextWriter ends the line. */
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\r\n'

interface Target {
  /** `aspsmsx2`, or `aspsmsx` for the legacy service. */
  service: 'aspsmsx2' | 'aspsmsx'
  /** The operation of an HTTP binding path; `undefined` at the service URL itself. */
  method?: string
}

function targetOf(path: string): Target | undefined {
  const match = TARGET.exec(path)
  if (!match) return undefined
  const service = match[1]!.toLowerCase() as Target['service']
  if (match[2] === undefined) return { service }
  let method = match[2]
  try {
    method = decodeURIComponent(method)
  } catch {
    // A malformed escape stays as it came: it names no operation anyway.
  }
  return { service, method }
}

/** A request for one of the service's documents (WSDL, help page): no operation is called. */
function isDocumentRequest(request: SimRequest): boolean {
  const target = targetOf(request.path)
  return (
    target !== undefined &&
    target.method === undefined &&
    (request.method === 'GET' || request.method === 'HEAD')
  )
}

/**
 * The URL the client used, for the WSDL's addresses: the Host header (port included), smsim's
 * prefix, the path as sent; `https` when it came over smsim's HTTPS port. A Host header that is no host
 * name falls back to the routed host rather than being echoed into the document.
 */
function serviceUrl(request: SimRequest): string {
  const header = request.headers.host?.trim()
  const host = header && /^[A-Za-z0-9.\-:[\]]+$/.test(header) ? header : request.host
  return `${request.secure ? 'https' : 'http'}://${host}${request.mount ?? ''}${request.path}`
}

const plain = (status: number, text: string, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body: text,
})

function handleAsmx(request: SimRequest, view: StateView, now: Date, refuse?: number): HttpResult {
  const target = targetOf(request.path)
  if (target?.method !== undefined) return handleBinding(request, target, view, now, refuse)
  const { method } = request
  if (method === 'POST') return handleSoap(request, view, now, refuse)
  if (method === 'GET' || method === 'HEAD') {
    const location = serviceUrl(request)
    const wsdl = request.query.split('&').some((p) => p.split('=')[0]!.toLowerCase() === 'wsdl')
    return {
      response: wsdl
        ? {
            status: 200,
            headers: { 'content-type': 'text/xml; charset=utf-8' },
            body: renderWsdl(location),
          }
        : {
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8' },
            body: renderHelpPage(location),
          },
      effects: [],
      journal: {
        transport: wsdl ? 'wsdl' : 'help',
        // As received, cut; the store masks a secret parameter (`?WSDL&Password=…`).
        request: {
          method,
          path: cutText(request.path, JOURNAL_FIELD_CHARS),
          query: cutText(request.query, JOURNAL_TEXT_CHARS),
        },
      },
    }
  }
  return {
    response: plain(405, 'Method Not Allowed', { allow: 'GET, HEAD, POST' }),
    effects: [],
    journal: {
      transport: 'soap',
      request: {
        method: cutText(method, JOURNAL_FIELD_CHARS),
        path: cutText(request.path, JOURNAL_FIELD_CHARS),
      },
    },
  }
}

/** What an operation's result holds: a string, voucher rows, or a status it cannot carry. */
type Result =
  | { kind: 'text'; text: string }
  | { kind: 'vouchers'; vouchers: Extract<AspsmsReply, { kind: 'vouchers' }>['vouchers'] }
  | { kind: 'refused'; status: number }

/**
 * The result of a reply for an operation. `GetVoucherTransactionsResult` is an
 * `ArrayOfVouchers`, which has no room for `StatusCode:3`: that operation refuses as an ASMX
 * method that throws (a Fault, or HTTP 500), with `StatusCode:n` as the message — our choice,
 * the real answer is unknown.
 */
function resultOf(operation: AsmxOperationSpec, reply: AspsmsReply): Result {
  if (reply.kind === 'vouchers') return { kind: 'vouchers', vouchers: reply.vouchers }
  if (operation.result === 'ArrayOfVouchers') return { kind: 'refused', status: replyStatus(reply) }
  return { kind: 'text', text: asmxResultText(reply) }
}

function handleSoap(request: SimRequest, view: StateView, now: Date, refuse?: number): HttpResult {
  const read = readSoapRequest(request)
  if (!read.ok) {
    return {
      response: renderSoapFault(read.version, read.fault),
      effects: [],
      journal: {
        transport: 'soap',
        request: { soap: read.version, fault: read.fault.reason },
        code: `soap:${read.fault.code}`,
      },
    }
  }
  const { version, operation, fields, ignored } = read.call
  const aspsmsRequest = requestFromSoapFields(operation.decidesAs, 'soap', fields)
  const decision = decideAspsms(aspsmsRequest, view, now, refuse)
  const result = resultOf(operation, decision.reply)
  const response =
    result.kind === 'refused'
      ? renderSoapFault(version, {
          // An injected failure is the service's own; anything else is the caller's.
          code: refuse !== undefined ? 'Server' : 'Client',
          reason: `StatusCode:${result.status}`,
        })
      : renderSoapResponse(
          version,
          operation.name,
          result.kind === 'text' ? escapeXml(result.text) : renderVoucherElements(result.vouchers),
        )
  return {
    response,
    effects: decision.effects,
    journal: {
      transport: 'soap',
      request: {
        soap: version,
        operation: operation.name,
        fields: aspsmsJournalFields(fields),
        ...(ignored.length ? { ignored: journalList(ignored) } : {}),
      },
      secrets: aspsmsSecrets(aspsmsRequest),
      ...(decision.account ? { account: decision.account } : {}),
      ...(decision.code !== undefined ? { code: decision.code } : {}),
    },
  }
}

/**
 * The parameters of a query string or form body, read as ASP.NET's `HttpValueCollection`
 * reads them: `&` splits, `+` is a space, names compare without case, a repeated name gives
 * its values joined by `,`, and a pair without `=` is no parameter. Nothing is "repaired":
 * nadar's unencoded `+41…` arrives as ` 41…`, as it would at ASPSMS.
 */
function readForm(raw: string, charset: Charset): Map<string, string> {
  const params = new Map<string, string>()
  for (const pair of raw.split('&')) {
    const eq = pair.indexOf('=')
    if (eq < 0) continue
    const name = decodeComponent(pair.slice(0, eq), charset).toLowerCase()
    const value = decodeComponent(pair.slice(eq + 1), charset)
    const before = params.get(name)
    params.set(name, before === undefined ? value : `${before},${value}`)
  }
  return params
}

/**
 * `/aspsmsx2.asmx/<Operation>` and `/aspsmsx.asmx/SimpleTextSMS`. ASMX's refusals, with their
 * own wording, as HTTP 500 in plain text (first line only, never a stack trace): an unknown
 * operation, a verb other than GET and POST, a POST that is no form, a missing parameter
 * ("Missing parameter: X." — every parameter must be present, empty or not; this is why the
 * clients of research §7 send all of them).
 */
function handleBinding(
  request: SimRequest,
  target: Target,
  view: StateView,
  now: Date,
  refuse?: number,
): HttpResult {
  const legacy = target.service === 'aspsmsx'
  const transport: AspsmsTransport = legacy ? 'legacy' : 'http'
  const method = target.method ?? ''
  const refused = (text: string): HttpResult => ({
    response: plain(500, text),
    effects: [],
    journal: {
      transport,
      request: {
        method: cutText(request.method, JOURNAL_FIELD_CHARS),
        operation: cutText(method, JOURNAL_FIELD_CHARS),
        error: cutText(text, JOURNAL_TEXT_CHARS),
      },
    },
  })
  const operation = asmxOperation(method, legacy)
  if (!operation)
    return refused(
      `System.InvalidOperationException: ${method} Web Service method name is not valid.`,
    )
  if (request.method !== 'GET' && request.method !== 'POST')
    return refused(
      `System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/${method}'.`,
    )

  let params: Map<string, string>
  if (request.method === 'GET') params = readForm(request.query, 'auto')
  else {
    // ASP.NET reads a POST's parameters from the form body only, never from the query.
    const type = request.headers['content-type'] ?? ''
    if (!/^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(type))
      return refused(`System.InvalidOperationException: Request format is invalid: ${type}.`)
    params = readForm(Buffer.from(request.body).toString('latin1'), charsetOf(type))
  }
  // `sent` keeps the client's names for the journal; `fields` has the decision's (legacy Recipient).
  const sent: Record<string, string> = {}
  const fields: Record<string, string> = {}
  for (const name of operation.elements) {
    const value = params.get(name.toLowerCase())
    if (value === undefined)
      return refused(`System.InvalidOperationException: Missing parameter: ${name}.`)
    sent[name] = value
    fields[operation.renames?.[name] ?? name] = value
  }

  const aspsmsRequest = requestFromSoapFields(operation.decidesAs, transport, fields)
  const decision = decideAspsms(aspsmsRequest, view, now, refuse)
  const result = resultOf(operation, decision.reply)
  return {
    response:
      result.kind === 'refused'
        ? plain(500, `System.Web.Services.Protocols.SoapException: StatusCode:${result.status}`)
        : xmlDocument(
            result.kind === 'text'
              ? stringDocument(legacy ? LEGACY_NAMESPACE : ASMX_NAMESPACE, result.text)
              : vouchersDocument(result.vouchers),
          ),
    effects: decision.effects,
    journal: {
      transport,
      request: {
        method: request.method,
        operation: operation.name,
        fields: aspsmsJournalFields(sent),
      },
      secrets: aspsmsSecrets(aspsmsRequest),
      ...(decision.account ? { account: decision.account } : {}),
      ...(decision.code !== undefined ? { code: decision.code } : {}),
    },
  }
}

const xmlDocument = (body: string): SimResponse => ({
  status: 200,
  headers: { 'content-type': 'text/xml; charset=utf-8' },
  body,
})

/**
 * `<string xmlns="…">StatusCode:1</string>`: the HTTP bindings' answer (`tns:string` in the
 * WSDL). The legacy service's answer is undocumented: ours has the same shape in its own
 * namespace.
 *
 * @see shared/research/aspsms.md — §1.5 "responses are an XML document whose root is <string …>"
 */
function stringDocument(namespace: string, text: string): string {
  return text === ''
    ? `${XML_DECLARATION}<string xmlns="${namespace}" />`
    : `${XML_DECLARATION}<string xmlns="${namespace}">${escapeXml(text)}</string>`
}

/** GetVoucherTransactions over HTTP: an indented `ArrayOfVouchers` document. */
function vouchersDocument(
  vouchers: Extract<AspsmsReply, { kind: 'vouchers' }>['vouchers'],
): string {
  const open = `<ArrayOfVouchers xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="${ASMX_NAMESPACE}"`
  if (vouchers.length === 0) return `${XML_DECLARATION}${open} />`
  return `${XML_DECLARATION}${open}>\r\n${renderVoucherElements(vouchers, '\r\n', '  ')}\r\n</ArrayOfVouchers>`
}

/**
 * The endpoint. `isOperation` tells the simulator that fetching the WSDL or the help page
 * calls no operation, so that injected faults wait for a real call (tschiemer fetches the WSDL
 * before every client object, node-soap before its first call).
 */
export const ASPSMS_ASMX: HttpEndpoint = {
  name: 'asmx',
  hosts: ASPSMS_HOSTS.asmx,
  paths: [ASMX_PATH, `${ASMX_PATH}/*`, `${LEGACY_ASMX_PATH}/*`],
  caseInsensitive: true,
  isOperation: (request) => !isDocumentRequest(request),
  handle: handleAsmx,
}
