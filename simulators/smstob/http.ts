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
import { charsetOf, parseForm } from '../core/form.ts'
import type { HttpEndpoint, HttpResult, SimRequest } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { decideSend, type SmstobSendRequest } from './decide.ts'
import { SMSTOB_HTTP_FIELDS, SMSTOB_HTTP_HOSTS, SMSTOB_HTTP_PATH } from './wire.ts'

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
  const params = parseForm(request.query)
  if (
    request.method === 'POST' &&
    /^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')
  ) {
    for (const [name, value] of parseForm(request.body, charsetOf(request.headers['content-type'])))
      params.set(name, value)
  }
  const fields: SmstobSendRequest = { transport: 'http' }
  for (const name of SMSTOB_HTTP_FIELDS) {
    const value = params.get(name)
    if (value !== undefined) fields[name] = value
  }
  const ignored: string[] = []
  for (const name of params.keys())
    if (!(SMSTOB_HTTP_FIELDS as readonly string[]).includes(name)) ignored.push(name)
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
    response: {
      status: 200,
      headers: { 'content-type': 'text/html; charset=ISO-8859-1' },
      body: request.method === 'HEAD' ? '' : String(decision.reply.code),
    },
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
