/**
 * `http.php`: reads the request, hands the fields to {@link decideSend}, writes the code.
 *
 * Wire choices (see README): GET reads the query string; POST reads the form body and the query
 * string, the body winning (PHP's `$_REQUEST`); parameter names are exact (`email`, `pass`,
 * `numero`, `message`, `diff`) and unknown ones are ignored. The page shows the code alone,
 * e.g. `80`, as `text/html; charset=ISO-8859-1`.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "La page appelée affiche un code en réponse à votre demande."
 */
import { cutText, journalList, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import { charsetOf, eachField } from '../core/form.ts'
import type { HttpEndpoint, HttpResult, SimRequest, SimResponse } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { decideSend, type SmstobSendRequest } from './decide.ts'
import {
  SMSTOB_HTTP_FIELDS,
  SMSTOB_HTTP_HOSTS,
  SMSTOB_HTTP_PATH,
  type SmstobHttpField,
} from './wire.ts'

/** The fields of `http.php` as {@link parseHttpSend} reads them, and the names it ignores. */
interface FieldsRead extends Record<SmstobHttpField, string | undefined> {
  ignored: string[]
}

/**
 * One pair of the query or the body: the last of a repeated name wins (PHP); an ignored name is
 * listed once, where first seen. A module function rather than a closure made per request.
 */
function readField(read: FieldsRead, name: string, value: string): void {
  if (name === 'email') read.email = value
  else if (name === 'pass') read.pass = value
  else if (name === 'numero') read.numero = value
  else if (name === 'message') read.message = value
  else if (name === 'diff') read.diff = value
  else if (!read.ignored.includes(name)) read.ignored.push(name)
}

/**
 * Reads the send fields of an `http.php` request, and the names of the parameters it ignores.
 *
 * @example
 * parseHttpSend({ method: 'GET', query: 'email=a@b.fr&pass=x&lang=fr', … })
 * // { fields: { transport: 'http', email: 'a@b.fr', pass: 'x' }, ignored: ['lang'] }
 */
export function parseHttpSend(request: SimRequest): {
  fields: SmstobSendRequest
  ignored: string[]
} {
  // One pass over the query (and the body), straight into the fields: no map in between.
  const read: FieldsRead = {
    email: undefined,
    pass: undefined,
    numero: undefined,
    message: undefined,
    diff: undefined,
    ignored: [],
  }
  eachField(request.query, 'auto', readField, read)
  if (
    request.method === 'POST' &&
    /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')
  ) {
    const body = Buffer.from(request.body).toString('latin1')
    eachField(body, charsetOf(request.headers['content-type']), readField, read)
  }
  // In the document's order (SMSTOB_HTTP_FIELDS), as the journal shows them.
  const fields: SmstobSendRequest = { transport: 'http' }
  if (read.email !== undefined) fields.email = read.email
  if (read.pass !== undefined) fields.pass = read.pass
  if (read.numero !== undefined) fields.numero = read.numero
  if (read.message !== undefined) fields.message = read.message
  if (read.diff !== undefined) fields.diff = read.diff
  const { ignored } = read
  return { fields, ignored }
}

/**
 * What the journal keeps of a send: the five fields as read, the message cut past the longest
 * text SMStoB sends and the others past any real value (core/bounds.ts), and the names of the
 * parameters ignored. `pass` is masked by the store.
 */
function journalParams(fields: SmstobSendRequest, ignored: string[]): Record<string, unknown> {
  const params: Record<string, string> = {}
  for (const name of SMSTOB_HTTP_FIELDS) {
    const value = fields[name]
    if (value !== undefined)
      params[name] = cutText(value, name === 'message' ? JOURNAL_TEXT_CHARS : JOURNAL_FIELD_CHARS)
  }
  return {
    params,
    ...(ignored.length ? { ignored: journalList(ignored) } : {}),
  }
}

/**
 * The page showing a code (or nothing, for HEAD): a handful of constants, frozen, built once, so
 * that the HTTP side writes each from its wire form built once too (http-server.ts, issue 17).
 */
const pages = new Map<string, SimResponse>()
function pageShowing(body: string): SimResponse {
  let page = pages.get(body)
  if (!page) {
    const headers = Object.freeze({ 'content-type': 'text/html; charset=ISO-8859-1' })
    page = Object.freeze({ status: 200, headers, body })
    pages.set(body, page)
  }
  return page
}

function handleHttpPhp(request: SimRequest, view: StateView, now: Date): HttpResult {
  if (request.method !== 'GET' && request.method !== 'POST' && request.method !== 'HEAD') {
    return {
      response: {
        status: 405,
        headers: { allow: 'GET, POST, HEAD', 'content-type': 'text/plain' },
        body: 'Method Not Allowed',
      },
      effects: [],
      journal: { transport: 'http', request: { method: request.method } },
    }
  }
  const { fields, ignored } = parseHttpSend(request)
  const decision = decideSend(fields, view, now)
  return {
    response: pageShowing(request.method === 'HEAD' ? '' : String(decision.reply.code)),
    effects: decision.effects,
    journal: {
      transport: 'http',
      request: { method: request.method, ...journalParams(fields, ignored) },
      code: decision.reply.code,
      ...(decision.account ? { account: decision.account } : {}),
      ...(fields.pass ? { secrets: [fields.pass] } : {}),
    },
  }
}

/** The endpoint at `http://www.smstob.com/http.php` (and `/smstob/http.php` on smsim). */
export const HTTP_PHP: HttpEndpoint = {
  name: 'http.php',
  hosts: SMSTOB_HTTP_HOSTS,
  paths: [SMSTOB_HTTP_PATH],
  handle: handleHttpPhp,
}
