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
import { localToInstant } from '../core/calendar.ts'
import { codeText } from '../core/codes.ts'
import type { Effect } from '../core/effects.ts'
import type { Account } from '../core/model.ts'
import type { HttpEndpoint, HttpResult, SimRequest, SimResponse } from '../core/provider.ts'
import { countSegments } from '../core/segments.ts'
import type { StateView } from '../core/store.ts'
import { ISENDPRO_CODES } from './codes.ts'
import { smsText } from './message.ts'
import { readIsendproOptions, windowRefusal, type IsendproOptions } from './options.ts'
import { MAX_RECIPIENTS, readSmslong } from './read.ts'
import { readRecipientNumber } from './recipient.ts'
import {
  readParams,
  readSend,
  recipientsOf,
  textParam,
  listParam,
  MAX_TRACKER_CHARS,
  type Params,
  type RestSend,
} from './rest-read.ts'
import { sendEach } from './send.ts'
import { asksNoStop, readEmetteur, REST_STOP_MENTION, withStopMention } from './sender.ts'
import {
  ISENDPRO_REST_BASE,
  ISENDPRO_REST_HOST,
  ISENDPRO_REST_TEXTS,
  type IsendproRestPath,
} from './wire.ts'
import { zipOne } from './zip.ts'

const JSON_TYPE = 'application/json; charset=utf-8'

/** `/comptage`'s default `smslong` (the specification's default, which both generated clients send). */
export const COMPTAGE_DEFAULT_SMSLONG = '999'

/** The zone of `date_envoi` without `gmt_zone`, and of `/campagne`'s dates (ours: the service's). */
export const DEFAULT_GMT_ZONE = 'Europe/Paris'

/** `date_envoi`, `date_deb`, `date_fin`: "YYYY-MM-DD hh:mm" (seconds tolerated, ours). */
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/

/** The operator `/hlr` names for a reachable number (the specification's example, ours for all). */
export const HLR_OPERATOR = 'ORAN'

/** The operator `/hlr` names for a number of a Full MVNO (state `mvno`, ours). */
export const HLR_MVNO_OPERATOR = 'FMVNO'

/**
 * The annex's codes no REST request produces, with the reason (the coverage test reads it).
 */
export const ISENDPRO_REST_UNREACHABLE: Readonly<Record<number, string>> = {
  14: 'the IP white list ("Un contrôle IP … liste blanche", research §C.1) is not simulated: smsim does not see the client’s address as iSendPro would behind its proxies; every caller is allowed',
  30: 'the mail sender’s domain: the REST API has no sender address',
}

/** The text of a code on the REST API: the REST page's wording where it has one, else the annex's. */
export function restText(code: number): string {
  return ISENDPRO_REST_TEXTS[code] ?? codeText(ISENDPRO_CODES, code) ?? ''
}

/** One item of a send's answer. */
export interface RestItem {
  code: number
  tel: string
  message: string
  /** "Nombre de SMS longs facturés", for a sent SMS. */
  smslong?: string
}

function json(status: number, body: unknown): SimResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) }
}

/** A code that answers the whole request: 400 and `Erreur`, no `tel`. */
export function generalError(code: number): SimResponse {
  return json(400, { etat: { etat: [{ code: String(code), message: restText(code) }] } })
}

/** What an operation decided, before the journal is written. */
interface Outcome {
  response: SimResponse
  effects?: Effect[]
  code?: number
  account?: string
  notes?: string[]
  ignored?: string[]
  detail?: string
}

const refused = (code: number, rest: Partial<Outcome> = {}): Outcome => ({
  response: generalError(code),
  code,
  ...rest,
})

