/**
 * A typed client of ASPSMS's SOAP web service (`aspsmsx2.asmx`), with envelopes written by
 * hand: document/literal, every parameter in the service namespace
 * `https://webservice.aspsms.com/aspsmsx2.asmx` (`elementFormDefault="qualified"`), SOAP 1.1
 * (`text/xml` and a quoted `SOAPAction`) or SOAP 1.2 (`application/soap+xml` with the action in
 * the Content-Type). The answer is the text of `<XxxResult>`, read as asmx.ts says.
 *
 * @see shared/research/aspsms.md — §1.1 "Identity", §1.4 "SOAP envelopes"
 */
import { soapActionOf } from '../../simulators/aspsms/wire.ts'
import { decodeText, charsetOf } from '../../simulators/core/charset.ts'
import { escapeXml } from '../../simulators/core/xml.ts'
import { AsmxClientBase, type AsmxAnswer, type AsmxOperation } from './asmx.ts'
import {
  ASPSMS_DEFAULT_URLS,
  ASPSMS_NAMESPACE,
  exchange,
  type AspsmsClientOptions,
} from './common.ts'
import { elementText } from './xml-text.ts'

export interface AspsmsSoapClientOptions extends AspsmsClientOptions {
  /** SOAP 1.1 (the default, what PHP's SoapClient and .NET proxies send) or 1.2. */
  soapVersion?: '1.1' | '1.2'
}

const ENVELOPE_NS = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
} as const

/**
 * The request envelope of one operation.
 *
 * @example
 * soapEnvelope('CheckCredits', [['UserKey', 'K'], ['Password', 'P']], '1.1')
 * // <?xml version="1.0" encoding="utf-8"?><soap:Envelope …><soap:Body><CheckCredits xmlns="https://webservice.aspsms.com/aspsmsx2.asmx"><UserKey>K</UserKey>…
 */
export function soapEnvelope(
  operation: string,
  parameters: readonly [string, string][],
  version: '1.1' | '1.2' = '1.1',
): string {
  const prefix = version === '1.1' ? 'soap' : 'soap12'
  const body = parameters.map(([name, value]) => `<${name}>${soapText(value)}</${name}>`).join('')
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<${prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:${prefix}="${ENVELOPE_NS[version]}">` +
    `<${prefix}:Body><${operation} xmlns="${ASPSMS_NAMESPACE}">${body}</${operation}>` +
    `</${prefix}:Body></${prefix}:Envelope>`
  )
}

/**
 * A parameter's text in a UTF-8 envelope: `& < >` as numeric references (`&#38;`), everything
 * else as given — a character XML cannot hold goes too, for the service to refuse.
 */
function soapText(value: string): string {
  return escapeXml(value, { numeric: true, invalid: null })
}

/**
 * @example
 * const soap = new AspsmsSoapClient({ baseUrl: 'http://127.0.0.1:8780/aspsms/aspsmsx2.asmx', userKey: 'DEMOASPSMS', password: 'demo' })
 * const { credits } = await soap.checkCredits()
 */
export class AspsmsSoapClient extends AsmxClientBase {
  protected readonly transport = 'soap' as const
  readonly #version: '1.1' | '1.2'

  constructor(options: AspsmsSoapClientOptions) {
    super(options, ASPSMS_DEFAULT_URLS.soap)
    this.#version = options.soapVersion ?? '1.1'
  }

  protected async invoke(
    operation: AsmxOperation,
    parameters: [string, string][],
  ): Promise<AsmxAnswer> {
    const action = soapActionOf(operation)
    const headers: Record<string, string> =
      this.#version === '1.1'
        ? { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"` }
        : { 'content-type': `application/soap+xml; charset=utf-8; action="${action}"` }
    const answer = await exchange(this.options, this.options.baseUrl, {
      method: 'POST',
      headers,
      body: soapEnvelope(operation, parameters, this.#version),
    })
    const raw = decodeText(answer.bytes, charsetOf(answer.contentType))
    const httpStatus = answer.status
    const result = elementText(raw, `${operation}Result`)
    if (result !== undefined) return { ok: true, text: result, httpStatus, raw }
    // An empty response element means an empty result (`minOccurs="0"`).
    if (elementText(raw, `${operation}Response`) !== undefined)
      return { ok: true, text: '', httpStatus, raw }
    const fault = elementText(raw, 'faultstring') ?? elementText(raw, 'Text')
    return {
      ok: false,
      why: fault !== undefined ? `SOAP fault "${fault.trim()}"` : 'no SOAP result',
      httpStatus,
      raw,
    }
  }
}
