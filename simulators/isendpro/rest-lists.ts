/**
 * iSendPro's REST operations on an account's lists and history rather than a send: `/hlr`, the
 * liste noire (`/setlistenoire`, `/dellistenoire`, `/getlistenoire`) shared with the mail
 * interface (code 11), and the `/campagne` report. The sends are rest.ts.
 *
 * @see shared/research/french-providers.md — §C.1
 */
import type { SimResponse } from '../core/provider.ts'
import type { StateView } from '../core/store.ts'
import { readIsendproOptions, type IsendproOptions } from './options.ts'
import { MAX_RECIPIENTS } from './read.ts'
import { readRecipientNumber } from './recipient.ts'
import { accountOf, json, refused, type Outcome } from './rest-answer.ts'
import { DEFAULT_GMT_ZONE, listParam, readLocalDate, textParam, type Params } from './rest-read.ts'
import { zipOne } from './zip.ts'

/** The operator `/hlr` names for a reachable number (the specification's example, ours for all). */
export const HLR_OPERATOR = 'ORAN'

/** The operator `/hlr` names for a number of a Full MVNO (state `mvno`, ours). */
export const HLR_MVNO_OPERATOR = 'FMVNO'

/**
 * `/hlr`: the operator of each number, `{"etat":{"etat":[{"operateur":"ORAN","tel":…}]}}`
 * (array, the schema's `HLRReponseEtat.etat`); `""` for a number that is not valid or not
 * assigned ("Opérateur associé (si numéro valide)"). Free (ours).
 */
export function decideHlr(params: Params, view: StateView, refuse: number | undefined): Outcome {
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
export function decideListeNoire(
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
export function decideGetListeNoire(
  params: Params,
  view: StateView,
  refuse: number | undefined,
): Outcome {
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
export function decideCampagne(
  params: Params,
  view: StateView,
  refuse: number | undefined,
): Outcome {
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
