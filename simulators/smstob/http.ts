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
import { charsetOf, parseForm } from '../core/form.ts'
import type { HttpEndpoint, HttpResult, SimRequest } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { decideSend, type SmstobSendRequest } from './decide.ts'

const FIELDS = ['email', 'pass', 'numero', 'message', 'diff'] as const

/** Reads the send fields of an `http.php` request. */
export function parseHttpSend(request: SimRequest): {
  fields: SmstobSendRequest
  params: Record<string, string>
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
  for (const name of FIELDS) {
    const value = params.get(name)
    if (value !== undefined) fields[name] = value
  }
  return { fields, params: Object.fromEntries(params) }
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
  const { fields, params } = parseHttpSend(request)
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
      request: { method: request.method, params },
      code: decision.reply.code,
      ...(decision.account ? { account: decision.account } : {}),
    },
  }
}

/** The endpoint at `http://www.smstob.com/http.php` (and `/smstob/http.php` on smsim). */
export const HTTP_PHP: HttpEndpoint = {
  name: 'http.php',
  hosts: ['www.smstob.com', 'smstob.com'],
  paths: ['/http.php'],
  handle: handleHttpPhp,
}