/** The keyid's checks (1, 2, 3) and the account it names. */
function accountOf(
  keyid: string | undefined,
  view: StateView,
): { ok: true; account: Account } | { ok: false; code: 1 | 2 | 3 } {
  if (keyid === undefined) return { ok: false, code: 1 }
  if (keyid.trim() === '') return { ok: false, code: 2 }
  const account = view.account('isendpro', keyid)
  return account ? { ok: true, account } : { ok: false, code: 3 }
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
 * A "YYYY-MM-DD hh:mm" in a zone, or `undefined` (a bad date, an unknown zone, an hour the
 * clocks skip).
 *
 * @example
 * readLocalDate('2026-01-05 09:00', 'Europe/Paris') // 2026-01-05T08:00:00.000Z
 */
export function readLocalDate(value: string, zone: string): Date | undefined {
  const match = LOCAL_DATE.exec(value.trim())
  if (!match) return undefined
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0))
  return localToInstant(
    { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! },
    zone,
  )
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
  const read = readSend(params, multi)
  if (!read.ok) return refused(999, { detail: read.detail })
  const { send } = read
  const ignored = send.ignored
  if (refuse === 29 || refuse === 999) return refused(refuse, { ignored })
  const who = accountOf(send.keyid, view)
  if (!who.ok) return refused(who.code, { ignored })
  const { account } = who
  const base = { account: account.id, ignored }
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
  const read = readSend(params, false)
  if (!read.ok) return refused(999, { detail: read.detail })
  const { send } = read
  const ignored = send.ignored
  if (refuse === 29 || refuse === 999) return refused(refuse, { ignored })
  const who = accountOf(send.keyid, view)
  if (!who.ok) return refused(who.code, { ignored })
  const base = { account: who.account.id, ignored }
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
  const options = readIsendproOptions(who.account.options)
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

/**
 * `/hlr`: the operator of each number, `{"etat":{"etat":[{"operateur":"ORAN","tel":…}]}}`
 * (array, the schema's `HLRReponseEtat.etat`); `""` for a number that is not valid or not
 * assigned ("Opérateur associé (si numéro valide)"). Free (ours).
 */
function decideHlr(params: Params, view: StateView, refuse: number | undefined): Outcome {
  const keyid = textParam(params, 'keyid')
  const nums = listParam(params, 'num')
  if (!keyid.ok) return refused(999, { detail: keyid.detail })
  if (!nums.ok) return refused(999, { detail: nums.detail })
  if (refuse === 29 || refuse === 999) return refused(refuse)
  const who = accountOf(keyid.value, view)
  if (!who.ok) return refused(who.code)
  const base = { account: who.account.id }
  const list = (nums.value ?? []).filter((n) => n.trim() !== '')
  if (list.length > MAX_RECIPIENTS) return refused(23, base)
  if (list.length === 0) return refused(6, base)
  const items = list.map((tel) => {
    const number = readRecipientNumber(tel)
    const status = number.ok ? view.numberState(number.e164).status : 'unassigned'
    const operateur =
      status === 'unassigned' ? '' : status === 'mvno' ? HLR_MVNO_OPERATOR : HLR_OPERATOR
    return { operateur, tel }
  })
  return { response: json(200, { etat: { etat: items } }), code: 0, ...base }
}

/**
 * `/setlistenoire` and `/dellistenoire`: the number added to or taken off the account's liste
 * noire, which both interfaces read (11). `{"etat":{"etat":[{"listeNoire":"OK","tel":…}]}}`.
 */
function decideListeNoire(
  params: Params,
  add: boolean,
  view: StateView,
  refuse: number | undefined,
): Outcome {
  const keyid = textParam(params, 'keyid')
  const num = textParam(params, 'num')
  if (!keyid.ok) return refused(999, { detail: keyid.detail })
  if (!num.ok) return refused(999, { detail: num.detail })
  if (refuse === 29 || refuse === 999) return refused(refuse)
  const who = accountOf(keyid.value, view)
  if (!who.ok) return refused(who.code)
  const base = { account: who.account.id }
  const tel = num.value?.trim()
  if (!tel) return refused(6, base)
  const number = readRecipientNumber(tel)
  if (!number.ok) return refused(number.code, base)
  const options: IsendproOptions = readIsendproOptions(who.account.options)
  const listed = options.blacklist.includes(number.e164)
  const blacklist = add
    ? listed
      ? options.blacklist
      : [...options.blacklist, number.e164]
    : options.blacklist.filter((n) => n !== number.e164)
  const changed = blacklist.length !== options.blacklist.length
  return {
    response: json(200, { etat: { etat: [{ listeNoire: 'OK', tel }] } }),
    effects: changed
      ? [{ kind: 'options', provider: 'isendpro', account: who.account.id, set: { blacklist } }]
      : [],
    code: 0,
    ...base,
  }
}

