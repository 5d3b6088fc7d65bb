/**
 * The mail side's contract (STYLE.md §7): the SMTP gateway parses each mail once into an
 * {@link InboundMail} and hands it to the provider whose address it was sent to. Providers
 * decide like their HTTP endpoints do — pure, effects out — and reply by `mail` effects, which
 * land in the outbox.
 */
import type { Effect } from './effects.ts'
import type { StateView } from './store.ts'

/** An attachment, decoded. */
export interface InboundAttachment {
  filename: string
  contentType: string
  content: Uint8Array
}

/** One mail as received, normalized once by the gateway. */
export interface InboundMail {
  /** The SMTP envelope: MAIL FROM and the RCPT TO addresses accepted for this mail. */
  envelope: { from: string; to: string[] }
  /** The address of the From header, lower case (the envelope sender when there is none). */
  from: string
  subject: string
  /**
   * The plain-text body as the sender wrote it, line ends normalized to `\n`. Empty when the
   * mail has no text/plain part.
   */
  text: string
  /** The text/html part, when there is one. */
  html?: string
  /** Whether the mail had a text/plain part ("format texte brut"). */
  hasPlainText: boolean
  attachments: InboundAttachment[]
  /** Header names in lower case, first value each. */
  headers: Record<string, string>
  messageId?: string
}

/** What a mail endpoint decided. */
export interface MailResult {
  effects: Effect[]
  journal: {
    /** The fields the provider read, as strings cut to a named length (core/bounds.ts). */
    request: Record<string, unknown>
    account?: string
    code?: string | number
    /** Values read as credentials, right or wrong: masked wherever they occur in the entry. */
    secrets?: readonly string[]
    /** The account id the mail named when no account was recognised (see NewJournalEntry). */
    claimedAccount?: string
  }
  /**
   * An unexpected failure the endpoint caught to answer with the provider's own code (iSendPro
   * 999): the simulator logs it on its side; the client only ever sees the provider's answer.
   */
  internalError?: unknown
}

export interface MailEndpoint {
  /** A short name for the journal, e.g. `mail2sms`. */
  name: string
  /** The addresses it accepts, as shown to a client that used another one (the 550 reply). */
  addresses: readonly string[]
  /** Whether an RCPT TO address is this endpoint's (domain compared without case). */
  accepts(address: string): boolean
  /**
   * The credentials an address or a subject of this endpoint carries (SMStoB's password in
   * `password.numero@smstob.com`, allmysms's apiKey in `login@apiKey|…`), for the journal
   * entries written before or without a decision: a fault, an unreadable mail.
   */
  secretsIn?(recipient: string, subject: string): string[]
  /**
   * Decides one mail sent to `recipient`. Pure: reads `view` and `now`, returns effects.
   * With `refuse`, an injected fault asks for that provider code instead of a decision.
   */
  handle(
    mail: InboundMail,
    recipient: string,
    view: StateView,
    now: Date,
    refuse?: number,
  ): MailResult
}
