/**
 * The service's description documents: the WSDL (`GET /aspsmsx2.asmx?WSDL`) and the HTML page
 * ASMX shows at the service URL. Both are generated from the operations table
 * (operations.ts), so that they describe exactly what the SOAP reader and the HTTP bindings
 * accept.
 *
 * The WSDL has the shape ASMX writes, verbatim where the captured copy tells (research §1.1):
 * service `ASPSMSX2`, ports `ASPSMSX2Soap`, `ASPSMSX2Soap12`, `ASPSMSX2HttpGet`,
 * `ASPSMSX2HttpPost`, document/literal with `elementFormDefault="qualified"`, every parameter
 * and result an optional `s:string` but `GetVoucherTransactionsResult` (`tns:ArrayOfVouchers`).
 * Every port's `location` is the URL the client used, so that node-soap and zeep, which take
 * their endpoint from it, call smsim and not soap.aspsms.com.
 *
 * @see shared/research/aspsms.md — §1.1 "Identity", §1.2 "Operations", §1.5 "HTTP GET / POST"
 */
import { escapeXml } from '../core/xml.ts'
import {
  ASMX_NAMESPACE,
  ASMX_OPERATIONS,
  soapActionOf,
  VOUCHER_FIELDS,
  type AsmxOperationSpec,
} from './operations.ts'

/** A WSDL element: a tag, attributes in order, and children (or a text). */
interface Element {
  tag: string
  attributes: Record<string, string>
  children: Element[]
  text?: string
}

const el = (
  tag: string,
  attributes: Record<string, string> = {},
  children: Element[] = [],
  text?: string,
): Element => ({ tag, attributes, children, ...(text !== undefined ? { text } : {}) })

/** .NET's XmlTextWriter layout: two-space indent, CRLF, `<x />` for an empty element. */
const EOL = '\r\n'

function render(element: Element, depth = 0): string {
  const pad = '  '.repeat(depth)
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value, { quote: true })}"`)
    .join('')
  const open = `${pad}<${element.tag}${attributes}`
  if (element.text !== undefined) return `${open}>${escapeXml(element.text)}</${element.tag}>`
  if (element.children.length === 0) return `${open} />`
  return [
    `${open}>`,
    ...element.children.map((child) => render(child, depth + 1)),
    `${pad}</${element.tag}>`,
  ].join(EOL)
}

const PORT_TYPES = {
  Soap: 'ASPSMSX2Soap',
  HttpGet: 'ASPSMSX2HttpGet',
  HttpPost: 'ASPSMSX2HttpPost',
} as const

const optionalString = (name: string, type = 's:string') =>
  el('s:element', { minOccurs: '0', maxOccurs: '1', name, type })

const sequence = (children: Element[]) =>
  el('s:complexType', {}, children.length ? [el('s:sequence', {}, children)] : [])

const resultType = (op: AsmxOperationSpec) =>
  op.result === 'ArrayOfVouchers' ? 'tns:ArrayOfVouchers' : 's:string'

/** The schema: request and response elements per operation, then the HTTP bindings' roots. */
function schema(): Element {
  const elements = ASMX_OPERATIONS.flatMap((op) => [
    el('s:element', { name: op.name }, [sequence(op.elements.map((e) => optionalString(e)))]),
    el('s:element', { name: `${op.name}Response` }, [
      sequence([optionalString(`${op.name}Result`, resultType(op))]),
    ]),
    // ASMX writes a complex type right after the first element that uses it.
    ...(op.result === 'ArrayOfVouchers'
      ? [
          el('s:complexType', { name: 'ArrayOfVouchers' }, [
            el('s:sequence', {}, [
              el('s:element', {
                minOccurs: '0',
                maxOccurs: 'unbounded',
                name: 'vouchers',
                nillable: 'true',
                type: 'tns:vouchers',
              }),
            ]),
          ]),
          el('s:complexType', { name: 'vouchers' }, [
            el(
              's:sequence',
              {},
              VOUCHER_FIELDS.map((f) => optionalString(f)),
            ),
          ]),
        ]
      : []),
  ])
  return el('s:schema', { elementFormDefault: 'qualified', targetNamespace: ASMX_NAMESPACE }, [
    ...elements,
    el('s:element', { name: 'string', nillable: 'true', type: 's:string' }),
    el('s:element', { name: 'ArrayOfVouchers', nillable: 'true', type: 'tns:ArrayOfVouchers' }),
  ])
}

/** Messages: SOAP's wrap the elements; the HTTP bindings' list the parameters as parts. */
function messages(): Element[] {
  const soap = ASMX_OPERATIONS.flatMap((op) => [
    el('wsdl:message', { name: `${op.name}SoapIn` }, [
      el('wsdl:part', { name: 'parameters', element: `tns:${op.name}` }),
    ]),
    el('wsdl:message', { name: `${op.name}SoapOut` }, [
      el('wsdl:part', { name: 'parameters', element: `tns:${op.name}Response` }),
    ]),
  ])
  const http = (binding: 'HttpGet' | 'HttpPost') =>
    ASMX_OPERATIONS.flatMap((op) => [
      el(
        'wsdl:message',
        { name: `${op.name}${binding}In` },
        op.elements.map((e) => el('wsdl:part', { name: e, type: 's:string' })),
      ),
      el('wsdl:message', { name: `${op.name}${binding}Out` }, [
        el('wsdl:part', {
          name: 'Body',
          element: op.result === 'ArrayOfVouchers' ? 'tns:ArrayOfVouchers' : 'tns:string',
        }),
      ]),
    ])
  return [...soap, ...http('HttpGet'), ...http('HttpPost')]
}

