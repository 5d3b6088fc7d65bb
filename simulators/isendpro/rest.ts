/**
 * iSendPro's REST API at `https://apirest.isendpro.com/cgi-bin/…` (and `/isendpro/cgi-bin/…`
 * on smsim): `/sms`, `/smsmulti`, `/comptage`, `/credit`, `/hlr`, `/setlistenoire`,
 * `/dellistenoire`, `/getlistenoire`, `/campagne`. The keyid is in the parameters, never in a
 * header (`Authorization: Bearer …`, which the n8n node adds, is ignored). The sends apply the
 * mail interface's rules, from the same code (recipient.ts, sender.ts, message.ts, send.ts,
 * options.ts) on the same account: credits, liste noire, window, STOP.
 *
 * Answers (research §C.1, french-http-clients.md "What each client needs back"):
 * - a send: 200 `{"etat":{"etat":[{"code":0,"tel":"0601020304","message":…,"smslong":"1"}]}}`,
 *   `etat.etat` an **array** (an object breaks the generated PHP and Python clients and the
 *   flowground connector), one item per number in the request's order, `code` an integer;
 * - a code that answers the whole request (no `tel`: "Erreur generale" in the provider's PHP
 *   sample): 400 and the specification's `Erreur`, `{"etat":{"etat":[{"code":"3","message":…}]}}`
 *   (`code` a string, as that schema types it; ours: 400 over 200, research leaves it open);
 * - JSON with `Content-Type: application/json` always (flowground parses nothing else).
 *
 * @see shared/research/french-providers.md — §C.1, §C.4, §3.1–§3.6
 */
import {
  cutText,
  journalList,
  JOURNAL_FIELD_CHARS,
  JOURNAL_MAX_FIELDS,
  JOURNAL_TEXT_CHARS,
} from '../core/bounds.ts'
import type { Account } from '../core/model.ts'
import type { HttpEndpoint, HttpResult, SimRequest } from '../core/provider.ts'
import { countSegments } from '../core/segments.ts'
import type { StateView } from '../core/store.ts'
import { smsText } from './message.ts'
import { readIsendproOptions, windowRefusal } from './options.ts'
import { readSmslong } from './read.ts'
import { readRecipientNumber } from './recipient.ts'
import { accountOf, json, refused, restText, type Outcome, type RestItem } from './rest-answer.ts'
import { decideCampagne, decideGetListeNoire, decideHlr, decideListeNoire } from './rest-lists.ts'
import {
  DEFAULT_GMT_ZONE,
  readLocalDate,
  readParams,
  readSend,
  recipientsOf,
  textParam,
  MAX_TRACKER_CHARS,
  type Params,
  type RestSend,
} from './rest-read.ts'
import { sendEach } from './send.ts'
import { asksNoStop, readEmetteur, REST_STOP_MENTION, withStopMention } from './sender.ts'
import { ISENDPRO_REST_BASE, ISENDPRO_REST_HOST, type IsendproRestPath } from './wire.ts'

/** `/comptage`'s default `smslong` (the specification's default, which both generated clients send). */
export const COMPTAGE_DEFAULT_SMSLONG = '999'

/**
 * The annex's codes no REST request produces, with the reason (the coverage test reads it).
 */
export const ISENDPRO_REST_UNREACHABLE: Readonly<Record<number, string>> = {
  14: 'the IP white list ("Un contrôle IP … liste blanche", research §C.1) is not simulated: smsim does not see the client’s address as iSendPro would behind its proxies; every caller is allowed',
  30: 'the mail sender’s domain: the REST API has no sender address',
}

/**
 * The instant of `date_envoi` in `gmt_zone`, `'now'` when absent or past, `undefined` when it
 * cannot be read (ours: 999, the annex has no code for a bad date).
 */
function sendInstant(send: RestSend, now: Date): Date | 'now' | undefined {
  if (send.dateEnvoi === undefined) return 'now'
  const instant = readLocalDate(send.dateEnvoi, send.gmtZone ?? DEFAULT_GMT_ZONE)
  if (!instant) return undefined
  return instant.getTime() > now.getTime() ? instant : 'now'
}

/**
 * What `/sms`, `/smsmulti` and `/comptage` check first, in this order: the parameters readable
 * (else 999), an injected fault (29, 999), the keyid (1, 2, 3); then the send, its account, and
 * what every later refusal of the request carries.
 */
function openSend(
  params: Params,
  multi: boolean,
  view: StateView,
  refuse: number | undefined,
):
  | { refused: Outcome }
  | { send: RestSend; account: Account; base: { account: string; ignored: string[] | undefined } } {
  const read = readSend(params, multi)
  if (!read.ok) return { refused: refused(999, { detail: read.detail }) }
  const { send } = read
  const ignored = send.ignored
  if (refuse === 29 || refuse === 999) return { refused: refused(refuse, { ignored }) }
  const who = accountOf(send.keyid, view)
  if (!who.ok) return { refused: refused(who.code, { ignored }) }
  return { send, account: who.account, base: { account: who.account.id, ignored } }
}

