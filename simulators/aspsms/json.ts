/**
 * ASPSMS's JSON API: `POST https://json.aspsms.com/<Method>` with a JSON object, answered with
 * a JSON object whose values are strings (`{"StatusCode":"1","StatusInfo":"OK"}`). On smsim it
 * is also served at `/aspsms/json/<Method>`.
 *
 * This file is the endpoint: which method, which HTTP verb, what goes in the journal. The body
 * is read by json-request.ts (whatever the Content-Type), the decision is the one every ASPSMS
 * interface shares (decide.ts), and the answer is written by json-reply.ts.
 *
 * HTTP choices (ours: nothing public shows the service's behaviour there):
 * - method names ignore case (`/sendSimpleTextSMS`, research §3.4) and a trailing `/`;
 * - POST only: OPTIONS answers a CORS preflight (204), anything else 405 with `Allow`;
 * - an unknown method answers 404, a body that is not a JSON object 400, both with
 *   `{"Message":"…"}` saying what was wrong and no stack trace;
 * - the query string is ignored.
 *
 * @see shared/research/aspsms.md — §3 "JSON API (json.aspsms.com)"
 */
import { cutText, journalList, JOURNAL_FIELD_CHARS } from '../core/bounds.ts'
import type { HttpEndpoint, HttpResult, SimRequest } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { decideAspsms } from './decide.ts'
import {
  JSON_ALLOW,
  JSON_INQUIRY_OK,
  renderJsonError,
  renderJsonPreflight,
  renderJsonReply,
} from './json-reply.ts'
import { ASPSMS_JSON_METHODS, readJsonBody, readJsonFields } from './json-request.ts'
import { aspsmsJournalFields, aspsmsSecrets, requestFromSoapFields } from './request.ts'
import { ASPSMS_HOSTS } from './wire.ts'

/**
 * The method a path names: `/SendTextSMS` at the real host, `/json/SendTextSMS` under `/aspsms`.
 *
 * @example
 * jsonMethodName({ path: '/json/sendTextSMS/', mount: '/aspsms' }) // 'sendTextSMS'
 */
export function jsonMethodName(request: Pick<SimRequest, 'path' | 'mount'>): string {
  const path = request.mount ? request.path.replace(/^\/json(?=\/)/i, '') : request.path
  return decodeURIComponentSafe(trimSlashes(path))
}

/**
 * The path without its leading and trailing slashes. Not `/^\/+|\/+$/g`: tried at each slash
 * of a long run inside the path, `\/+$` reads the whole run every time.
 */
function trimSlashes(path: string): string {
  let start = 0
  let end = path.length
  while (start < end && path[start] === '/') start++
  while (end > start && path[end - 1] === '/') end--
  return path.slice(start, end)
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function handleJson(request: SimRequest, view: StateView, now: Date, refuse?: number): HttpResult {
  const name = jsonMethodName(request)
  const operation = ASPSMS_JSON_METHODS.get(name.toLowerCase())
  const contentType = request.headers['content-type']
  const journalRequest: Record<string, unknown> = {
    method: cutText(request.method, JOURNAL_FIELD_CHARS),
    path: cutText(request.path, JOURNAL_FIELD_CHARS),
    ...(contentType ? { contentType: cutText(contentType, JOURNAL_FIELD_CHARS) } : {}),
  }
  const refused = (response: HttpResult['response'], note: string): HttpResult => ({
    response,
    effects: [],
    journal: { transport: 'json', request: { ...journalRequest, note } },
  })

  if (request.method === 'OPTIONS') return refused(renderJsonPreflight(), 'CORS preflight')
  if (request.method !== 'POST') {
    const message = `The requested resource does not support http method '${request.method}'.`
    return refused(renderJsonError(405, message, { allow: JSON_ALLOW }), message)
  }
  if (!operation) {
    const known = [...ASPSMS_JSON_METHODS.values()].join(', ')
    const message = `No method "${name}" on json.aspsms.com. Methods: ${known}.`
    return refused(renderJsonError(404, message), message)
  }
  const parsed = readJsonBody(request)
  if (!parsed.ok) {
    const message = `The body of ${operation} must be a JSON object, e.g. {"UserName":"…","Password":"…"}; ${parsed.reason}.`
    return refused(renderJsonError(400, message), message)
  }

  // The journal keeps the fields read, by their SOAP names, never the client's structure: a
  // value nested 120,000 deep kept 6.6 MB, and one 5,000 deep broke GET /_smsim/journal.
  const { fields, forceGsm7, ignored } = readJsonFields(parsed.body)
  const aspsmsRequest = { ...requestFromSoapFields(operation, 'json', fields), forceGsm7 }
  const decision = decideAspsms(aspsmsRequest, view, now, refuse)
  return {
    response: renderJsonReply(operation, decision.reply),
    effects: decision.effects,
    journal: {
      transport: 'json',
      request: {
        ...journalRequest,
        operation,
        fields: aspsmsJournalFields(fields),
        ...(forceGsm7 ? { forceGsm7 } : {}),
        ...(ignored.length ? { ignored: journalList(ignored) } : {}),
      },
      secrets: aspsmsSecrets(aspsmsRequest),
      // The code answered: a successful inquiry answers "0" (json-reply.ts).
      code: decision.reply.kind === 'notifications' ? Number(JSON_INQUIRY_OK) : decision.code,
      ...(decision.account ? { account: decision.account } : {}),
    },
  }
}

/**
 * The endpoint at `https://json.aspsms.com/<Method>` (and `/aspsms/json/<Method>` on smsim).
 *
 * @example
 * // curl -d '{"UserName":"DEMOASPSMS","Password":"demo"}' http://127.0.0.1:8780/aspsms/json/CheckCredits
 * // {"Credits":"1000","StatusCode":"1","StatusInfo":"OK"}
 */
export const ASPSMS_JSON: HttpEndpoint = {
  name: 'json',
  hosts: ASPSMS_HOSTS.json,
  paths: ['/*'],
  prefixPaths: ['/json/*'],
  caseInsensitive: true,
  // A browser's CORS preflight comes before the call: a fault counted `times: 1` is for the call.
  isOperation: (request) => request.method !== 'OPTIONS',
  handle: handleJson,
}
