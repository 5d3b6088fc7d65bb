/**
 * iSendPro's verbs over its mail interface ("PUSH MSISDN mode mail 2 sms"): `send` writes the
 * `<envoi>` with the reference client, `sendRaw` writes its elements as given — the absent or
 * empty keyid, the bad emetteur, the 501 numbers the client refuses to write, which scripts do
 * send. Both read the Ack (was the mail processed?) and the Not (each send's code) that come
 * back to `${mailFrom}`, into fields a suite can expect on.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Utilisation de l'API", III.5 "Réponses par e-mail"
 */
import type { SendMailOptions } from 'nodemailer'
import {
  IsendproMailSender,
  ISENDPRO_MAIL_ADDRESS,
  newEmailId,
  type IsendproCsvLine,
  type IsendproRecipient,
  type IsendproSendInput,
} from '../../client/isendpro/mail.ts'
import {
  readIsendproReply,
  type IsendproAck,
  type IsendproNot,
} from '../../client/isendpro/replies.ts'
import { smtpTransport } from '../../client/smtp.ts'
import type { Mail } from '../../simulators/core/model.ts'
import type { ActionSet, ScenarioContext } from '../context.ts'
import { suiteText, type SuiteText } from './allmysms.ts'
import { ISENDPRO_REST_ACTIONS } from './isendpro-rest.ts'
import { mailExchange, smtpOptions, type MailOutcome } from './mail-replies.ts'

/**
 * What a mail step returns: the SMTP outcome, then the Ack and the Not it brought back.
 *
 * @example
 * // { accepted: true, emailId: '1548', ack: { kind: 'ack', code: 0, … },
 * //   not: { kind: 'not', entries: [{ code: 0, tel: '0770…', … }], sent: 1 }, codes: [0], … }
 */
export interface IsendproOutcome extends MailOutcome<IsendproAck | IsendproNot | undefined> {
  /** The emailId the mail carried (`undefined`: none). */
  emailId?: string
  ack?: IsendproAck
  not?: IsendproNot
  /** The Not's codes in the mail's order (`[]` without a Not): `codes: [0, 34]`. */
  codes: number[]
}

/**
 * Numbers nobody else's scenario uses (scenario phones are `077…`), for the 500-recipient
 * limit: `bulk: 500`.
 */
function bulkNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `078${String(i + 1).padStart(7, '0')}`)
}

/** The replies, read, and the mail's outcome folded into one value. */
async function exchange(
  ctx: ScenarioContext,
  send: () => Promise<{ response: string; emailId?: string }>,
): Promise<IsendproOutcome> {
  let emailId: string | undefined
  const outcome = await mailExchange(
    ctx,
    String(ctx.vars.mailFrom),
    async () => {
      const sent = await send()
      emailId = sent.emailId
      return sent
    },
    (mail: Mail) => readIsendproReply(mail),
  )
  const ack = outcome.replies.find((r): r is IsendproAck => r?.kind === 'ack')
  const not = outcome.replies.find((r): r is IsendproNot => r?.kind === 'not')
  return {
    ...outcome,
    ...(emailId !== undefined ? { emailId } : {}),
    ...(ack ? { ack } : {}),
    ...(not ? { not } : {}),
    codes: not ? not.entries.map((e) => e.code) : [],
  }
}

type Recipient = string | number | { num: string | number; sms: SuiteText }

interface SendArgs {
  /** One number, or several (each a number or `{ num, sms }` with a text of its own). */
  to?: Recipient | readonly Recipient[]
  /** Instead of `to`: this many numbers of a range no scenario uses. */
  bulk?: number
  sms?: SuiteText
  csv?: { mobiles: readonly (string | IsendproCsvLine)[]; message: SuiteText }
  keyid?: string
  emailId?: string | number
  /**
   * Default `${mailFrom}`, where the step reads the replies: another address sends the Ack
   * there, unread; `null` writes no `<emailAck>` (no Ack at all).
   */
  emailAck?: string | null
  emailNot?: string | null
  emetteur?: string
  tracker?: string
  smslong?: number | 'auto'
  nostop?: boolean
  /** The mail's From (default `${mailFrom}`); the replies still go to emailAck/emailNot. */
  mailFrom?: string
}

const recipient = (r: Recipient): string | IsendproRecipient =>
  typeof r === 'object' ? { num: String(r.num), sms: suiteText(r.sms) } : String(r)

/** The verb's arguments as the reference client's input. */
function clientInput(args: SendArgs, ctx: ScenarioContext): IsendproSendInput {
  const mailFrom = String(ctx.vars.mailFrom)
  const common = {
    ...(args.emailAck !== null ? { emailAck: args.emailAck ?? mailFrom } : {}),
    ...(args.emailNot !== null ? { emailNot: args.emailNot ?? mailFrom } : {}),
    ...(args.keyid !== undefined ? { keyid: String(args.keyid) } : {}),
    ...(args.emailId !== undefined ? { emailId: String(args.emailId) } : {}),
    ...(args.emetteur !== undefined ? { emetteur: String(args.emetteur) } : {}),
    ...(args.tracker !== undefined ? { tracker: String(args.tracker) } : {}),
    ...(args.smslong !== undefined ? { smslong: args.smslong } : {}),
    ...(args.nostop !== undefined ? { nostop: args.nostop } : {}),
  }
  if (args.csv)
    return {
      ...common,
      csv: { mobiles: args.csv.mobiles, message: suiteText(args.csv.message) },
    }
  const to =
    args.bulk !== undefined
      ? bulkNumbers(args.bulk)
      : Array.isArray(args.to)
        ? (args.to as Recipient[]).map(recipient)
        : String(args.to ?? ctx.vars.phone)
  return {
    ...common,
    to,
    ...(args.sms !== undefined || typeof to === 'string' || to.every((r) => typeof r === 'string')
      ? { sms: args.sms === undefined ? 'Bonjour' : suiteText(args.sms) }
      : {}),
  }
}