/**
 * `/sms` and `/smsmulti`: the whole-request checks in the mail interface's order — fault, 1, 2,
 * 3, 16, 33, 34 (smslong), 23, 6, then 999 for an unreadable `date_envoi`, 24 at the sending
 * instant — then send.ts for each number: 7, 27, 11, 21, 22, 999 (no text), 34 (too long), 12, 0.
 */
function decideSend(
  params: Params,
  multi: boolean,
  view: StateView,
  now: Date,
  refuse: number | undefined,
): Outcome {
  const opened = openSend(params, multi, view, refuse)
  if ('refused' in opened) return opened.refused
  const { send, account, base } = opened
  const emetteur = readEmetteur(send.emetteur)
  if (!emetteur.ok) return refused(emetteur.code, base)
  const allowedParts = readSmslong(send.smslong?.trim())
  if (allowedParts === 'invalid') return refused(34, base)
  if (send.tooMany) return refused(23, base)
  if (send.nums.length === 0) return refused(6, base)
  const at = sendInstant(send, now)
  if (!at) return refused(999, { ...base, detail: 'date_envoi or gmt_zone cannot be read' })
  const options = readIsendproOptions(account.options)
  const refusal = windowRefusal(options, at === 'now' ? now : at)
  if (refusal) return refused(24, { ...base, notes: [refusal] })
  const notes = [
    ...(send.ucs2 === '1' ? ['ucs2: the text is counted in the encoding its characters need'] : []),
    ...(send.trackers.some((t) => t.length > MAX_TRACKER_CHARS)
      ? ['tracker ignored: 50 characters or more ("moins de 50 caractères")']
      : []),
  ]
  const recipients = recipientsOf(send)
  const sends = sendEach(
    {
      emetteur,
      noStop: asksNoStop(send.nostop),
      recipients,
      smsIgnored: false,
    },
    {
      account,
      options,
      allowedParts,
      smslongGiven: send.smslong !== undefined,
      stopMention: REST_STOP_MENTION,
      transport: 'http',
      ref: { operation: multi ? 'smsmulti' : 'sms' },
      ...(at !== 'now' ? { scheduledAt: at.toISOString() } : {}),
    },
    view,
  )
  const items: RestItem[] = sends.recipients.map((r) => ({
    code: r.code,
    tel: r.tel,
    message: restText(r.code),
    ...(r.code === 0 && r.parts !== undefined ? { smslong: String(r.parts) } : {}),
  }))
  const code = items.some((i) => i.code === 0) ? 0 : items[0]?.code
  return {
    response: json(200, { etat: { etat: items } }),
    effects: sends.effects,
    ...(code !== undefined ? { code } : {}),
    ...base,
    notes: [...notes, ...sends.notes, ...(at !== 'now' ? [`deferred to ${at.toISOString()}`] : [])],
  }
}

/**
 * `/comptage`: how many characters and SMS the text makes for the number, STOP mention
 * included, without sending or debiting. The answer in the array shape of the specification's
 * schema (its example shows an object; the schema wins):
 * `{"etat":{"etat":[{"nb_caractere":"222","nb_sms":"2","tel":"0680010203"}]}}`.
 */
function decideComptage(params: Params, view: StateView, refuse: number | undefined): Outcome {
  const opened = openSend(params, false, view, refuse)
  if ('refused' in opened) return opened.refused
  const { send, account, base } = opened
  const emetteur = readEmetteur(send.emetteur)
  if (!emetteur.ok) return refused(emetteur.code, base)
  if (readSmslong((send.smslong ?? COMPTAGE_DEFAULT_SMSLONG).trim()) === 'invalid')
    return refused(34, base)
  const tel = send.nums[0]
  if (tel === undefined) return refused(6, base)
  const number = readRecipientNumber(tel)
  if (!number.ok) return refused(number.code, base)
  const written = send.sms[0]
  if (written === undefined || written.trim() === '')
    return refused(999, { ...base, detail: 'no sms to count' })
  const options = readIsendproOptions(account.options)
  const stop =
    emetteur.emetteur !== undefined && !(asksNoStop(send.nostop) && options.nostopAllowed)
  const message = smsText(written)
  const text = stop ? withStopMention(message, REST_STOP_MENTION) : message
  const count = countSegments(text)
  return {
    response: json(200, {
      etat: {
        etat: [
          {
            nb_caractere: String([...text].length),
            nb_sms: String(count.segments),
            tel,
          },
        ],
      },
    }),
    code: 0,
    ...base,
  }
}

/**
 * `/credit`: `credit=1` the amount, `credit=2` also `quantite` ("Equivalence du crédit en
 * nombre de SMS vers la France Métropolitaine"). Ours: smsim counts credits as SMS parts to
 * metropolitan France, so the amount is that count, written `"10.0"` as the example writes it.
 */
