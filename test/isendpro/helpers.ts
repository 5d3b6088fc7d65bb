/**
 * Shared setup of iSendPro's mail transport tests: smsim started on free ports (HTTP and SMTP),
 * mails sent over real SMTP sessions with nodemailer's SMTP client (STYLE.md §20) — built by
 * the reference client's {@link buildIsendproMail}, written by hand, or the raw bytes of an
 * `.eml` fixture — the phones read back from `GET /_smsim/messages` and the Ack and Not mails
 * from the outbox (`GET /_smsim/mails`), read with the reference client's readers.
 *
 * Time is smsim's frozen clock, moved through the control API: no test waits on the wall clock.
 * Unexpected errors go to a recording logger, and every test ends by checking nothing was
 * logged.
 *
 * @example
 * const isendpro = useIsendpro()
 * it('acks 2', async () => expect((await isendpro.sendAndRead({ emailId: '' })).ack.code).toBe(2))
 */
import type { SendMailOptions } from 'nodemailer'
import { afterAll, afterEach, beforeEach, expect } from 'vitest'
import {
  buildIsendproMail,
  IsendproMailSender,
  type IsendproEnvoiOptions,
  type IsendproSendInput,
} from '../../client/isendpro/mail.ts'
import {
  readIsendproAck,
  readIsendproNot,
  type IsendproAck,
  type IsendproNot,
} from '../../client/isendpro/replies.ts'
import type { Mail } from '../../simulators/core/model.ts'
import type { SentMail, TestSmsim } from '../../simulators/testing.ts'
import { controlOverHttp, type ProviderControl } from '../support/control.ts'
import { fixtureReader } from '../support/fixtures.ts'
import { expectNothingLogged, recordingLogger } from '../support/logger.ts'
import { useTestSmsim } from '../support/smsim.ts'

/** Monday 5 January 2026, 10:00 in Paris: inside the commercial window. */
export const MONDAY_10H = '2026-01-05T10:00:00+01:00'
export const HOUR = 3_600_000

/** The document's own example keyid, and its domain. */
export const KEYID = 'a296464ce012b8ab710a'
export const DOMAIN = 'masociete.com'
/** The application's address, in the authorised domain. */
export const APP = `app@${DOMAIN}`
export const ACK = `ack@${DOMAIN}`
export const NOT = `not@${DOMAIN}`
export const ISENDPRO = 'sendsms@isendpro-api.com'
export const MOBILE = '0601020304'
export const MOBILE_E164 = '+33601020304'

/** A fixture of simulators/isendpro/fixtures/, as the bytes a client sends. */
export const fixture = fixtureReader('isendpro')

/** What a test may change of the default mail: the envoi's fields, and nodemailer's options. */
export type EnvoiFields = Partial<IsendproEnvoiOptions> &
  Partial<Pick<IsendproSendInput, 'to' | 'sms' | 'csv'>> & { mail?: Partial<SendMailOptions> }

export interface Replies {
  ack: IsendproAck & { mail: Mail }
  not?: IsendproNot & { mail: Mail }
}

export interface IsendproTarget {
  readonly smsim: TestSmsim
  readonly control: ProviderControl
  /** A reference client for {@link KEYID}, sending from {@link APP}, replies to {@link ACK} and {@link NOT}. */
  client(): IsendproMailSender
  /**
   * Sends one mail built by the reference client: "Bonjour" to {@link MOBILE} from {@link APP}
   * with a fresh emailId unless the test says otherwise.
   */
  send(fields?: EnvoiFields): Promise<SentMail & { emailId: string }>
  /** Sends a plain-text mail whose body is `text`, as a person or a script would write it. */
  sendText(text: string, mail?: Partial<SendMailOptions>): Promise<SentMail>
  /** Sends raw bytes (an `.eml` fixture) with this envelope. */
  sendRaw(raw: Buffer, envelope?: { from: string; to: string[] }): Promise<SentMail>
  /** The one Ack for this emailId (`undefined`: the `?` one); fails unless there is exactly one. */
  ack(emailId: string | undefined): Promise<IsendproAck & { mail: Mail }>
  /** The one Not for this emailId; fails unless there is exactly one. */
  not(emailId: string): Promise<IsendproNot & { mail: Mail }>
  /** Sends, then reads the Ack and — when the Ack is 0 — the Not. */
  sendAndRead(fields?: EnvoiFields): Promise<Replies & { emailId: string }>
  /** Every mail of the outbox. */
  mails(to?: string): Promise<Mail[]>
  credits(): Promise<number>
}

