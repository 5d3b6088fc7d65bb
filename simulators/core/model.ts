/**
 * The records the simulator keeps: accounts and their credit ledger, the phones (every SMS
 * accepted, scheduled, delivered or failed), the outbox (mails the providers send back) and
 * the journal (every request received). Times are ISO 8601 strings in UTC.
 */
import type { SmsEncoding } from './segments.ts'

/** How the text travels: GSM 03.38, UCS-2, or 8-bit data (logos, ringtones, WAP push). */
export type SmsDataCoding = SmsEncoding | 'binary'

/** The four simulated providers, named as in their URLs. */
export type ProviderId = 'smstob' | 'aspsms' | 'allmysms' | 'isendpro'

export interface Account {
  provider: ProviderId
  /** The provider's own login: SMStoB e-mail, ASPSMS UserKey, allmysms login, iSendPro keyid. */
  id: string
  /** SMStoB pass, ASPSMS Password, allmysms apiKey; empty where the provider has none. */
  secret: string
  /** May be fractional (ASPSMS charges 0.25 per delivery-notification inquiry). */
  credits: number
  /** Provider-specific settings, described in each provider's README. */
  options: Record<string, unknown>
  createdAt: string
}

/** What the caller gives to create an account. */
export interface AccountInput {
  provider: ProviderId
  id: string
  secret?: string
  credits?: number
  options?: Record<string, unknown>
}

export type SmsStatus = 'scheduled' | 'buffered' | 'delivered' | 'failed' | 'expired'

/** How a message is shown on the phone (SMStoB's "Choix du Format des SMS"). */
export type SmsClass = 'normal' | 'flash'

/** One SMS to one phone. */
export interface Sms {
  id: string
  provider: ProviderId
  account: string
  transport: string
  /** Sender as shown on the phone, when the provider sets one. */
  from?: string
  /** E.164. */
  to: string
  text: string
  encoding: SmsDataCoding
  segments: number
  class: SmsClass
  status: SmsStatus
  /** Why a message failed or expired (`unassigned`, `blacklisted`, `memory-full`…). */
  reason?: string
  submittedAt: string
  scheduledAt?: string
  deliveredAt?: string
  failedAt?: string
  /** How long the network keeps trying an unreachable phone. */
  validityMs: number
  /** Every status it went through, oldest first. */
  history: { at: string; status: SmsStatus; reason?: string }[]
  /** Provider-specific data (a TRN, a tracker, the group it was sent to…). */
  meta: Record<string, unknown>
}

/** What a provider decision asks the store to record as a new SMS. */
export type NewSms = Pick<
  Sms,
  | 'provider'
  | 'account'
  | 'transport'
  | 'to'
  | 'text'
  | 'encoding'
  | 'segments'
  | 'class'
  | 'validityMs'
> &
  Partial<Pick<Sms, 'from' | 'scheduledAt' | 'meta'>> & {
    /** The provider refused this recipient itself (an invalid number): it fails at once. */
    failed?: string
  }

/** A mail a provider sent back (an error reply, an ack, a notification). */
export interface Mail {
  id: string
  provider: ProviderId
  from: string
  to: string
  subject: string
  text: string
  date: string
  /** The account concerned, when known. */
  account?: string
  /** Extra headers, e.g. `In-Reply-To`. */
  headers?: Record<string, string>
  /**
   * Credentials the mail quotes (an SMStoB reply quotes the address or the subject that carried
   * the password). The mail itself keeps them, as the provider would send it (the relay
   * delivers it so); the control API shows them masked and never shows this field.
   */
  secrets?: string[]
}

export type NewMail = Omit<Mail, 'id' | 'date'>

/**
 * One request received by a provider endpoint, or one mail, and what it was answered; also a
 * mail the SMTP side refused before any provider read it, a delivery notification, a relayed mail.
 */
export interface JournalEntry {
  seq: number
  at: string
  /**
   * The provider concerned. Absent only for a mail refused at the SMTP level whose recipient
   * names no provider (`friend@gmail.com`), or before any recipient was given (a timeout).
   */
  provider?: ProviderId
  transport: string
  /** Masked where the provider's account ids are credentials (iSendPro's keyid). */
  account?: string
  /**
   * What the provider read of the request: its fields as strings, bounded (core/bounds.ts), and
   * secrets masked (core/secrets.ts). Never the client's raw structure.
   */
  request: Record<string, unknown>
  /** The provider's code answered (e.g. 80), when there is one. */
  code?: string | number
  /**
   * What the provider's code table says `code` means (`Le message a été envoyé`), on every
   * entry whose code the table has (engine/journal.ts `codeMeaning`).
   */
  meaning?: string
  /** Transport status (HTTP status, SMTP reply code). */
  status?: number
  /** The SMS ids the request created. */
  messages?: string[]
  note?: string
  /** The request came over TLS (HTTPS, `SimRequest.secure`); absent over plain HTTP and SMTP. */
  secure?: true
}

/** One change of credit. */
export interface LedgerEntry {
  at: string
  provider: ProviderId
  account: string
  delta: number
  balance: number
  reason: string
  ref?: string
}
