/**
 * iSendPro's mail-to-SMS decision: from a mail read once (read.ts), the account state and the
 * clock — whether the mail is processed (the Ack), what each send gives (the Not), the SMS and
 * the debit. Pure. The pipeline, each step returning the value the next one reads:
 *
 *   mail.ts `isendproMailRequest` → read.ts `readIsendproMail` → {@link decideIsendproMail}:
 *   `judge` (the whole-mail checks; send.ts `sendEach` for each recipient) → `answer` (the Ack
 *   and the Not) → mail.ts writes the journal.
 *
 * The order, when several things are wrong (ours; the document gives none):
 * 1. not processed at all (read.ts), no reply: an automatic mail, a mail that is not plain text, a body
 *    without a readable `<envoi>` (none, a DOCTYPE/ENTITY, too large, malformed);
 * 2. Ack 2 without `<emailId>` — nothing else happens;
 * 3. the whole mail, in this order: 29/999 injected by a fault; 1, 2, 3 (the keyid);
 *    then Ack 1 for an emailId this account already processed; then 30, 14 (the sender's
 *    domain), 16, 33 (emetteur), 34 (smslong), 23, 6 (the numbers), 24 (the time window);
 * 4. each recipient, in the mail's order: 7, 27 (the number), 11, 21, 22 (its state), 999 (no
 *    text for it), 34 (too long), 12 (credit), else 0.
 *
 * Every mail that gets Ack 0 from a known account has its emailId remembered, whatever its
 * Not says — "Si 2 e-mails sont reçus avec le même emailId, alors le 2nd ne sera pas traité":
 * a mail refused at 21:00 (24) and sent again at 9:00 with the same emailId gets Ack 1. An
 * injected fault remembers nothing (the service failed: the same mail may be sent again).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Utilisation de l'API", III.5, IV
 */
import type { Decision, Effect } from '../core/effects.ts'
import type { StateView } from '../core/store.ts'
import { codeText } from '../core/codes.ts'
import { ISENDPRO_ACK_CODES, type IsendproAckCode, type RequestCode } from './codes.ts'
import type {
  IsendproOutcome,
  IsendproReading,
  IsendproRequest,
  RecipientOutcome,
} from './model.ts'
import { readIsendproOptions, windowRefusal, type IsendproOptions } from './options.ts'
import { MAX_RECIPIENTS } from './read.ts'
import { renderAck, renderNot, type NotEntry, type ReplyContext } from './reply.ts'
import { sendEach } from './send.ts'

/** A reply address: something@something, no spaces or brackets. */
const ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+$/

/**
 * Decides one mail, as read.ts `readIsendproMail` read it.
 *
 * @param refuse a code injected by a fault (29 or 999): answered instead of deciding
 *
 * @example
 * decideIsendproMail(readIsendproMail({ sender: 'app@masociete.com', plainText: true, attachments: [],
 *   text: '<envoi><keyid>k</keyid><num>0601020304</num><sms>Salut</sms><emailId>1</emailId><emailAck>ack@masociete.com</emailAck></envoi>' }),
 *   store, now)
 * // { reply: { ack: 0, recipients: [{ tel: '0601020304', code: 0, parts: 1, … }], … },
 * //   effects: [mark, debit 1, sms, Ack mail] }
 */
export function decideIsendproMail(
  reading: IsendproReading,
  view: StateView,
  now: Date,
  refuse?: number,
): Decision<IsendproOutcome> {
  if (!reading.ok) {
    const { reason, detail } = reading
    return {
      reply: {
        recipients: [],
        ignored: [],
        notes: [],
        notProcessed: reason,
        ...(detail ? { detail } : {}),
      },
      effects: [],
    }
  }
  return answer(reading.request, judge(reading.request, view, now, refuse))
}

/** What the decision made of a request, before the replies are written. */
interface Verdict {
  ack: IsendproAckCode
  /** The code that answers the whole mail, when one does. */
  requestCode?: RequestCode
  /** The keyid, once the emailId was read. */
  keyid?: string
  /** The account the keyid names, when there is one. */
  account?: string
  /** One per recipient, when the mail was sent. */
  recipients: RecipientOutcome[]
  /** The emailId's mark, the debit, the SMS: everything but the replies. */
  effects: Effect[]
  /** For the journal, in the order the decision met them. */
  notes: string[]
}

/** Ack 2, Ack 1, or Ack 0 with the code that answers the whole mail, else with each recipient's. */
function judge(
  request: IsendproRequest,
  view: StateView,
  now: Date,
  refuse: number | undefined,
): Verdict {
  const nothing = { recipients: [], effects: [], notes: [] }
  if (!request.emailId) return { ...nothing, ack: 2 }
  const { keyid } = request
  const account = keyid ? view.account('isendpro', keyid) : undefined
  const known = {
    ...nothing,
    ...(keyid ? { keyid } : {}),
    ...(account ? { account: account.id } : {}),
  }
  if (refuse === 29 || refuse === 999) return { ...known, ack: 0, requestCode: refuse }
  if (keyid === undefined) return { ...known, ack: 0, requestCode: 1 }
  if (keyid === '') return { ...known, ack: 0, requestCode: 2 }
  if (!account) return { ...known, ack: 0, requestCode: 3 }
  const key = `emailId:${request.emailId}`
  if (view.hasMark('isendpro', account.id, key)) return { ...known, ack: 1 }
  const mark: Effect = { kind: 'mark', provider: 'isendpro', account: account.id, key }
  const options = readIsendproOptions(account.options)
  const notes = request.numIgnored ? ['num ignored: mobiles.csv attached'] : []
  const check = checkRequest(request, options, now)
  if (!check.ok)
    return {
      ...known,
      ack: 0,
      requestCode: check.code,
      effects: [mark],
      notes: [...notes, ...(check.note ? [check.note] : [])],
    }
  const sends = sendEach(
    request,
    {
      account,
      options,
      allowedParts: check.allowedParts,
      smslongGiven: request.smslongGiven !== false,
      ref: { emailId: request.emailId },
    },
    view,
  )
  return {
    ...known,
    ack: 0,
    recipients: sends.recipients,
    effects: [mark, ...sends.effects],
    notes: [...notes, ...sends.notes],
  }
}

