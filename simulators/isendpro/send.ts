/**
 * The sends of a mail that passed every whole-mail check: who the recipients are (the lines of
 * `mobiles.csv`, else `num` and `num1`…`num500`), what each one gets (`smsX`, `sms` or
 * `message.csv` merged with its values; `Ö` as line breaks; the STOP mention), and for each one
 * either its SMS and its debit or the code that refused it. Pure, like the rest of the decision.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1, III.2, III.3, III.4, IV
 */
import type { Effect } from '../core/effects.ts'
import type { Account } from '../core/model.ts'
import { countSegments, longestText, type SegmentCount } from '../core/segments.ts'
import type { StateView } from '../core/store.ts'
import {
  attachmentText,
  findAttachment,
  MESSAGE_CSV,
  MOBILES_CSV,
  readMessageCsv,
  readMobilesCsv,
} from './csv.ts'
import type { IsendproMailRequest, IsendproOutcome, RecipientOutcome } from './decide.ts'
import { MAX_INDEX, type Envoi } from './envoi.ts'
import { MAX_PARTS, Messages, TOO_LONG } from './message.ts'
import { readIsendproOptions } from './options.ts'
import { readRecipientNumber } from './recipient.ts'
import { asksNoStop, DEFAULT_SENDER, readEmetteur, withStopMention } from './sender.ts'

/** Most recipients of one mail ("jusqu'à 500 destinataires différents par requête"). */
export const MAX_RECIPIENTS = MAX_INDEX

/**
 * Most parts of one SMS: "jusqu'à 6 SMS concaténés pour une longueur totale maximale de 918
 * caractères" (the REST documentation's `smslong`, research §C.1). Declared in message.ts,
 * which reads a message no further than these parts can reach.
 */
export { MAX_PARTS }

/** Parts allowed without `<smslong>`: one SMS, the 160 (or 141) characters of §4. */
export const DEFAULT_PARTS = 1

/** Credits per SMS part per recipient (ours: the unit). */
export const CREDITS_PER_PART = 1

/** How long the network keeps trying a phone that is off (ours: three days). */
export const SMS_VALIDITY_MS = 72 * 3600_000

/** One recipient as the mail gives it. */
export interface Recipient {
  tel: string
  /** `numX`'s X, or the line of `mobiles.csv` (1-based); 0 for `num`. */
  index: number
  /** `[1]`…`[3]` from `mobiles.csv`. */
  fields?: readonly string[]
}

/**
 * The recipients: the lines of `mobiles.csv` when it is attached (then `num`/`numX` are not
 * read), else `num` and `num1`…`num500` with a value. Read at most one past the limit.
 */
export function recipientsOf(
  request: IsendproMailRequest,
  envoi: Envoi,
  outcome: IsendproOutcome,
): Recipient[] {
  const csv = findAttachment(request.attachments, MOBILES_CSV)
  if (csv) {
    if (envoi.nums.length) outcome.notes.push('num ignored: mobiles.csv attached')
    return readMobilesCsv(attachmentText(csv), MAX_RECIPIENTS + 1).map((row, i) => ({
      tel: row.num,
      index: i + 1,
      fields: row.fields,
    }))
  }
  return envoi.nums.filter((n) => n.value !== '').map((n) => ({ tel: n.value, index: n.index }))
}

/** Decides every recipient in turn and adds the debit and the SMS to `effects`. */
export function sendEach(
  request: IsendproMailRequest,
  envoi: Envoi,
  account: Account,
  recipients: readonly Recipient[],
  view: StateView,
  outcome: IsendproOutcome,
  effects: Effect[],
): void {
  const options = readIsendproOptions(account.options)
  const emetteur = readEmetteur(envoi.emetteur)
  const custom = emetteur.ok ? emetteur.emetteur : undefined
  const noStop = asksNoStop(envoi.nostop)
  if (noStop && !options.nostopAllowed)
    outcome.notes.push('nostop ignored: the account may not drop the STOP mention')
  const stop = custom !== undefined && !(noStop && options.nostopAllowed)
  const allowedParts = Math.min(envoi.smslong ? Number(envoi.smslong) : DEFAULT_PARTS, MAX_PARTS)
  const messageCsv = findAttachment(request.attachments, MESSAGE_CSV)
  const template = messageCsv ? readMessageCsv(attachmentText(messageCsv)) : undefined
  if (template !== undefined && (envoi.sms !== undefined || envoi.smsByIndex.size))
    outcome.notes.push('sms ignored: message.csv attached')

  const messages = new Messages()
  // A text shared by many recipients is counted once.
  const counted = new Map<string, SegmentCount>()
  let balance = account.credits
  let debit = 0
  const sms: Effect[] = []
  const decideOne = (recipient: Recipient): RecipientOutcome => {
    const { tel } = recipient
    const number = readRecipientNumber(tel)
    if (!number.ok) return { tel, code: number.code }
    const to = number.e164
    const state = view.numberState(to).status
    if (state === 'blacklisted') return { tel, to, code: 11 }
    if (state === 'unassigned') return { tel, to, code: 21 }
    if (state === 'mvno') return { tel, to, code: 22 }
    const written =
      template ??
      (recipient.index > 0 ? envoi.smsByIndex.get(recipient.index) : undefined) ??
      envoi.sms
    const message = written === undefined ? '' : messages.messageFor(written, recipient.fields)
    if (message === TOO_LONG) return { tel, to, code: 34 }
    if (message.trim() === '') return { tel, to, code: 999 }
    const text = stop ? withStopMention(message) : message
    // Longer than `smslong` parts can carry whatever its characters: 34 without counting it.
    if (text.length > longestText(allowedParts)) return { tel, to, code: 34 }
    let count = counted.get(text)
    if (!count) counted.set(text, (count = countSegments(text)))
    if (count.segments > allowedParts) return { tel, to, code: 34 }
    const cost = count.segments * CREDITS_PER_PART
    if (cost > balance) return { tel, to, code: 12 }
    balance -= cost
    debit += cost
    sms.push({
      kind: 'sms',
      sms: {
        provider: 'isendpro',
        account: account.id,
        transport: 'mail',
        from: custom ?? DEFAULT_SENDER,
        to,
        text,
        encoding: count.encoding,
        segments: count.segments,
        class: 'normal',
        validityMs: SMS_VALIDITY_MS,
        meta: {
          emailId: outcome.emailId,
          ...(envoi.tracker ? { tracker: envoi.tracker } : {}),
          ...(stop ? { stopMention: true } : {}),
        },
      },
    })
    return { tel, to, code: 0, parts: count.segments }
  }
  for (const recipient of recipients) outcome.recipients.push(decideOne(recipient))
  if (debit > 0)
    effects.push({
      kind: 'debit',
      provider: 'isendpro',
      account: account.id,
      amount: debit,
      reason: `mail 2 sms, emailId ${outcome.emailId}`,
    })
  effects.push(...sms)
}
