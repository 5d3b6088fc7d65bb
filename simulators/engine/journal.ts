/**
 * The journal entries the engine writes, one function per kind: a provider's decision on a
 * request or a mail, a fault that answered instead, an internal error, a mail refused before
 * any provider could read it. Only shapes: the store numbers, bounds and masks each entry
 * (core/journal-record.ts), and keeps the keys in the order written here, which is the order
 * people read in `GET /_smsim/journal`.
 */
import { cutText, JOURNAL_FIELD_CHARS, JOURNAL_TEXT_CHARS } from '../core/bounds.ts'
import { isoInstant } from '../core/clock.ts'
import { codeText } from '../core/codes.ts'
import type { NewJournalEntry } from '../core/journal-record.ts'
import type { InboundMail, MailResult } from '../core/mail.ts'
import type { ProviderId } from '../core/model.ts'
import type { CodeEntry, HttpResult, Provider, SimRequest } from '../core/provider.ts'

/**
 * What a provider's code means, from its own table (`Le message a été envoyé` for SMStoB's 80):
 * every entry with a code carries it as `meaning`, so that neither the journal's reader nor the
 * log's needs the provider's document beside it. `undefined` for a code the tables lack.
 *
 * @example
 * codeMeaning(smstob, 91) // 'le message a déjà été envoyé à ce numéro dans les 24 dernières heures'
 */
export function codeMeaning(
  provider: Provider,
  code: string | number | undefined,
): string | undefined {
  if (code === undefined) return undefined
  return provider.codeMeaning?.(code) ?? tableText(provider.codes, code)
}

/** The texts already looked up, by code table: one map lookup per entry (issue 17). */
const tableTexts = new WeakMap<readonly CodeEntry[], Map<string | number, string | undefined>>()

/** {@link codeText}, remembered: the tables are constants; at most 1,000 codes per table. */
function tableText(codes: readonly CodeEntry[], code: string | number): string | undefined {
  let known = tableTexts.get(codes)
  if (!known) tableTexts.set(codes, (known = new Map()))
  if (known.has(code)) return known.get(code)
  if (known.size >= 1_000) known.clear()
  const text = codeText(codes, code)
  known.set(code, text)
  return text
}

/** What the journal says of the faults that shaped an answer (latency, a refusal code). */
export function faultNote(latencyMs: number, refuse: number | undefined): string | undefined {
  const notes = [
    ...(latencyMs > 0 ? [`latency ${latencyMs} ms (fault)`] : []),
    ...(refuse !== undefined ? [`refused with code ${refuse} (fault)`] : []),
  ]
  return notes.length ? notes.join('; ') : undefined
}

/**
 * A provider's answer to a request, with the SMS ids its effects created and what its code
 * means ({@link codeMeaning}).
 */
export function httpEntry(
  now: Date,
  provider: ProviderId,
  result: HttpResult,
  messages: string[],
  note: string | undefined,
  meaning: string | undefined,
  secure?: boolean,
): NewJournalEntry {
  return {
    at: isoInstant(now),
    provider,
    ...(secure ? { secure: true } : {}),
    ...result.journal,
    ...(meaning !== undefined ? { meaning } : {}),
    status: result.response.status,
    ...(messages.length ? { messages } : {}),
    ...(note ? { note } : {}),
  }
}

/** A request a fault answered instead of its provider: a dropped connection or a 500. */
export function httpFaultEntry(
  now: Date,
  provider: ProviderId,
  request: SimRequest,
  failure: 'drop' | 'http500',
): NewJournalEntry {
  return {
    at: isoInstant(now),
    provider,
    transport: 'http',
    // The request line as received, cut; the store masks its secret parameters (`pass=`).
    request: {
      method: cutText(request.method, JOURNAL_FIELD_CHARS),
      path: cutText(request.path, JOURNAL_FIELD_CHARS),
      query: cutText(request.query, JOURNAL_TEXT_CHARS),
    },
    note: failure === 'drop' ? 'connection dropped (fault)' : 'HTTP 500 (fault)',
    ...(request.secure ? { secure: true } : {}),
    ...(failure === 'http500' ? { status: 500 } : {}),
  }
}