/** A number as the liste noire's CSV writes it: national for France, else international digits. */
function nationalForm(e164: string): string {
  return e164.startsWith('+33') ? `0${e164.slice(3)}` : e164.slice(1)
}

function zipResponse(name: string, lines: string[]): SimResponse {
  return {
    status: 200,
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${name.replace(/\.csv$/, '.zip')}"`,
    },
    body: zipOne(name, Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'utf8')),
  }
}

/** `/getlistenoire`: the account's liste noire as a zipped CSV, one number a line (ours: the layout). */
function decideGetListeNoire(params: Params, view: StateView, refuse: number | undefined): Outcome {
  const keyid = textParam(params, 'keyid')
  if (!keyid.ok) return refused(999, { detail: keyid.detail })
  if (refuse === 29 || refuse === 999) return refused(refuse)
  const who = accountOf(keyid.value, view)
  if (!who.ok) return refused(who.code)
  const { blacklist } = readIsendproOptions(who.account.options)
  return {
    response: zipResponse('listenoire.csv', blacklist.map(nationalForm)),
    code: 0,
    account: who.account.id,
  }
}

/** Characters a `/campagne` CSV cell keeps of a message (ours: a whole 6-part SMS and more). */
const CAMPAGNE_TEXT_CHARS = 1_024

/**
 * `/campagne` (`rapportCampagne=1`): the SMS the account sent between `date_deb` and `date_fin`
 * ("YYYY-MM-DD hh:mm", Europe/Paris) as a zipped CSV. The columns are ours (the report's layout
 * is not public): `date;tel;emetteur;message;nb_sms;statut;tracker`.
 */
function decideCampagne(params: Params, view: StateView, refuse: number | undefined): Outcome {
  const fields = ['keyid', 'date_deb', 'date_fin'].map((name) => textParam(params, name))
  const bad = fields.find((f) => !f.ok)
  if (bad && !bad.ok) return refused(999, { detail: bad.detail })
  if (refuse === 29 || refuse === 999) return refused(refuse)
  const [keyid, deb, fin] = fields.map((f) => (f.ok ? f.value : undefined))
  const who = accountOf(keyid, view)
  if (!who.ok) return refused(who.code)
  const base = { account: who.account.id }
  const from = deb ? readLocalDate(deb, DEFAULT_GMT_ZONE) : undefined
  const to = fin ? readLocalDate(fin, DEFAULT_GMT_ZONE) : undefined
  if (!from || !to)
    return refused(999, { ...base, detail: 'date_deb and date_fin: YYYY-MM-DD hh:mm' })
  const cell = (value: unknown) => String(value ?? '').replace(/[;\r\n]+/g, ' ')
  const rows = view
    .messages({ provider: 'isendpro', account: who.account.id })
    .filter((sms) => {
      const at = Date.parse(sms.submittedAt)
      return at >= from.getTime() && at <= to.getTime()
    })
    .map((sms) =>
      [
        sms.submittedAt,
        nationalForm(sms.to),
        sms.from ?? '',
        sms.text.slice(0, CAMPAGNE_TEXT_CHARS),
        sms.segments,
        sms.status,
        sms.meta.tracker ?? '',
      ]
        .map(cell)
        .join(';'),
    )
  return {
    response: zipResponse('campagne.csv', [
      'date;tel;emetteur;message;nb_sms;statut;tracker',
      ...rows,
    ]),
    code: 0,
    ...base,
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
