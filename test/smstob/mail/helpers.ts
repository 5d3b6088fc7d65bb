/**
 * Shared setup of SMStoB's mail transport tests: smsim started on free ports (HTTP and SMTP),
 * mails sent over real SMTP sessions with nodemailer's SMTP client (STYLE.md §20) — through the
 * reference client {@link SmstobMailSender} for the three syntaxes, or as raw bytes for the
 * `.eml` fixtures — and the replies read back from the outbox (`GET /_smsim/mails`).
 *
 * Time is smsim's frozen clock, moved through the control API: no test waits on the wall clock.
 * Unexpected errors go to a recording logger, and every test ends by checking nothing was
 * logged.
 *
 * @example
 * const smstob = useSmstobMail()
 * it('answers 80', async () => expect(await smstob.code({ syntax: 3, ...SEND_BY_MAIL })).toBe(80))
 */
import type { SendMailOptions } from 'nodemailer'
import { afterAll, beforeAll } from 'vitest'
import {
  SmstobMailSender,
  readSmstobReply,
  type SmstobMailInput,
  type SmstobMailSent,
  type SmstobReply,
} from '../../../client/smstob/mail.ts'
import type {
  Account,
  AccountInput,
  JournalEntry,
  Mail,
  Sms,
} from '../../../simulators/core/model.ts'
import type { SentMail, TestSmsim } from '../../../simulators/testing.ts'
import { controlOverHttp, resetEachTest } from '../../support/control.ts'
import { fixtureReader } from '../../support/fixtures.ts'
import { recordingLogger } from '../../support/logger.ts'
import { replyTo as replyToMail, useTestSmsim } from '../../support/smsim.ts'
import { ECOLE, MOBILE, MONDAY_9H } from '../helpers.ts'

export { DAY, ECOLE, HOUR, MOBILE, MOBILE_E164, MONDAY_9H } from '../helpers.ts'

/** The fields of a good send by mail, from {@link ECOLE}; tests add the syntax. */
export const SEND_BY_MAIL = {
  from: ECOLE.email,
  pass: ECOLE.pass,
  numero: MOBILE,
  message: 'Bonjour',
} as const

/** The three syntaxes, for `describe.each` / `it.each`. */
export const SYNTAXES = [{ syntax: 1 }, { syntax: 2 }, { syntax: 3 }] as const

/** A fixture of simulators/smstob/fixtures/, as the bytes a client sends. */
export const fixture = fixtureReader('smstob')

export interface SmstobMailTarget {
  readonly smsim: TestSmsim
  /** Sends one mail in one of the three syntaxes with the reference client. */
  send(input: SmstobMailInput): Promise<SmstobMailSent>
  /** Sends a mail written with nodemailer's own options (no From, HTML only…). */
  sendMail(message: SendMailOptions): Promise<SentMail>
  /** Sends raw bytes (an `.eml` fixture) with this envelope. */
  sendRaw(raw: Buffer, envelope: { from: string; to: string[] }): Promise<void>
  /** The reply to a mail, found by its `In-Reply-To`; fails the test if there is not one. */
  replyTo(messageId: string): Promise<Mail>
  /** Sends and reads the reply's code. */
  code(input: SmstobMailInput): Promise<SmstobReply['code']>
  /** Sends and reads the reply. */
  sendAndRead(input: SmstobMailInput): Promise<SmstobReply & { mail: Mail }>
  mails(to?: string): Promise<Mail[]>
  messages(filter?: { to?: string; status?: string }): Promise<Sms[]>
  journal(): Promise<JournalEntry[]>
  account(id?: string): Promise<Account>
  createAccount(input: Omit<AccountInput, 'provider'>): Promise<void>
  patchAccount(
    id: string,
    patch: { credits?: number; options?: Record<string, unknown> },
  ): Promise<void>
  setNumber(number: string, state: { status: string; backAfterMs?: number }): Promise<void>
  advance(ms: number): Promise<void>
  /** `http.php` with these fields, for the rules both transports share. */
  httpPhp(fields: Record<string, string>): Promise<string>
}

export interface UseSmstobMailOptions {
  /** Accounts created before each test (default: {@link ECOLE} with 10 credits). */
  accounts?: Omit<AccountInput, 'provider'>[]
}

/**
 * Starts smsim for the enclosing `describe`; before each test empties its state, freezes its
 * clock at {@link MONDAY_9H} and creates the accounts. Closes it after the last test.
 */
export function useSmstobMail(options: UseSmstobMailOptions = {}): SmstobMailTarget {
  const logger = recordingLogger()
  const accounts = options.accounts ?? [{ id: ECOLE.email, secret: ECOLE.pass, credits: 10 }]
  const smsim = useTestSmsim({ logger })
  const smstob = controlOverHttp(() => smsim().control, 'smstob')
  let sender: SmstobMailSender | undefined

  beforeAll(() => {
    // The reference client, configured as a team would; each mail is its own SMTP session.
    sender = new SmstobMailSender({ host: smsim().smtp.host, port: smsim().smtp.port })
  })
  afterAll(() => sender?.close())
  resetEachTest(smstob, { now: MONDAY_9H, accounts, logger })

  const mails = (to?: string) => smsim().outbox(to ? { to } : {})
  const replyTo = (messageId: string) => replyToMail(smsim(), messageId)
  const target: SmstobMailTarget = {
    get smsim() {
      return smsim()
    },
    send: (input) => sender!.send(input),
    sendMail: (message) => smsim().sendMail(message),
    async sendRaw(raw, envelope) {
      await smsim().sendMail({ envelope, raw })
    },
    replyTo,
    async sendAndRead(input) {
      const mail = await replyTo((await target.send(input)).messageId)
      return { ...readSmstobReply(mail), mail }
    },
    code: async (input) => (await target.sendAndRead(input)).code,
    mails,
    messages: smstob.messages,
    journal: smstob.journal,
    account: (id = ECOLE.email) => smstob.account(id),
    createAccount: smstob.createAccount,
    patchAccount: smstob.patchAccount,
    setNumber: smstob.setNumber,
    advance: smstob.advance,
    async httpPhp(fields) {
      const response = await fetch(`${smsim().url}/smstob/http.php?${new URLSearchParams(fields)}`)
      return response.text()
    },
  }
  return target
}
