/**
 * The automatic mails every mail provider is sent by its `automatic-mails` test (one rule,
 * simulators/core/reply-mail.ts, proved through SMTP for each provider): each way a mail says a
 * program sent it, each kind of bounce, and the mails that look alike but are a person's.
 *
 * @example
 * it.each(saysAutomatic())('does not answer $name', async ({ mail, reason }) => {
 *   await provider.send({ ...request, ...mail })
 *   expect(await provider.mails()).toEqual([])
 * })
 */
import type { SendMailOptions } from 'nodemailer'
import type { NoReplyReason } from '../../simulators/core/reply-mail.ts'

/** One automatic mail: what to add to a provider's request, and the reason it is not answered. */
export interface AutomaticCase {
  name: string
  reason: NoReplyReason
  /** nodemailer's options to spread over the request (headers, From, envelope). */
  mail: Partial<SendMailOptions>
}

/** A mail with these headers. */
const headed = (name: string, reason: NoReplyReason, headers: Record<string, string>) => ({
  name,
  reason,
  mail: { headers },
})

/** The mails that say a program sent them: never answered, whoever the reply would go to. */
export function saysAutomatic(): AutomaticCase[] {
  return [
    headed('an out-of-office reply (Auto-Submitted: auto-replied)', 'auto-submitted', {
      'Auto-Submitted': 'auto-replied',
    }),
    headed("a cron job's report (Auto-Submitted: auto-generated)", 'auto-submitted', {
      'Auto-Submitted': 'auto-generated',
    }),
    headed('Auto-Submitted with a parameter', 'auto-submitted', {
      'Auto-Submitted': 'auto-notified; owner-email="ops@example.fr"',
    }),
    headed('an old responder’s answer (Precedence: junk)', 'precedence', { Precedence: 'junk' }),
    headed('a bulk mail (Precedence: bulk)', 'precedence', { Precedence: 'bulk' }),
    headed('a mailing list’s copy (Precedence: list)', 'precedence', { Precedence: 'list' }),
    headed('a mailing list’s copy (List-Id)', 'mailing-list', {
      'List-Id': 'Parents <parents.example.fr>',
    }),
  ]
}

/**
 * The bounces sent to `address` that `sender` could have written: never answered by a reply to
 * their sender (allmysms, SMStoB); a provider that answers addresses the mail names (iSendPro)
 * answers them.
 */
export function bounces(address: string, sender: string): AutomaticCase[] {
  return [
    {
      name: 'a mail with the null sender (MAIL FROM:<>)',
      reason: 'null-sender',
      mail: { from: sender, envelope: { from: '', to: [address] } },
    },
    {
      name: 'a mail from MAILER-DAEMON (the envelope sender set)',
      reason: 'mailer-daemon',
      mail: {
        from: 'MAILER-DAEMON@mx.example.fr',
        envelope: { from: 'MAILER-DAEMON@mx.example.fr', to: [address] },
      },
    },
    {
      name: 'a mail from postmaster (the envelope sender set)',
      reason: 'mailer-daemon',
      mail: {
        from: 'postmaster@example.fr',
        envelope: { from: 'postmaster@example.fr', to: [address] },
      },
    },
  ]
}

/** Mails that look automatic but are not: answered as any other. */
export function answered(): { name: string; mail: Partial<SendMailOptions> }[] {
  return [
    { name: 'Auto-Submitted: no', mail: { headers: { 'Auto-Submitted': 'no' } } },
    { name: 'Precedence: first-class', mail: { headers: { Precedence: 'first-class' } } },
  ]
}
