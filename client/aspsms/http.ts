/**
 * A typed client of the HTTP GET and HTTP POST bindings of ASPSMS's web service:
 * `…/aspsmsx2.asmx/<Operation>` with the parameters in the query string (GET) or as an
 * `application/x-www-form-urlencoded` body (POST), answered with an XML document whose root is
 * `<string xmlns="https://webservice.aspsms.com/aspsmsx2.asmx">StatusCode:1</string>`.
 *
 * @see shared/research/aspsms.md — §1.5 "HTTP GET / HTTP POST bindings of the same service"
 */
import { charsetOf, decodeText } from '../../simulators/core/charset.ts'
import { AsmxClientBase, type AsmxAnswer, type AsmxOperation } from './asmx.ts'
import { ASPSMS_DEFAULT_URLS, exchange, type AspsmsClientOptions } from './common.ts'
import { elementText } from './xml-text.ts'

export interface AspsmsHttpClientOptions extends AspsmsClientOptions {
  /** The binding: POST (the default, as nadar and tschiemer) or GET. */
  method?: 'GET' | 'POST'
}

/**
 * @example
 * const http = new AspsmsHttpClient({ baseUrl: 'http://127.0.0.1:8780/aspsms/aspsmsx2.asmx', userKey: 'DEMOASPSMS', password: 'demo', method: 'GET' })
 * const sent = await http.sendText({ recipients: '+41791234567', text: 'Hallo' })
 */
export class AspsmsHttpClient extends AsmxClientBase {
  protected readonly transport = 'http' as const
  readonly #method: 'GET' | 'POST'

  constructor(options: AspsmsHttpClientOptions) {
    super(options, ASPSMS_DEFAULT_URLS.http)
    this.#method = options.method ?? 'POST'
  }

  protected async invoke(
    operation: AsmxOperation,
    parameters: [string, string][],
  ): Promise<AsmxAnswer> {
    const form = new URLSearchParams(parameters).toString()
    const url = `${this.options.baseUrl}/${operation}`
    const answer = await exchange(
      this.options,
      this.#method === 'GET' ? `${url}?${form}` : url,
      this.#method === 'GET'
        ? { method: 'GET' }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form,
          },
    )
    const raw = decodeText(answer.bytes, charsetOf(answer.contentType))
    const httpStatus = answer.status
    // nadar and tschiemer both require the XML declaration before they read anything.
    if (httpStatus === 200 && /^\s*(<\?xml[^>]*\?>)?\s*<string\b/.test(raw)) {
      const text = elementText(raw, 'string')
      if (text !== undefined) return { ok: true, text, httpStatus, raw }
    }
    return { ok: false, why: 'not an ASMX <string> document', httpStatus, raw }
  }
}
