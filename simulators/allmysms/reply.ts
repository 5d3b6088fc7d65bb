/**
 * The one place where allmysms's reply mail is written (STYLE.md §8). Mail2SMS answers only on
 * error, by mail to the sender, with "le statut de votre requête (Status), ainsi que son
 * explication textuelle (StatusText)".
 *
 * The document names the two fields but not the layout. We write one `Name: value` line each,
 * with the document's own names (our choice): a person reads it as is, a program splits it at
 * the first `:`. The v9.0 HTTP API answers the same pair as JSON
 * (`{"status":102,"statusText":"…"}`, research §B.1.1); `readAllmysmsReply` in the client reads
 * that form too, so it copes with whichever the real service sends.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.2 "REPONSE"
 */
import type { NewMail } from '../core/model.ts'
import { replyMail } from '../core/reply-mail.ts'
import type { AllmysmsErrorCode } from './codes.ts'
import { ALLMYSMS_REPLY_FROM } from './wire.ts'

export interface ReplyInput {
  code: AllmysmsErrorCode
  /** The text of the code, figures filled in (104). */
  statusText: string
  /** The sender of the mail answered. */
  to: string
  /** The account, when the login was recognised. */
  account?: string
  /** The Message-ID of the mail answered, to thread the reply under it. */
  inReplyTo?: string
}

/**
 * Writes the error reply as a mail for the outbox.
 *
 * @example
 * renderAllmysmsReply({ code: 105, statusText: 'Flux XML Vide', to: 'jean@ecole.fr' })
 * // { provider: 'allmysms', from: 'mail2sms@allmysms.com', to: 'jean@ecole.fr',
 * //   subject: 'Mail2SMS : erreur 105', text: 'Status: 105\nStatusText: Flux XML Vide\n', … }
 */
export function renderAllmysmsReply(input: ReplyInput): NewMail {
  return replyMail({
    provider: 'allmysms',
    from: ALLMYSMS_REPLY_FROM,
    to: input.to,
    // The original subject carries the apiKey: it is not echoed back (our choice).
    subject: `Mail2SMS : erreur ${input.code}`,
    text: `Status: ${input.code}\nStatusText: ${input.statusText}\n`,
    ...(input.account ? { account: input.account } : {}),
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
  })
}