function decideCredit(params: Params, view: StateView, refuse: number | undefined): Outcome {
  const keyid = textParam(params, 'keyid')
  const credit = textParam(params, 'credit')
  if (!keyid.ok) return refused(999, { detail: keyid.detail })
  if (!credit.ok) return refused(999, { detail: credit.detail })
  if (refuse === 29 || refuse === 999) return refused(refuse)
  const who = accountOf(keyid.value, view)
  if (!who.ok) return refused(who.code)
  const { credits } = who.account
  return {
    response: json(200, {
      etat: {
        credit: credits.toFixed(1),
        ...(credit.value?.trim() === '2' ? { quantite: String(Math.floor(credits)) } : {}),
      },
    }),
    code: 0,
    account: who.account.id,
  }
}

/** The methods each operation takes: the specification's, and GET/POST both where clients differ. */
const METHODS: Record<IsendproRestPath, readonly string[]> = {
  '/sms': ['POST'],
  '/smsmulti': ['POST'],
  '/comptage': ['POST'],
  // GET query in the specification, POST form in the PHP client since June 2025 (research §C.1).
  '/credit': ['GET', 'POST'],
  '/hlr': ['POST'],
  '/setlistenoire': ['POST', 'GET'],
  '/dellistenoire': ['POST', 'GET'],
  '/getlistenoire': ['POST', 'GET'],
  '/campagne': ['GET', 'POST'],
}

function decide(
  path: IsendproRestPath,
  params: Params,
  view: StateView,
  now: Date,
  refuse: number | undefined,
): Outcome {
  switch (path) {
    case '/sms':
      return decideSend(params, false, view, now, refuse)
    case '/smsmulti':
      return decideSend(params, true, view, now, refuse)
    case '/comptage':
      return decideComptage(params, view, refuse)
    case '/credit':
      return decideCredit(params, view, refuse)
    case '/hlr':
      return decideHlr(params, view, refuse)
    case '/setlistenoire':
      return decideListeNoire(params, true, view, refuse)
    case '/dellistenoire':
      return decideListeNoire(params, false, view, refuse)
    case '/getlistenoire':
      return decideGetListeNoire(params, view, refuse)
    case '/campagne':
      return decideCampagne(params, view, refuse)
  }
}

/** What the journal keeps of the parameters: each cut to a named length, lists summarised. */
function journalParams(params: Params): Record<string, unknown> {
  const kept: Record<string, unknown> = {}
  for (const [name, value] of [...params].slice(0, JOURNAL_MAX_FIELDS)) {
    const limit = name === 'sms' ? JOURNAL_TEXT_CHARS : JOURNAL_FIELD_CHARS
    kept[name] =
      typeof value === 'string'
        ? cutText(value, limit)
        : Array.isArray(value)
          ? journalList(value.map((v) => cutText(v, limit)))
          : `(${value.wrongType})`
  }
  return kept
}

/** Handles one REST request: never throws (an unexpected failure answers 999 and is journalled). */
function handleRest(path: IsendproRestPath) {
  return (request: SimRequest, view: StateView, now: Date, refuse?: number): HttpResult => {
    const method = request.method === 'HEAD' ? 'GET' : request.method
    if (!METHODS[path].includes(method)) {
      const allow = METHODS[path].join(', ')
      return {
        response: {
          status: 405,
          headers: { allow, 'content-type': 'text/plain; charset=utf-8' },
          body: `Method Not Allowed: ${path} takes ${allow}`,
        },
        effects: [],
        journal: { transport: 'http', request: { method: request.method, operation: path } },
      }
    }
    const reading = readParams(request)
    let outcome: Outcome
    let params: Params = new Map()
    if (!reading.ok) outcome = refused(999, { detail: reading.detail })
    else {
      params = reading.params
      try {
        outcome = decide(path, params, view, now, refuse)
      } catch (error) {
        outcome = refused(999, { detail: `internal error: ${(error as Error).message}` })
      }
    }
    const keyid = params.get('keyid')
    return {
      response: outcome.response,
      effects: outcome.effects ?? [],
      journal: {
        transport: 'http',
        request: {
          method: request.method,
          operation: path,
          params: journalParams(params),
          ...(outcome.ignored?.length ? { ignored: journalList(outcome.ignored) } : {}),
          ...(outcome.notes?.length ? { notes: outcome.notes } : {}),
          ...(outcome.detail ? { detail: cutText(outcome.detail, JOURNAL_FIELD_CHARS) } : {}),
        },
        ...(outcome.account ? { account: outcome.account } : {}),
        ...(outcome.code !== undefined ? { code: outcome.code } : {}),
        ...(typeof keyid === 'string' && keyid !== '' ? { secrets: [keyid] } : {}),
      },
    }
  }
}

/** The REST endpoints, one per operation, at the real host and under smsim's prefix. */
export const ISENDPRO_REST: readonly HttpEndpoint[] = (
  Object.keys(METHODS) as IsendproRestPath[]
).map((path) => ({
  name: `rest ${path}`,
  hosts: [ISENDPRO_REST_HOST],
  paths: [`${ISENDPRO_REST_BASE}${path}`],
  handle: handleRest(path),
}))