/**
 * What every entry about a mail names: when, the provider of one of its recipients, that
 * recipient, the mail, and the credentials the address and subject carry as that provider
 * reads them (engine/router.ts, `mailSecrets`), so that the store masks them.
 */
export interface MailFacts {
  now: Date
  provider: ProviderId
  recipient: string
  mail: InboundMail
  secrets: readonly string[]
}

/**
 * A provider's decision on a mail: the envelope and headers, then what the provider read, and
 * what its code means ({@link codeMeaning}).
 */
export function mailEntry(
  facts: MailFacts,
  result: MailResult,
  messages: string[],
  note: string | undefined,
  meaning: string | undefined,
): NewJournalEntry {
  return {
    at: isoInstant(facts.now),
    provider: facts.provider,
    transport: 'smtp',
    ...result.journal,
    request: { ...mailFields(facts), ...result.journal.request },
    secrets: [...(result.journal.secrets ?? []), ...facts.secrets],
    ...(meaning !== undefined ? { meaning } : {}),
    ...(messages.length ? { messages } : {}),
    ...(note ? { note } : {}),
  }
}

/** A mail whose provider's decision failed unexpectedly (the error itself goes to the log). */
export function mailErrorEntry(facts: MailFacts): NewJournalEntry {
  return { ...undecidedMail(facts), note: 'internal error (see the smsim log)' }
}

/** A mail a fault turned away before its provider saw it: a dropped connection or a 451. */
export function mailFaultEntry(facts: MailFacts, failure: 'drop' | 'tempfail'): NewJournalEntry {
  return {
    ...undecidedMail(facts),
    note: failure === 'drop' ? 'connection dropped (fault)' : 'SMTP 451 (fault)',
    ...(failure === 'tempfail' ? { status: 451 } : {}),
  }
}

/** The start of an entry about a mail no decision read: only its envelope and headers. */
function undecidedMail(facts: MailFacts): NewJournalEntry {
  return {
    at: isoInstant(facts.now),
    provider: facts.provider,
    transport: 'smtp',
    request: mailFields(facts),
    secrets: facts.secrets,
  }
}

/** What an entry about a refusal at the SMTP level knows: the envelope, never the mail. */
export interface SmtpRefusalFacts {
  now: Date
  /**
   * The provider of `recipient` — the one whose address it is, or whose domain it names (a
   * refused `wrong@allmysms.com`) — or none (`friend@gmail.com`, or no recipient given yet).
   */
  provider: ProviderId | undefined
  /** The recipient concerned: the refused one, or one the provider accepted; `''` for none. */
  recipient: string
  /** The envelope sender (MAIL FROM), `''` when none was given yet. */
  from: string
  /** The credentials the recipient address carries, masked by the store. */
  secrets: readonly string[]
}

/**
 * A mail, or a recipient, the SMTP side refused before any provider could read it — an address
 * no provider takes (550), a mail over the size limit (552), one that cannot be read as MIME
 * (554), a recipient or a client over a limit (452, 421), a client too slow (421 Timeout) —
 * journalled for the provider concerned when there is one, so that a team sees why no SMS came.
 * Only the envelope is known: the addresses are kept as sent (cut to a field's length), the
 * address's credentials masked by the store; `note` is the reply's text.
 */
export function smtpRefusalEntry(
  facts: SmtpRefusalFacts,
  status: number,
  reason: string,
): NewJournalEntry {
  return {
    at: isoInstant(facts.now),
    ...(facts.provider !== undefined ? { provider: facts.provider } : {}),
    transport: 'smtp',
    request: {
      to: cutText(facts.recipient, JOURNAL_FIELD_CHARS),
      from: cutText(facts.from, JOURNAL_FIELD_CHARS),
    },
    secrets: facts.secrets,
    status,
    note: reason,
  }
}

/** What the journal keeps of a mail's envelope and headers, whoever decides it. */
function mailFields({ recipient, mail }: MailFacts): { to: string; from: string; subject: string } {
  return {
    to: cutText(recipient, JOURNAL_FIELD_CHARS),
    from: cutText(mail.from, JOURNAL_FIELD_CHARS),
    subject: cutText(mail.subject, JOURNAL_FIELD_CHARS),
  }
}
