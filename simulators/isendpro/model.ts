/**
 * The values iSendPro's mail pipeline hands from one step to the next, and nothing else:
 *
 * 1. {@link IsendproMailRequest}: the fields of an inbound mail iSendPro looks at (mail.ts);
 * 2. {@link IsendproRequest}: what that mail asks, read once — the `<envoi>`, the attachments,
 *    the sender (read.ts);
 * 3. {@link IsendproOutcome}: what the decision made of it, for the journal and the replies
 *    (decide.ts, send.ts).
 *
 * Types only: every step imports them from here, so that no two steps import each other.
 */
import type { InboundAttachment } from '../core/mail.ts'
import type { IsendproAckCode, RecipientCode, RequestCode } from './codes.ts'
import type { UnreadableReason } from './envoi.ts'
import type { SenderReading } from './sender.ts'

/** The fields of a mail that iSendPro reads. */
export interface IsendproMailRequest {
  /** The sender's address (From, else the envelope sender), lower case; `''` when neither. */
  sender: string
  /** The text/plain body, line ends `\n`. */
  text: string
  /** "format text brut sans aucune mise en forme": a text/plain part and no HTML part. */
  plainText: boolean
  attachments: readonly InboundAttachment[]
  messageId?: string
  /** A mail a program says it sent (core/reply-mail.ts): never processed, never answered. */
  automatic?: boolean
}

/** Why a mail was not processed at all (no Ack, no Not, nothing sent). */
export type NotProcessed = 'automatic' | 'not-plain-text' | UnreadableReason

/** One recipient as the mail gives it, with the message written for it. */
export interface Recipient {
  /** The number as written. */
  tel: string
  /** `[1]`…`[3]` from its line of `mobiles.csv`; absent for `num`/`numX`. */
  fields?: readonly string[]
  /**
   * Its message as written, before merging and line breaks: `message.csv`'s first line, else
   * its own `smsX`, else `sms`; absent when the mail gives it none (999).
   */
  message?: string
  /** Its own tracker (REST `/smsmulti`'s `tracker[]`), over the request's. */
  tracker?: string
}

/**
 * What a processable mail asks, read once from its `<envoi>`, its attachments and its sender.
 * The account it names, and the account's options, are the decision's to look up.
 */
export interface IsendproRequest {
  /** The Message-ID of the mail, to thread the replies under it. */
  messageId?: string
  /** The sender's domain, lower case; absent when there is none to read (30). */
  senderDomain?: string
  /** `<keyid>` as written: absent (1), empty (2), or the key to look up (3). */
  keyid?: string
  /** `<emailId>` trimmed; absent when missing or blank (Ack 2). */
  emailId?: string
  /** `<emailAck>` and `<emailNot>` as written: the decision checks they are addresses. */
  emailAck?: string
  emailNot?: string
  /** `<emetteur>`: the default sender, a custom one, or the code refusing it (16, 33). */
  emetteur: SenderReading
  /** `<nostop>1</nostop>`: asks to drop the STOP mention (the account must allow it). */
  noStop: boolean
  /** The parts each SMS may have (`<smslong>`, capped), or `'invalid'` when it is not a whole number ≥ 1 (34). */
  allowedParts: number | 'invalid'
  /** Whether `smslong` was given at all (the journal's note on 34). */
  smslongGiven?: boolean
  tracker?: string
  /** In the mail's order, at most one past the limit (23). */
  recipients: readonly Recipient[]
  /** A `numX` or `smsX` with `X` over 500 was given (23). */
  beyondMaxIndex: boolean
  /** `num`/`numX` were given beside `mobiles.csv`, which wins. */
  numIgnored: boolean
  /** `sms`/`smsX` were given beside `message.csv`, which wins. */
  smsIgnored: boolean
  /** Elements of the `<envoi>` the document does not list. */
  ignored: readonly string[]
}

/** A mail read: the request it makes, or why it is not processed at all. */
export type IsendproReading =
  { ok: true; request: IsendproRequest } | { ok: false; reason: NotProcessed; detail?: string }

/** What one recipient got. */
export interface RecipientOutcome {
  /** The number as written. */
  tel: string
  code: RecipientCode
  /** E.164, when the number was read. */
  to?: string
  /** SMS parts sent (and credits debited), for code 0. */
  parts?: number
}

export interface IsendproOutcome {
  /** Set when the mail was not processed at all. */
  notProcessed?: NotProcessed
  /** The parser's or the gateway's reason, for the journal. */
  detail?: string
  emailId?: string
  keyid?: string
  /** The Ack code (whether or not an Ack mail could be sent). */
  ack?: IsendproAckCode
  /** The code that answered the whole mail, when one did. */
  requestCode?: RequestCode
  /** One entry per recipient, in the mail's order (none when a request code answered). */
  recipients: RecipientOutcome[]
  /** Where the Ack and the Not were mailed, when they were. */
  ackTo?: string
  notTo?: string
  /** Elements of the `<envoi>` the document does not list. */
  ignored: string[]
  /** What the decision chose not to use, for the journal (`num` beside `mobiles.csv`…). */
  notes: string[]
}
