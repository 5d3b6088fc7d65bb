/**
 * The sends of a mail that passed every whole-mail check: for each recipient the request read
 * (read.ts), what it gets (its message merged with its `mobiles.csv` values, `Ö` as line
 * breaks, the STOP mention), and either its SMS and its debit or the code that refused it.
 * Pure, like the rest of the decision: returns what it decided, changes nothing it is given.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1, III.2, III.3, III.4, IV
 */
import type { Effect } from '../core/effects.ts'
import type { Account } from '../core/model.ts'
import { countSegments, longestText, type SegmentCount } from '../core/segments.ts'
import type { StateView } from '../core/store.ts'
import { MAX_PARTS, Messages, TOO_LONG } from './message.ts'
import type { IsendproRequest, Recipient, RecipientOutcome } from './model.ts'
import type { IsendproOptions } from './options.ts'
import { readRecipientNumber } from './recipient.ts'
import { DEFAULT_SENDER, STOP_MENTION, withStopMention } from './sender.ts'

/** Credits per SMS part per recipient (ours: the issue's unit). */
export const CREDITS_PER_PART = 1

/** How long the network keeps trying a phone that is off (ours: three days). */
export const SMS_VALIDITY_MS = 72 * 3600_000

/** What the sends of a mail give: each recipient's code, the debit and the SMS, what was not used. */
export interface Sends {
  /** One per recipient, in the mail's order. */
  recipients: RecipientOutcome[]
  /** The debit (when anything was sent), then the SMS. */
  effects: Effect[]
  /** For the journal: a `<nostop>` the account may not use, `sms` beside `message.csv`. */
  notes: string[]
}

/**
 * What the sends read of a request: the same for a mail (read.ts) and a REST call (rest-read.ts),
 * so that both interfaces apply one set of rules.
 */
export type SendRequest = Pick<
  IsendproRequest,
  'emetteur' | 'noStop' | 'tracker' | 'recipients' | 'smsIgnored'
>

/** What the sends read besides the request: the account, its options, `<smslong>` once checked. */
export interface SendTerms {
  account: Account
  options: IsendproOptions
  /** The parts each SMS may have. */
  allowedParts: number
  /** The STOP mention this interface appends (the mail's `STOP SMS au …`, the REST API's `STOP …`). */
  stopMention?: string
  /** Whether the request gave `smslong` (for the journal's note on 34); default true. */
  smslongGiven?: boolean
  /** The interface the request came through: `mail` (default) or `http` (the REST API). */
  transport?: 'mail' | 'http'
  /** What the debit's reason and each SMS's `meta` name the request by (`emailId` for a mail). */
  ref?: Record<string, string>
  /** When the SMS go on the network, for a deferred send (REST `date_envoi`). */
  scheduledAt?: string
}

/**
 * Decides every recipient in turn, in the mail's order: its code, and for code 0 its SMS; one
 * debit for them all.
 *
 * @example
 * sendEach(request, { account, options, allowedParts: 1 }, view)
 * // { recipients: [{ tel: '0601020304', to: '+33601020304', code: 0, parts: 1 }],
 * //   effects: [debit 1, sms], notes: [] }
 */
