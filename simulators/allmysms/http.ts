/**
 * allmysms HTTP API 9.0 at `https://api.allmysms.com/http/9.0/…` (and `/allmysms/http/9.0/…`
 * on smsim): reads the request, hands it to the decisions of http-decide.ts, writes the JSON.
 *
 * Wire choices (README "HTTP API 9.0"): GET reads the query string, POST the query string and
 * the body — urlencoded or multipart — the body winning; the answer is JSON whatever
 * `returnformat` says, as `text/html` ([ESUP-CONV]), written as PHP's `json_encode` writes it,
 * always with HTTP 200 (the status is in the JSON).
 *
 * @see shared/research/french-providers.md — §B.1.1
 */
import { cutText, journalList, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import type { HttpEndpoint, HttpResult, SimRequest } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { codeEntry } from '../core/codes.ts'
import { ALLMYSMS_HTTP_CODES, type AllmysmsHttpCode } from './codes.ts'
import {
  authenticate,
  decideDeleteCampaign,
  decideGetAckBySmsId,
  decideGetAcks,
  decideGetBlacklist,
  decideGetInfo,
  decideHttpSend,
  errorAnswer,
  type HttpDecision,
} from './http-decide.ts'
import { readParams, readSimpleSend, readSmsData } from './http-request.ts'
import {
  ALLMYSMS_HTTP_BASE,
  ALLMYSMS_HTTP_CONTENT_TYPE,
  ALLMYSMS_HTTP_HOSTS,
  ALLMYSMS_HTTP_OPERATIONS,
  phpJson,
  type AllmysmsHttpOperation,
} from './wire.ts'

/**
 * The operation a path names (`/http/9.0/sendSms/` → `sendSms`), without case and with or
 * without the trailing slash; undefined for any other path.
 *
 * @example
 * operationOf('/http/9.0/SENDSMS') // 'sendSms'
 * operationOf('/http/9.0/')        // ''
 * operationOf('/http/9.0/getPulls') // undefined
 */
export function operationOf(path: string): AllmysmsHttpOperation | undefined {
  const lower = path.toLowerCase()
  const base = ALLMYSMS_HTTP_BASE.toLowerCase()
  if (!lower.startsWith(base)) return undefined
  const rest = lower.slice(base.length).replace(/^\/+|\/+$/g, '')
  return ALLMYSMS_HTTP_OPERATIONS.find((op) => op.toLowerCase() === rest)
}

const answer = (status: number, body: string, type = ALLMYSMS_HTTP_CONTENT_TYPE) => ({
  status,
  headers: { 'content-type': type },
  body,
})

/** What the journal keeps of the parameters: each cut, `apiKey` masked by the store. */
function journalParams(params: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  let n = 0
  for (const [name, value] of params) {
    if (++n > 40) break
    const long = name === 'smsData' || name === 'message'
    out[cutText(name, 64)] = cutText(value, long ? JOURNAL_TEXT_CHARS : JOURNAL_FIELD_CHARS)
  }
  return out
}

function handleHttp(request: SimRequest, view: StateView, now: Date, refuse?: number): HttpResult {
  const operation = operationOf(request.path)
  if (request.method !== 'GET' && request.method !== 'POST') {
    return {
      response: {
        status: 405,
        headers: { allow: 'GET, POST', 'content-type': 'text/plain' },
        body: 'Method Not Allowed',
      },
      effects: [],
      journal: { transport: 'http', request: { method: request.method, path: request.path } },
    }
  }
  if (operation === undefined)
    return {
      response: answer(404, 'Not Found', 'text/plain'),
      effects: [],
      journal: { transport: 'http', request: { method: request.method, path: request.path } },
    }
  const params = readParams(request)
  const login = params.get('login')?.trim() || undefined
  const apiKey = params.get('apiKey')?.trim() || undefined
  const journalRequest = {
    method: request.method,
    operation: operation || 'simple',
    params: journalParams(params),
  }
  const secrets = apiKey ? [apiKey] : []

  let decision: HttpDecision
  const injected = refuse === undefined ? undefined : codeEntry(ALLMYSMS_HTTP_CODES, refuse)
  if (injected && injected.code !== 100 && injected.code !== 101) {
    const code = injected.code as AllmysmsHttpCode
    decision = { answer: errorAnswer(code), effects: [], code }
  } else if (operation === '' || operation === 'sendSms' || operation === 'simulateCampaign') {
    const reading =
      operation === ''
        ? { ok: true as const, input: readSimpleSend(params), format: 'json' as const }
        : readSmsData(params.get('smsData'))
    decision = decideHttpSend(
      { ...(login ? { login } : {}), ...(apiKey ? { apiKey } : {}) },
      reading,
      view,
      now,
      operation === 'simulateCampaign',
    )
  } else {
    const account = authenticate(view, login, apiKey)
    if (!account) decision = { answer: errorAnswer(102), effects: [], code: 102 }
    else if (operation === 'deleteCampaign') {
      const done = decideDeleteCampaign(account, params.get('campId') ?? '', view)
      decision = { ...done, account: account.id }
    } else {
      const read = {
        getInfo: () => decideGetInfo(account),
        getAcks: () => decideGetAcks(account, params.get('campId') ?? '', view),
        getAckBySmsId: () => decideGetAckBySmsId(account, params.get('smsId') ?? '', view),
        getBlacklist: () => decideGetBlacklist(account, view),
      }[operation]
      decision = { answer: read(), effects: [], account: account.id }
    }
  }
  const smsIds = decision.answer.smsIds
  return {
    response: answer(200, phpJson(decision.answer)),
    effects: decision.effects,
    journal: {
      transport: 'http',
      request: {
        ...journalRequest,
        ...(typeof decision.answer.invalidNumbers === 'string' && decision.answer.invalidNumbers
          ? { invalidNumbers: journalList(decision.answer.invalidNumbers.split('|')) }
          : {}),
        ...(Array.isArray(smsIds) ? { smsIds: smsIds.length } : {}),
      },
      ...(decision.code !== undefined ? { code: decision.code } : {}),
      ...(decision.account ? { account: decision.account } : {}),
      ...(secrets.length ? { secrets } : {}),
    },
  }
}

/** The endpoint at `https://api.allmysms.com/http/9.0/…`. */
export const ALLMYSMS_HTTP: HttpEndpoint = {
  name: 'http/9.0',
  hosts: ALLMYSMS_HTTP_HOSTS,
  paths: [ALLMYSMS_HTTP_BASE, `${ALLMYSMS_HTTP_BASE}/`, `${ALLMYSMS_HTTP_BASE}/*`],
  caseInsensitive: true,
  handle: handleHttp,
}
