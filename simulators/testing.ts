/**
 * Test helpers: start the whole simulator — HTTP and SMTP — on free ports inside a test, talk
 * to its control API, send it mail, read its outbox, stop it. For smsim's own tests and for
 * teams' tests.
 *
 * @example
 * import { startTestSmsim } from 'smsim/testing'
 * const smsim = await startTestSmsim({ clock: { now: '2026-01-05T09:00:00+01:00', frozen: true } })
 * await fetch(`${smsim.url}/smstob/http.php?email=…`)
 * await smsim.sendMail({ from: 'ecole@example.fr', to: 'mail2sms@allmysms.com', subject: '…', text: 'Bonjour' })
 * const messages = await smsim.control.get('/messages')
 * const replies = await smsim.outbox({ to: 'ecole@example.fr' })
 * const { otp } = await smsim.waitForSms({ to: '0660919010', timeout: 5000 })
 * await smsim.close()
 */
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer'
import type { Mail } from './core/model.ts'
import {
  controlClient,
  type ControlClient,
  type MailWait,
  type ShownSms,
  type SmsWait,
} from './control-client.ts'
import { startSmsim, type RunningSmsim, type StartOptions } from './server/app.ts'

export {
  controlClient,
  DEFAULT_WAIT_TIMEOUT_MS,
  WaitTimeoutError,
  type ControlClient,
  type ControlClientOptions,
  type MailWait,
  type ShownSms,
  type SmsWait,
} from './control-client.ts'

/** What the gateway answered a mail sent with {@link TestSmsim.sendMail}. */
export interface SentMail {
  messageId: string
  /** Recipients the gateway took, and the ones it refused (550). */
  accepted: string[]
  rejected: string[]
  /** The gateway's last reply, e.g. `250 2.0.0 OK: handed to allmysms`. */
  response: string
}

export interface TestSmsim extends RunningSmsim {
  control: ControlClient
  /**
   * Sends one mail to the SMTP gateway with nodemailer's SMTP client, one SMTP session per mail
   * as most applications do. Takes nodemailer's message options, `raw` included (an `.eml`
   * with an `envelope`). Rejects when the gateway refuses it (`error.responseCode`, e.g. 550).
   */
  sendMail(message: SendMailOptions): Promise<SentMail>
  /** The outbox: every mail the providers sent back, oldest first (`GET /_smsim/mails`). */
  outbox(filter?: { to?: string; provider?: string }): Promise<Mail[]>
  /**
   * The first SMS that matches, as soon as a phone has it (one already there counts: give
   * `since`); rejects with a `WaitTimeoutError` after `timeout` ms (default 10 s).
   *
   * @example
   * await myApp.sendLoginCode('0660919010')
   * const { otp } = await smsim.waitForSms({ to: '0660919010', match: /code/i, timeout: 5000 })
   */
  waitForSms(wait?: SmsWait): Promise<ShownSms>
  /**
   * The first outbox mail that matches, as {@link waitForSms} does.
   *
   * @example
   * const reply = await smsim.waitForMail({ to: 'ecole@example.fr', match: 'confirmation' })
   */
  waitForMail(wait?: MailWait): Promise<Mail>
}

/**
 * Starts smsim on 127.0.0.1 with free HTTP and SMTP ports, no demo accounts (unless
 * `demo: true`) and no log output on the console unless you pass a logger.
 */
export async function startTestSmsim(options: StartOptions = {}): Promise<TestSmsim> {
  const running = await startSmsim({ httpPort: 0, smtpPort: 0, demo: false, ...options })
  const control = controlClient(
    running.url,
    options.controlToken !== undefined ? { token: options.controlToken } : {},
  )
  let transport: Transporter | undefined
  const mailer = () =>
    (transport ??= nodemailer.createTransport({
      host: running.smtp.host,
      port: running.smtp.port,
      secure: false,
      ignoreTLS: true,
    }))
  return {
    ...running,
    control,
    waitForSms: (wait) => control.waitForSms(wait),
    waitForMail: (wait) => control.waitForMail(wait),
    async sendMail(message) {
      const info = await mailer().sendMail(message)
      return {
        messageId: info.messageId,
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
        response: info.response ?? '',
      }
    },
    outbox: (filter = {}) => {
      const defined = Object.entries(filter).filter(
        (e): e is [string, string] => e[1] !== undefined,
      )
      const query = new URLSearchParams(defined).toString()
      return control.get<Mail[]>(`/mails${query ? `?${query}` : ''}`)
    },
    async close() {
      transport?.close()
      await running.close()
    },
  }
}

export { startSmsim, type RunningSmsim, type StartOptions } from './server/app.ts'
