/**
 * Shared setup of allmysms's Mail2SMS transport tests: smsim started on free ports (HTTP and
 * SMTP), mails sent over real SMTP sessions with nodemailer's SMTP client (STYLE.md §20) —
 * written with nodemailer's options, through the reference client {@link AllmysmsMailSender},
 * or as the raw bytes of an `.eml` fixture — the phones read back from `GET /_smsim/messages`
 * and the error replies from the outbox (`GET /_smsim/mails`).
 *
 * Time is smsim's frozen clock, moved through the control API: no test waits on the wall clock.
 * Unexpected errors go to a recording logger, and every test ends by checking nothing was
 * logged.
 *
 * @example
 * const allmysms = useAllmysms()
 * it('answers 105', async () => expect((await allmysms.sendAndRead({ subject: '' })).status).toBe(105))
 */
import type { SendMailOptions } from 'nodemailer'
import { afterAll, expect } from 'vitest'
import {
  AllmysmsMailSender,
  readAllmysmsReply,
  type AllmysmsReply,
} from '../../client/allmysms/mail.ts'
import type { Account, JournalEntry, Mail, Sms } from '../../simulators/core/model.ts'
import type { SentMail, TestSmsim } from '../../simulators/testing.ts'
import { controlOverHttp, resetEachTest } from '../support/control.ts'
import { fixtureReader } from '../support/fixtures.ts'
import { recordingLogger } from '../support/logger.ts'
import { replyTo as replyToMail, useTestSmsim } from '../support/smsim.ts'

/** Monday 5 January 2026, 09:00 in Paris (08:00 UTC). */
export const MONDAY_9H = '2026-01-05T09:00:00+01:00'
export const HOUR = 3_600_000

/** The document's own example credentials. */
export const ACCOUNT = { login: 'arthur45', apiKey: 'de135f8d2a091e4' } as const
/** `login@apiKey`, the subject's first part. */
export const CREDENTIALS = `${ACCOUNT.login}@${ACCOUNT.apiKey}`
/** The school's address, that errors come back to. */
export const SCHOOL = 'secretariat@ecole-ski.fr'
export const MAIL2SMS = 'mail2sms@allmysms.com'
export const MOBILE = '0612121515'
export const MOBILE_E164 = '+33612121515'

/** A fixture of simulators/allmysms/fixtures/, as the bytes a client sends. */
export const fixture = fixtureReader('allmysms')

/** A Mail2SMS mail, as nodemailer's options; what a test leaves out is a good default. */
export type MailFields = Partial<SendMailOptions> & { subject?: string }

export interface AllmysmsTarget {
  readonly smsim: TestSmsim
  /** A reference client logged in as {@link ACCOUNT}, sending from {@link SCHOOL}. */
  client(): AllmysmsMailSender
  /** Sends one mail to mail2sms@allmysms.com from {@link SCHOOL} (text "Bonjour" to {@link MOBILE} by default). */
  send(fields?: MailFields): Promise<SentMail>
  /** Sends raw bytes (an `.eml` fixture) with this envelope. */
  sendRaw(raw: Buffer, envelope?: { from: string; to: string[] }): Promise<SentMail>
  /** The reply to a mail, found by its `In-Reply-To`; fails the test unless there is exactly one. */
  replyTo(messageId: string): Promise<Mail>
  /** Sends, then reads the reply with the reference client's reader. */
  sendAndRead(fields?: MailFields): Promise<AllmysmsReply & { mail: Mail }>
  mails(to?: string): Promise<Mail[]>
  messages(filter?: { to?: string; status?: string }): Promise<Sms[]>
  journal(): Promise<JournalEntry[]>
  account(): Promise<Account>
  setCredits(credits: number): Promise<void>
  setClock(now: string): Promise<void>
  advance(ms: number): Promise<void>
}

/**
 * Starts smsim for the enclosing `describe`; before each test empties its state, freezes its
 * clock at {@link MONDAY_9H} and creates {@link ACCOUNT} with `credits` (default 100). Closes it
 * after the last test.
 */
export function useAllmysms(options: { credits?: number } = {}): AllmysmsTarget {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger })
  const allmysms = controlOverHttp(() => smsim().control, 'allmysms')
  let sender: AllmysmsMailSender | undefined

  afterAll(() => sender?.close())
  resetEachTest(allmysms, {
    now: MONDAY_9H,
    accounts: [{ id: ACCOUNT.login, secret: ACCOUNT.apiKey, credits: options.credits ?? 100 }],
    logger,
  })

  const mails = (to?: string) => smsim().outbox(to ? { to } : {})
  const replyTo = (messageId: string) => replyToMail(smsim(), messageId)
  const send = (fields: MailFields = {}) =>
    smsim().sendMail({
      from: SCHOOL,
      to: MAIL2SMS,
      subject: `${CREDENTIALS}|${MOBILE}`,
      text: 'Bonjour',
      ...fields,
    })
  return {
    get smsim() {
      return smsim()
    },
    client: () =>
      (sender ??= new AllmysmsMailSender({
        ...ACCOUNT,
        mailFrom: SCHOOL,
        host: smsim().smtp.host,
        port: smsim().smtp.port,
      })),
    send,
    sendRaw: (raw, envelope = { from: SCHOOL, to: [MAIL2SMS] }) =>
      smsim().sendMail({ envelope, raw }),
    replyTo,
    async sendAndRead(fields) {
      const mail = await replyTo((await send(fields)).messageId)
      const reply = readAllmysmsReply(mail)
      expect(reply, `an allmysms reply in ${JSON.stringify(mail.text)}`).toBeDefined()
      return { ...reply!, mail }
    },
    mails,
    messages: allmysms.messages,
    journal: allmysms.journal,
    account: () => allmysms.account(ACCOUNT.login),
    setCredits: (credits) => allmysms.patchAccount(ACCOUNT.login, { credits }),
    setClock: allmysms.setClock,
    advance: allmysms.advance,
  }
}