/**
 * `sendRaw`: the `<envoi>`'s elements in order, each written `<name>value</name>` as given
 * (`''` writes an empty element, `null` leaves a default one out), with `keyid` first and
 * `emailAck`, `emailNot`, `emailId` last unless named.
 */
interface RawArgs {
  envoi?: Record<string, string | number | null>
  /** `num1`…`numN` from a range no scenario uses, after the named elements. */
  bulk?: number
  /** Attachments by file name (`mobiles.csv`, `message.csv`), their content as written. */
  attachments?: Record<string, SuiteText>
  mailFrom?: string
  /** No From header and a null envelope sender (`MAIL FROM:<>`): a cron job's bare mail. */
  nullSender?: boolean
}

function rawEnvoi(args: RawArgs, ctx: ScenarioContext): { text: string; emailId?: string } {
  const given = args.envoi ?? {}
  const mailFrom = String(ctx.vars.mailFrom)
  const elements: [string, string | number | null][] = []
  if (!('keyid' in given)) elements.push(['keyid', String(ctx.vars.account)])
  elements.push(...Object.entries(given))
  bulkNumbers(args.bulk ?? 0).forEach((n, i) => elements.push([`num${i + 1}`, n]))
  const defaults = { emailAck: mailFrom, emailNot: mailFrom, emailId: newEmailId() }
  for (const [name, value] of Object.entries(defaults))
    if (!(name in given)) elements.push([name, value])
  const lines = elements
    .filter((e): e is [string, string | number] => e[1] !== null)
    .map(([name, value]) => `<${name}>${String(value)}</${name}>`)
  const emailId = elements.find(([name]) => name === 'emailId')?.[1]
  return {
    text: ['<envoi>', ...lines, '</envoi>', ''].join('\n'),
    ...(emailId !== null && emailId !== undefined ? { emailId: String(emailId) } : {}),
  }
}

/**
 * The verbs of iSendPro's mail interface.
 *
 * @example
 * // scenarios/isendpro/*.yaml
 * // - send: { to: ['${phone}', '${phone2}'], sms: Bonjour }
 * //   expect: { ack: { code: 0 }, codes: [0, 11] }
 * // - sendRaw: { envoi: { keyid: null, num: '${phone}', sms: Bonjour } }
 * //   expect: { not: { general: { code: 1 } } }
 */
export const ISENDPRO_MAIL_ACTIONS: ActionSet = {
  provider: 'isendpro',
  transport: 'mail',
  actions: {
    send: {
      description:
        'a mail 2 sms through the reference client: `send: { to?|bulk?|csv?, sms?, keyid?, emailId?, emailAck?, emailNot?, emetteur?, tracker?, smslong?, nostop?, mailFrom? }` (to: `${phone}` and sms: Bonjour by default; `to` items may be `{ num, sms }`) → `{ accepted, emailId, ack: { code, message }, not: { entries: [{ code, tel, message, sent }], general?, sent }, codes }`',
      needsControl: true,
      run: async (raw, ctx) => {
        const args = (raw ?? {}) as SendArgs
        const sender = new IsendproMailSender({
          ...smtpOptions(ctx),
          keyid: String(ctx.vars.account),
          mailFrom: args.mailFrom ?? String(ctx.vars.mailFrom),
        })
        const input = clientInput(args, ctx)
        try {
          return await exchange(ctx, () => sender.send(input))
        } finally {
          sender.close()
        }
      },
    },
    sendRaw: {
      description:
        'a mail 2 sms whose `<envoi>` is written as given (what the reference client refuses to write): `sendRaw: { envoi: { keyid: "", num: …, sms: …, emailId: null }, bulk?, attachments?, mailFrom?, nullSender? }` → as `send`',
      needsControl: true,
      run: async (raw, ctx) => {
        const args = (raw ?? {}) as RawArgs
        const { text, emailId } = rawEnvoi(args, ctx)
        const mailFrom = args.mailFrom ?? String(ctx.vars.mailFrom)
        const message: SendMailOptions = {
          to: ISENDPRO_MAIL_ADDRESS,
          subject: `envoi ${emailId ?? ''}`.trim(),
          text,
          ...(args.nullSender
            ? { envelope: { from: '', to: [ISENDPRO_MAIL_ADDRESS] } }
            : { from: mailFrom }),
          ...(args.attachments
            ? {
                attachments: Object.entries(args.attachments).map(([filename, content]) => ({
                  filename,
                  content: suiteText(content),
                  contentType: 'text/csv; charset=utf-8',
                })),
              }
            : {}),
        }
        const transport = smtpTransport(smtpOptions(ctx))
        try {
          return await exchange(ctx, async () => ({
            response: ((await transport.sendMail(message)) as { response: string }).response,
            ...(emailId !== undefined ? { emailId } : {}),
          }))
        } finally {
          transport.close()
        }
      },
    },
  },
}

export const ISENDPRO_ACTION_SETS: readonly ActionSet[] = [
  ISENDPRO_MAIL_ACTIONS,
  ISENDPRO_REST_ACTIONS,
]
