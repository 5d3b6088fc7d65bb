/**
 * What the mail transports share: a mail goes to the target's SMTP gateway, and the provider
 * answers — if it answers — by mail. smsim writes the answer to its outbox before the SMTP
 * session ends, so the reply is read right after the send, without waiting or polling.
 */
import type { Mail } from '../../simulators/core/model.ts'
import { controlOf, type ScenarioContext } from '../context.ts'

/** What a mail step returns: the SMTP outcome, and the replies that came back to the sender. */
export interface MailOutcome<R> {
  /** The gateway took the mail. */
  accepted: boolean
  /** The gateway's last reply (`250 …`) or its refusal (`550 …`). */
  response: string
  /** The SMTP code of a refusal. */
  smtpCode?: number
  /** The mails sent back to the sender by this send, read. */
  replies: R[]
  /** The first of them: what most steps look at. */
  reply?: R
}

/**
 * Sends through `send` and reads the mails that arrived at `replyTo` meanwhile.
 *
 * @example
 * await mailExchange(ctx, String(ctx.vars.mailFrom), () => sender.send(input), readSmstobReply)
 */
export async function mailExchange<R>(
  ctx: ScenarioContext,
  replyTo: string,
  send: () => Promise<{ response: string }>,
  read: (mail: Mail) => R,
): Promise<MailOutcome<R>> {
  const control = controlOf(ctx)
  const path = `/mails?to=${encodeURIComponent(replyTo)}&provider=${ctx.scenario.provider}`
  const before = (await control.get<Mail[]>(path)).length
  let accepted = true
  let response: string
  let smtpCode: number | undefined
  try {
    response = (await send()).response
  } catch (error) {
    const e = error as Error & { responseCode?: number; response?: string }
    if (e.responseCode === undefined) throw error
    accepted = false
    smtpCode = e.responseCode
    response = e.response ?? e.message
  }
  const replies = (await control.get<Mail[]>(path)).slice(before).map(read)
  return {
    accepted,
    response,
    ...(smtpCode !== undefined ? { smtpCode } : {}),
    replies,
    ...(replies[0] !== undefined ? { reply: replies[0] } : {}),
  }
}

/** The SMTP server of the target, as the mail clients' options. */
export function smtpOptions(ctx: ScenarioContext) {
  return { host: ctx.target.smtp.host, port: ctx.target.smtp.port, timeoutMs: ctx.timeoutMs }
}