export function sendEach(
  request: SendRequest,
  {
    account,
    options,
    allowedParts,
    smslongGiven = true,
    stopMention = STOP_MENTION,
    transport = 'mail',
    ref = {},
    scheduledAt,
  }: SendTerms,
  view: StateView,
): Sends {
  const custom = request.emetteur.ok ? request.emetteur.emetteur : undefined
  const stop = custom !== undefined && !(request.noStop && options.nostopAllowed)
  const notes = [
    ...(request.noStop && !options.nostopAllowed
      ? ['nostop ignored: the account may not drop the STOP mention']
      : []),
    ...(request.smsIgnored ? ['sms ignored: message.csv attached'] : []),
  ]

  const blacklist = new Set(options.blacklist)
  const messages = new Messages()
  // A text shared by many recipients is counted once.
  const counted = new Map<string, SegmentCount>()
  let balance = account.credits
  let debit = 0
  const sms: Effect[] = []
  // 34's text asks for an integer smslong: what a text longer than the allowed parts needs
  // ("Pour envoyer un smslong, il faut ajouter le paramètre smslong aux appels … smslong =
  // "999"", research §C.1). The journal says which case it was, once per request.
  let tooLongNoted = false
  const tooLong = (tel: string, to: string): RecipientOutcome => {
    if (!tooLongNoted) {
      tooLongNoted = true
      notes.push(tooLongNote(allowedParts, smslongGiven))
    }
    return { tel, to, code: 34 }
  }
  const decideOne = (recipient: Recipient): RecipientOutcome => {
    const { tel } = recipient
    const number = readRecipientNumber(tel)
    if (!number.ok) return { tel, code: number.code }
    const to = number.e164
    const state = view.numberState(to).status
    // The account's own liste noire (REST `/setlistenoire`) and the network's STOP list alike.
    if (state === 'blacklisted' || blacklist.has(to)) return { tel, to, code: 11 }
    if (state === 'unassigned') return { tel, to, code: 21 }
    if (state === 'mvno') return { tel, to, code: 22 }
    const written = recipient.message
    const message = written === undefined ? '' : messages.messageFor(written, recipient.fields)
    if (message === TOO_LONG) return tooLong(tel, to)
    if (message.trim() === '') return { tel, to, code: 999 }
    const text = stop ? withStopMention(message, stopMention) : message
    // Longer than `smslong` parts can carry whatever its characters: 34 without counting it.
    if (text.length > longestText(allowedParts)) return tooLong(tel, to)
    let count = counted.get(text)
    if (!count) counted.set(text, (count = countSegments(text)))
    if (count.segments > allowedParts) return tooLong(tel, to)
    const cost = count.segments * CREDITS_PER_PART
    if (cost > balance) return { tel, to, code: 12 }
    balance -= cost
    debit += cost
    sms.push({
      kind: 'sms',
      sms: {
        provider: 'isendpro',
        account: account.id,
        transport,
        from: custom ?? DEFAULT_SENDER,
        to,
        text,
        encoding: count.encoding,
        segments: count.segments,
        class: 'normal',
        validityMs: SMS_VALIDITY_MS,
        ...(scheduledAt ? { scheduledAt } : {}),
        meta: {
          ...ref,
          ...((recipient.tracker ?? request.tracker)
            ? { tracker: recipient.tracker ?? request.tracker }
            : {}),
          ...(stop ? { stopMention: true } : {}),
        },
      },
    })
    return { tel, to, code: 0, parts: count.segments }
  }
  const recipients = request.recipients.map(decideOne)
  const debited: Effect[] =
    debit > 0
      ? [
          {
            kind: 'debit',
            provider: 'isendpro',
            account: account.id,
            amount: debit,
            reason:
              transport === 'mail'
                ? `mail 2 sms, emailId ${ref.emailId}`
                : `REST ${Object.entries(ref)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ')}`.trim(),
          },
        ]
      : []
  return { recipients, effects: [...debited, ...sms], notes }
}

/**
 * The journal's note for a text longer than its parts allow: without `smslong`, one SMS is all
 * a request may send — 34 "La valeur de smslong doit être un entier !" then asks for the
 * integer that is missing.
 *
 * @example
 * tooLongNote(1, false) // 'text longer than 1 SMS and no smslong given: give smslong (2 to 6, or 999 for as many as needed up to 6)'
 */
export function tooLongNote(allowedParts: number, smslongGiven: boolean): string {
  return smslongGiven
    ? `text longer than smslong allows (${allowedParts} part${allowedParts > 1 ? 's' : ''}, at most ${MAX_PARTS})`
    : `text longer than 1 SMS and no smslong given: give smslong (2 to ${MAX_PARTS}, or 999 for as many as needed up to ${MAX_PARTS})`
}
