/**
 * The SMTP replies of the gateway that say no, and what it journals of them: the error that
 * carries a reply to smtp-server, the 550 text of an address no provider takes, the set of
 * refusals journalled at the SMTP level, and the envelope such a refusal concerns.
 *
 * Kept apart from smtp-gateway.ts, which starts the servers, so that whoever reads the journal
 * (the fuzz checks, the refusal tests) finds the rule without the server around it.
 */
import type { SMTPServerError, SMTPServerSession } from 'smtp-server'
import type { Envelope } from './inbound.ts'
import type { FailureReply } from './gateway-connection.ts'

/**
 * The replies journalled as refusals at the SMTP level, whoever sends them (the gateway's hooks
 * or smtp-server itself): 421 (a limit or a deadline: too many refused recipients, clients or
 * unknown commands, a command line too long, a client too slow), 452 (too many recipients),
 * 550 (an address no provider takes), 552 (a mail over the size limit, announced or sent).
 * Not 451 and 554: the engine journals the faults and the unreadable mails that get them
 * (an unexpected error's 451 goes to the log); not 500–504: it is the client's SMTP that is
 * wrong, and the reply says so. Nor the 421 of a smsim that is stopping.
 */
export const JOURNALLED_REFUSALS: ReadonlySet<number> = new Set([421, 452, 550, 552])

/** The address of a `MAIL FROM:<…>` or `RCPT TO:<…>` command line. */
const COMMAND_ADDRESS = /^(MAIL\s+FROM|RCPT\s+TO)\s*:\s*<([^>]*)>/i

/**
 * The envelope a refusal concerns: the sender given so far (or the one the refused MAIL FROM
 * gives), and the refused recipient for a refused RCPT TO, else the recipients accepted so far.
 *
 * @example
 * refusedEnvelope({ code: 550, text: '…', command: 'RCPT TO:<friend@gmail.com>', session })
 * // { from: 'ecole@example.fr', to: ['friend@gmail.com'] }
 */
export function refusedEnvelope(reply: FailureReply): Envelope {
  // A connection refused as it opens (too many clients) has no envelope yet.
  const envelope = reply.session.envelope as Partial<SMTPServerSession['envelope']> | undefined
  const given = COMMAND_ADDRESS.exec(reply.command ?? '')
  const rcpt = given !== null && given[1]!.toUpperCase().startsWith('RCPT')
  const mailFrom = envelope?.mailFrom ? envelope.mailFrom.address : undefined
  return {
    from: mailFrom ?? (given && !rcpt ? given[2]! : ''),
    to: rcpt ? [given[2]!] : (envelope?.rcptTo ?? []).map((r) => r.address),
  }
}

/**
 * An SMTP reply carried by an error, as smtp-server's handler callbacks take it.
 *
 * @example
 * callback(reply(451, 'local error in processing, try again later'))
 */
export function reply(code: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode: code })
}

/**
 * The 550 of an address no provider claims: it names the ones to use instead.
 *
 * @example
 * refusal('friend@gmail.com', ['mail2sms@allmysms.com'])
 * // '<friend@gmail.com>: relay access denied; smsim takes mail only for mail2sms@allmysms.com'
 */
export function refusal(address: string, accepted: readonly string[]): string {
  return accepted.length
    ? `<${address}>: relay access denied; smsim takes mail only for ${accepted.join(', ')}`
    : `<${address}>: relay access denied; no simulated provider takes mail`
}
