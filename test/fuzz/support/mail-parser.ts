/**
 * The sending half of every mail provider's fuzz property: the batch goes over one SMTP
 * session, the outbox is read once, and each mail's replies (paired by `In-Reply-To`) tell
 * what its client was answered. A mail the gateway took (250 after the final dot) has one
 * journal entry per recipient it accepted, in order.
 *
 * @example
 * const parser: FuzzParser<MailCase> = { name: 'allmysms-mail', providers: ['allmysms'], arbitrary, send: mailSender(readAllmysmsReply) }
 */
import type { Mail, ProviderId } from '../../../simulators/core/model.ts'
import type { TestSmsim } from '../../../simulators/testing.ts'
import type { CaseOutcome, ExpectedEntry } from './harness.ts'
import { repliesTo, withMessageId } from './mail.ts'
import { sendMails, type MailAnswer, type MailCase } from './smtp.ts'

/**
 * What a provider's replies to one recipient of a mail tell its client: the code, and whether
 * the send was refused. `replies` are that provider's replies to the mail, oldest first; the
 * reader takes the ones it needs.
 */
export type ReplyReader = (provider: ProviderId, replies: Mail[]) => Omit<ExpectedEntry, 'provider'>

/** Problems an SMTP exchange shows on its own: a hang, a temporary failure (the catch-all's 451). */
function smtpProblems(answer: MailAnswer): string[] {
  const problems: string[] = []
  if (answer.replies.some((r) => /no SMTP reply within/.test(r)))
    problems.push(`the gateway stopped answering: ${answer.replies.at(-1)}`)
  if (answer.data?.code === 451) problems.push(`451 after the final dot: ${answer.data.text}`)
  if (answer.replies.some((r) => /\bat .+:\d+:\d+|node_modules|\/simulators\//.test(r)))
    problems.push(`stack trace in a reply: ${answer.replies.join(' / ')}`)
  return problems
}

/** `send` for a mail parser: one session per batch, then the outbox, then the entries. */
export function mailSender(read: ReplyReader) {
  return async (smsim: TestSmsim, batch: readonly MailCase[]): Promise<CaseOutcome[]> => {
    const prepared = batch.map((c) => ({ c, ...withMessageId(c.data) }))
    const answers = await sendMails(
      smsim.smtp.port,
      prepared.map((p) => ({ ...p.c, data: p.data })),
    )
    const outbox = await smsim.control.get<Mail[]>('/mails')
    return prepared.map((p, i) => {
      const answer = answers[i]!
      const replies = p.messageId ? repliesTo(outbox, p.messageId) : []
      const entries: ExpectedEntry[] = []
      if (answer.data?.code === 250) {
        const byProvider = new Map<ProviderId, Mail[]>()
        for (const reply of replies)
          byProvider.set(reply.provider, [...(byProvider.get(reply.provider) ?? []), reply])
        // smtp-server keeps one of a recipient given twice (in any case), where it came first.
        const accepted = [...new Map(answer.accepted.map((to) => [to.toLowerCase(), to])).values()]
        for (const to of accepted) {
          const provider = smsim.sim.mailEndpoint(to)?.provider.id
          if (!provider) continue
          entries.push({ provider, ...read(provider, byProvider.get(provider) ?? []) })
        }
      }
      return {
        label: `MAIL FROM:<${p.c.from}> RCPT TO:${p.c.to.map((t) => `<${t}>`).join(',')} ${p.data.toString('latin1').slice(0, 600)} ⇒ ${answer.replies.join(' / ').slice(0, 400)} ⇒ replies: ${replies.map((r) => `${r.subject} ${r.text.slice(0, 160)}`).join(' | ')}`,
        entries,
        problems: smtpProblems(answer),
        ms: answer.ms,
      }
    })
  }
}
