/**
 * `POST /_smsim/try/mail`: the dashboard's "Try it" for the providers' mail interfaces. A
 * browser cannot speak SMTP, so this route sends the mail for it — with nodemailer's SMTP
 * client, through a real SMTP session to smsim's own gateway, the path an application's mail
 * takes — and answers the gateway's reply with what the mail caused: the journal entries
 * written meanwhile (the provider's code) and the mails the provider sent back.
 *
 * It only ever connects to this smsim's own gateway: it is no relay to anywhere else.
 */
import type { Router } from 'express'
import type { SentMessageInfo } from 'nodemailer'
import { ControlError } from '../core/errors.ts'
import type { JournalEntry, Mail } from '../core/model.ts'
import { shownMail } from '../core/secrets.ts'
import { MAX_LATENCY_MS } from '../engine/faults.ts'
import { objectBody } from './control-input.ts'
import type { Simulator } from './simulator.ts'

/** Longest address taken: RFC 5321 §4.5.3.1.3 caps a forward- or reverse-path at 256 octets. */
export const MAX_TRY_ADDRESS_CHARS = 256

/**
 * How long the try waits for the gateway's reply: an injected latency (at most
 * {@link MAX_LATENCY_MS}) and a margin for the decision itself.
 */
export const TRY_MAIL_TIMEOUT_MS = MAX_LATENCY_MS + 10_000

/** The gateway's answer, as the dashboard shows it. `code` is absent when none came. */
export interface TryMailReply {
  smtp: { code?: number; response: string; accepted?: string[]; rejected?: string[] }
  messageId?: string
  /** Journal entries written while the mail was handled, oldest first. */
  journal: JournalEntry[]
  /** Mails the providers sent back meanwhile (acks, error mails), secrets masked. */
  mails: Mail[]
}

/** What the route reads: every field a string; `from` and `to` addresses. */
function tryMailInput(body: unknown): { from: string; to: string; subject: string; text: string } {
  const fields = objectBody(body)
  const text = (name: string, required: boolean, max?: number): string => {
    const value = fields[name]
    if (value === undefined && !required) return ''
    if (typeof value !== 'string' || (required && value.trim() === ''))
      throw new ControlError(400, `"${name}" must be a ${required ? 'non-empty ' : ''}string`)
    if (max !== undefined && value.length > max)
      throw new ControlError(400, `"${name}" is longer than ${max} characters`)
    return value
  }
  return {
    from: text('from', true, MAX_TRY_ADDRESS_CHARS),
    to: text('to', true, MAX_TRY_ADDRESS_CHARS),
    subject: text('subject', false),
    text: text('text', false),
  }
}

/** Where to reach the gateway from here: a wildcard bind is reached on loopback. */
function reachable(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1'
  if (host === '::') return '::1'
  return host
}

/**
 * Adds `POST /try/mail` to the control router (mounted at `/_smsim`), after its guards: it is a
 * write, refused cross-site and without the token like the others.
 *
 * @example
 * mountTryRoutes(api, sim)
 * // curl --json '{"from":"you@example.com","to":"mail2sms@allmysms.com","subject":"arthur45@de135f8d2a091e4|0660919010","text":"Bonjour"}' localhost:8780/_smsim/try/mail
 */
export function mountTryRoutes(api: Router, sim: Simulator): void {
  api.post('/try/mail', async (req, res) => {
    const input = tryMailInput(req.body)
    const smtp = sim.smtp
    if (!smtp) throw new ControlError(503, 'this smsim has no SMTP gateway (started without one)')
    const before = sim.store.journal().at(-1)?.seq ?? 0
    const mails: Mail[] = []
    const stopListening = sim.onMail((mail) => mails.push(mail))
    const { default: nodemailer } = await import('nodemailer')
    const transport = nodemailer.createTransport({
      host: reachable(smtp.host),
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: TRY_MAIL_TIMEOUT_MS,
      greetingTimeout: TRY_MAIL_TIMEOUT_MS,
      socketTimeout: TRY_MAIL_TIMEOUT_MS,
    })
    let reply: TryMailReply['smtp']
    let messageId: string | undefined
    try {
      const info = (await transport.sendMail(input)) as SentMessageInfo & {
        messageId: string
        response: string
        accepted: unknown[]
        rejected: unknown[]
      }
      messageId = info.messageId
      reply = {
        code: Number(/^\d{3}/.exec(info.response)?.[0] ?? 250),
        response: info.response,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
      }
    } catch (error) {
      // A refusal (550, 552, 451…) is an answer like any other; a dropped connection has none.
      const e = error as { responseCode?: number; response?: string; message?: string }
      reply =
        e.responseCode !== undefined
          ? { code: e.responseCode, response: e.response ?? String(e.message) }
          : { response: `no reply: ${e.message ?? String(error)}` }
    } finally {
      stopListening()
      transport.close()
    }
    const secretIds = (mail: Mail) => sim.providers.get(mail.provider)?.accountIdIsSecret === true
    const answer: TryMailReply = {
      smtp: reply,
      ...(messageId ? { messageId } : {}),
      journal: sim.store.journal().filter((j) => j.seq > before && j.transport === 'smtp'),
      mails: mails.map((mail) => shownMail(mail, secretIds(mail))),
    }
    res.json(answer)
  })
}
