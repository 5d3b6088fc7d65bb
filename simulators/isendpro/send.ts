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
import { Messages, TOO_LONG } from './message.ts'
import type { IsendproRequest, Recipient, RecipientOutcome } from './model.ts'
import type { IsendproOptions } from './options.ts'
import { readRecipientNumber } from './recipient.ts'
import { DEFAULT_SENDER, withStopMention } from './sender.ts'

/** Credits per SMS part per recipient (ours: the unit). */
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

/** What the sends read besides the request: the account, its options, `<smslong>` once checked. */
export interface SendTerms {
  account: Account
  options: IsendproOptions
  /** The parts each SMS may have. */
  allowedParts: number
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
  request: IsendproRequest,
  { account, options, allowedParts }: SendTerms,
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
    const written = recipient.message
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
          emailId: request.emailId,
          ...(request.tracker ? { tracker: request.tracker } : {}),
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
            reason: `mail 2 sms, emailId ${request.emailId}`,
          },
        ]
      : []
  return { recipients, effects: [...debited, ...sms], notes }
}