/** The whole-mail checks after the keyid: the code of the first that fails, with why for 24. */
type RequestCheck =
  { ok: true; allowedParts: number } | { ok: false; code: RequestCode; note?: string }

function checkRequest(request: IsendproRequest, options: IsendproOptions, now: Date): RequestCheck {
  if (!request.senderDomain) return { ok: false, code: 30 }
  if (!options.senderDomains.includes(request.senderDomain)) return { ok: false, code: 14 }
  if (!request.emetteur.ok) return { ok: false, code: request.emetteur.code }
  if (request.allowedParts === 'invalid') return { ok: false, code: 34 }
  const count = request.recipients.length
  if (count > MAX_RECIPIENTS || request.beyondMaxIndex) return { ok: false, code: 23 }
  if (count === 0) return { ok: false, code: 6 }
  const refusal = windowRefusal(options, now)
  if (refusal) return { ok: false, code: 24, note: refusal }
  return { ok: true, allowedParts: request.allowedParts }
}

/**
 * The Ack to `emailAck`, and — for Ack 0 — the Not to `emailNot`: `requestCode` for the whole
 * mail, else one entry per recipient decided; nowhere when the address is not one.
 */
function answer(request: IsendproRequest, verdict: Verdict): Decision<IsendproOutcome> {
  const { emailId, messageId } = request
  const { ack, requestCode, account } = verdict
  const ackTo = replyAddress(request.emailAck)
  const notAddress = replyAddress(request.emailNot)
  // The Not only goes with Ack 0: a mail not processed has no sends to tell of.
  const notTo = ack === 0 ? notAddress : undefined
  const outcome: IsendproOutcome = {
    ...(emailId ? { emailId } : {}),
    ...(verdict.keyid ? { keyid: verdict.keyid } : {}),
    ack,
    ...(requestCode !== undefined ? { requestCode } : {}),
    recipients: verdict.recipients,
    ...(ackTo ? { ackTo } : {}),
    ...(notTo ? { notTo } : {}),
    ignored: [...request.ignored],
    notes: [
      ...(request.emailAck && !ackTo ? ['emailAck is not an address: no Ack'] : []),
      ...(request.emailNot && !notAddress ? ['emailNot is not an address: no Not'] : []),
      ...verdict.notes,
    ],
  }
  const context: ReplyContext = {
    ...(emailId ? { emailId } : {}),
    ...(account ? { account } : {}),
    ...(messageId ? { inReplyTo: messageId } : {}),
  }
  const entries: NotEntry[] =
    requestCode !== undefined
      ? [{ code: requestCode, tel: '' }]
      : verdict.recipients.map((r) => ({ code: r.code, tel: r.tel }))
  const mails = [
    ...(ackTo ? [renderAck({ ...context, code: ack, to: ackTo })] : []),
    ...(notTo ? [renderNot({ ...context, entries, to: notTo })] : []),
  ]
  const code = journalCode(outcome)
  return {
    reply: outcome,
    effects: [...verdict.effects, ...mails.map((mail): Effect => ({ kind: 'mail', mail }))],
    ...(account ? { account } : {}),
    ...(code !== undefined ? { code } : {}),
  }
}

/**
 * The code the journal records for a mail: the Ack code when the mail was not processed
 * (`ack 1`, `ack 2`: the Ack table's numbers are not the annex's), the code that answered the
 * whole mail, else 0 when at least one SMS went, else the first recipient's code.
 *
 * @example
 * journalCode({ ack: 0, recipients: [{ tel: '06…', code: 11 }, { tel: '06…', code: 0 }], … }) // 0
 */
export function journalCode(outcome: IsendproOutcome): string | number | undefined {
  if (outcome.notProcessed || outcome.ack === undefined) return undefined
  if (outcome.ack !== 0) return `ack ${outcome.ack}`
  if (outcome.requestCode !== undefined) return outcome.requestCode
  return outcome.recipients.some((r) => r.code === 0) ? 0 : outcome.recipients[0]?.code
}

/** How {@link journalCode} writes an Ack code, which the annex's numbers would otherwise clash with. */
const JOURNAL_ACK_CODE = /^ack (\d+)$/

/**
 * What a code {@link journalCode} wrote means, when it is an Ack code (`ack 1`: the Ack
 * table's); `undefined` for the annex's codes, which the engine looks up in `ISENDPRO_CODES`.
 *
 * @example
 * journalCodeMeaning('ack 1') // 'emailId deja traite'
 * journalCodeMeaning(0)       // undefined
 */
export function journalCodeMeaning(code: string | number): string | undefined {
  const ack = JOURNAL_ACK_CODE.exec(String(code))
  return ack ? codeText(ISENDPRO_ACK_CODES, Number(ack[1])) : undefined
}

/** A usable reply address, or `undefined`. */
function replyAddress(value: string | undefined): string | undefined {
  const address = value?.trim()
  return address && ADDRESS.test(address) ? address : undefined
}