let sequence = 0

/**
 * Starts smsim for the enclosing `describe`; before each test empties its state, freezes its
 * clock at {@link MONDAY_10H} and creates {@link KEYID} with `credits` (default 100), allowed
 * to send from {@link DOMAIN}, with `options` on top.
 */
export function useIsendpro(
  setup: { credits?: number; options?: Record<string, unknown> } = {},
): IsendproTarget {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger })
  const control = controlOverHttp(() => smsim().control, 'isendpro')
  let sender: IsendproMailSender | undefined

  beforeEach(async () => {
    await control.resetAt(MONDAY_10H)
    await control.createAccount({
      id: KEYID,
      credits: setup.credits ?? 100,
      options: { senderDomains: [DOMAIN], ...setup.options },
    })
  })
  afterEach(() => expectNothingLogged(logger))
  afterAll(() => sender?.close())

  const mails = (to?: string) => control.mails(to)
  const one = async <T>(to: string, read: (m: Mail) => T | undefined, match: (r: T) => boolean) => {
    const found = (await mails(to))
      .map((mail) => ({ mail, reply: read(mail) }))
      .filter((r): r is { mail: Mail; reply: T } => r.reply !== undefined && match(r.reply))
    expect(found, `replies to ${to}`).toHaveLength(1)
    return { ...found[0]!.reply, mail: found[0]!.mail }
  }
  const ack = (emailId: string | undefined) =>
    one(ACK, readIsendproAck, (r) => r.emailId === emailId)
  const not = (emailId: string) => one(NOT, readIsendproNot, (r) => r.emailId === emailId)

  const send = async (fields: EnvoiFields = {}) => {
    const { mail, ...envoi } = fields
    const emailId = envoi.emailId !== undefined ? String(envoi.emailId) : `${++sequence}`
    const inline = envoi.csv
      ? {}
      : { to: envoi.to ?? MOBILE, sms: 'sms' in envoi ? envoi.sms : 'Bonjour' }
    const message = buildIsendproMail({
      keyid: KEYID,
      emailAck: ACK,
      emailNot: NOT,
      from: APP,
      ...inline,
      ...envoi,
      emailId,
    } as Parameters<typeof buildIsendproMail>[0])
    return { ...(await smsim().sendMail({ ...message, ...mail })), emailId }
  }

  return {
    get smsim() {
      return smsim()
    },
    control,
    client: () =>
      (sender ??= new IsendproMailSender({
        keyid: KEYID,
        mailFrom: APP,
        emailAck: ACK,
        emailNot: NOT,
        host: smsim().smtp.host,
        port: smsim().smtp.port,
      })),
    send,
    sendText: (text, mail = {}) =>
      smsim().sendMail({ from: APP, to: ISENDPRO, subject: 'envoi', text, ...mail }),
    sendRaw: (raw, envelope = { from: APP, to: [ISENDPRO] }) => smsim().sendMail({ envelope, raw }),
    ack,
    not,
    async sendAndRead(fields) {
      const { emailId } = await send(fields)
      const shown = emailId.trim() === '' ? undefined : emailId.trim()
      const received = await ack(shown)
      return {
        emailId,
        ack: received,
        ...(received.code === 0 && shown ? { not: await not(shown) } : {}),
      }
    },
    mails,
    credits: async () => (await control.account(KEYID)).credits,
  }
}