function portType(kind: keyof typeof PORT_TYPES): Element {
  return el(
    'wsdl:portType',
    { name: PORT_TYPES[kind] },
    ASMX_OPERATIONS.map((op) =>
      el('wsdl:operation', { name: op.name }, [
        ...(op.documentation
          ? [
              el(
                'wsdl:documentation',
                { 'xmlns:wsdl': 'http://schemas.xmlsoap.org/wsdl/' },
                [],
                op.documentation,
              ),
            ]
          : []),
        el('wsdl:input', { message: `tns:${op.name}${kind}In` }),
        el('wsdl:output', { message: `tns:${op.name}${kind}Out` }),
      ]),
    ),
  )
}

function soapBinding(prefix: 'soap' | 'soap12'): Element {
  const body = () => [el(`${prefix}:body`, { use: 'literal' })]
  return el(
    'wsdl:binding',
    { name: prefix === 'soap' ? 'ASPSMSX2Soap' : 'ASPSMSX2Soap12', type: 'tns:ASPSMSX2Soap' },
    [
      el(`${prefix}:binding`, { transport: 'http://schemas.xmlsoap.org/soap/http' }),
      ...ASMX_OPERATIONS.map((op) =>
        el('wsdl:operation', { name: op.name }, [
          el(`${prefix}:operation`, { soapAction: soapActionOf(op.name), style: 'document' }),
          el('wsdl:input', {}, body()),
          el('wsdl:output', {}, body()),
        ]),
      ),
    ],
  )
}

function httpBinding(verb: 'GET' | 'POST'): Element {
  const kind = verb === 'GET' ? 'HttpGet' : 'HttpPost'
  const input =
    verb === 'GET'
      ? el('http:urlEncoded')
      : el('mime:content', { type: 'application/x-www-form-urlencoded' })
  return el('wsdl:binding', { name: PORT_TYPES[kind], type: `tns:${PORT_TYPES[kind]}` }, [
    el('http:binding', { verb }),
    ...ASMX_OPERATIONS.map((op) =>
      el('wsdl:operation', { name: op.name }, [
        el('http:operation', { location: `/${op.name}` }),
        el('wsdl:input', {}, [input]),
        el('wsdl:output', {}, [el('mime:mimeXml', { part: 'Body' })]),
      ]),
    ),
  ])
}

/**
 * The WSDL, with every port's address at `location` (the URL the client fetched it from,
 * without its query).
 *
 * @example
 * renderWsdl('http://127.0.0.1:8780/aspsms/aspsmsx2.asmx')
 * // '<?xml version="1.0" encoding="utf-8"?>\r\n<wsdl:definitions …'
 */
export function renderWsdl(location: string): string {
  const port = (name: string, binding: string, address: string) =>
    el('wsdl:port', { name, binding: `tns:${binding}` }, [el(address, { location })])
  const definitions = el(
    'wsdl:definitions',
    {
      'xmlns:soap': 'http://schemas.xmlsoap.org/wsdl/soap/',
      'xmlns:tm': 'http://microsoft.com/wsdl/mime/textMatching/',
      'xmlns:soapenc': 'http://schemas.xmlsoap.org/soap/encoding/',
      'xmlns:mime': 'http://schemas.xmlsoap.org/wsdl/mime/',
      'xmlns:tns': ASMX_NAMESPACE,
      'xmlns:s': 'http://www.w3.org/2001/XMLSchema',
      'xmlns:soap12': 'http://schemas.xmlsoap.org/wsdl/soap12/',
      'xmlns:http': 'http://schemas.xmlsoap.org/wsdl/http/',
      targetNamespace: ASMX_NAMESPACE,
      'xmlns:wsdl': 'http://schemas.xmlsoap.org/wsdl/',
    },
    [
      el('wsdl:types', {}, [schema()]),
      ...messages(),
      portType('Soap'),
      portType('HttpGet'),
      portType('HttpPost'),
      soapBinding('soap'),
      soapBinding('soap12'),
      httpBinding('GET'),
      httpBinding('POST'),
      el('wsdl:service', { name: 'ASPSMSX2' }, [
        port('ASPSMSX2Soap', 'ASPSMSX2Soap', 'soap:address'),
        port('ASPSMSX2Soap12', 'ASPSMSX2Soap12', 'soap12:address'),
        port('ASPSMSX2HttpGet', 'ASPSMSX2HttpGet', 'http:address'),
        port('ASPSMSX2HttpPost', 'ASPSMSX2HttpPost', 'http:address'),
      ]),
    ],
  )
  return `<?xml version="1.0" encoding="utf-8"?>${EOL}${render(definitions)}`
}

/**
 * The page a browser shows at the service URL, as ASMX's service help page does: the
 * operations with their documentation, and where the WSDL is.
 */
export function renderHelpPage(location: string): string {
  const items = ASMX_OPERATIONS.map(
    (op) =>
      `<li><b>${op.name}</b>(${op.elements.join(', ')})` +
      `${op.documentation ? `<br>${escapeXml(op.documentation).replaceAll('&lt;br&gt;', '<br>')}` : ''}</li>`,
  ).join(EOL)
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8"><title>ASPSMSX2 Web Service (smsim)</title></head><body>',
    '<h1>ASPSMSX2</h1>',
    `<p>Simulated by smsim. Service description: <a href="${escapeXml(location, { quote: true })}?WSDL">${escapeXml(location)}?WSDL</a>.`,
    ` SOAP 1.1 and 1.2 at this URL; HTTP GET and POST at <code>${escapeXml(location)}/&lt;Operation&gt;</code>.</p>`,
    `<ul>${EOL}${items}${EOL}</ul>`,
    '</body></html>',
  ].join(EOL)
}
