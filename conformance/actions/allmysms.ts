/**
 * allmysms's verbs over Mail2SMS: `send` writes the mail with the reference client (subject
 * `login@apiKey|mobiles|from=|date=`, the SMS as the body), `sendRaw` writes a subject by hand —
 * the empty or malformed ones the client refuses to write, which people and scripts do send.
 * Both read the error mail allmysms sends back ("uniquement en cas d'erreur"): no reply is a
 * sent SMS.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "FORMATAGE DE L'EMAIL", §2.2 "REPONSE"
 */
import {
  allmysmsCodeOf,
  AllmysmsMailSender,
  MAIL2SMS_ADDRESS,
  readAllmysmsReply,
  type AllmysmsReply,
} from '../../client/allmysms/mail.ts'
import { smtpTransport } from '../../client/smtp.ts'
import type { AllmysmsCode } from '../../simulators/allmysms/codes.ts'
import type { Mail } from '../../simulators/core/model.ts'
import type { ActionSet, ScenarioContext } from '../context.ts'
import { mailExchange, smtpOptions } from './mail-replies.ts'

/**
 * A text as a suite writes it: a string, or pieces joined, where `{ repeat, times }` stands for
 * a long run of one character (`[{ repeat: a, times: 147 }, ' STOP au 36180']`): the length
 * rules are about counts a YAML file cannot spell out.
 *
 * @example
 * suiteText([{ repeat: 'x', times: 3 }, '!']) // 'xxx!'
 */
export type SuiteText = string | readonly (string | { repeat: string; times: number })[]

/** A {@link SuiteText} written out. */
export function suiteText(text: SuiteText | number | undefined): string {
  if (text === undefined) return ''
  if (typeof text === 'string' || typeof text === 'number') return String(text)
  return text.map((p) => (typeof p === 'string' ? p : p.repeat.repeat(p.times))).join('')
}

/**
 * An allmysms reply read, with its status as one of the document's codes when it is one.
 *
 * @example
 * // { status: 104, statusText: 'Crédit insuffisant …', documented: true,
 * //   credits: { needed: 6, available: 5 }, code: 104, subject: 'Mail2SMS : erreur 104' }
 */
export type AllmysmsReplyRead = Partial<AllmysmsReply> & {
  code?: AllmysmsCode
  subject: string
}

/** Reads one mail of the outbox; a mail that is no allmysms reply keeps its subject only. */
function readReply(mail: Mail): AllmysmsReplyRead {
  const reply = readAllmysmsReply(mail)
  const code = reply && allmysmsCodeOf(reply)
  return { ...reply, ...(code !== undefined ? { code } : {}), subject: mail.subject }
}

interface SendArgs {
  mobiles: string | number | readonly (string | number)[]
  text: SuiteText
  from?: string
  date?: string
  /** Credentials other than the scenario account's. */
  login?: string
  apiKey?: string
  /** The sender's address (default `${mailFrom}`): errors come back to it. */
  mailFrom?: string
}

interface RawArgs {
  /** The subject as written, `''` included. */
  subject: string
  text?: SuiteText
  mailFrom?: string
}

/**
 * The verbs of allmysms's Mail2SMS.
 *
 * @example
 * // scenarios/allmysms/*.yaml
 * // - send: { mobiles: ['${phone}', '${phone2}'], text: Bonjour }
 * //   expect: { replies: [] }
 * // - sendRaw: { subject: '' }
 * //   expect: { reply: { code: 105 } }
 */
export const ALLMYSMS_MAIL_ACTIONS: ActionSet = {
  provider: 'allmysms',
  transport: 'mail',
  actions: {
    send: {
      description:
        'Mail2SMS through the reference client: `send: { mobiles, text, from?, date?, login?, apiKey?, mailFrom? }` → `{ accepted, response, subject, replies, reply?: { status, statusText, code, credits? } }` (no reply: sent)',
      needsControl: true,
      run: async (raw, ctx) => {
        const args = raw as SendArgs
        const mailFrom = args.mailFrom ?? String(ctx.vars.mailFrom)
        const sender = new AllmysmsMailSender({
          ...smtpOptions(ctx),
          login: args.login ?? String(ctx.vars.account),
          apiKey: args.apiKey ?? String(ctx.vars.secret),
          mailFrom,
        })
        const mobiles = Array.isArray(args.mobiles)
          ? args.mobiles.map(String)
          : String(args.mobiles as string | number)
        let subject = ''
        try {
          const outcome = await mailExchange(
            ctx,
            mailFrom.toLowerCase(),
            async () => {
              const sent = await sender.send({
                mobiles,
                text: suiteText(args.text),
                ...(args.from !== undefined ? { from: String(args.from) } : {}),
                ...(args.date !== undefined ? { date: String(args.date) } : {}),
              })
              subject = sent.subject
              return sent
            },
            readReply,
          )
          return { ...outcome, subject }
        } finally {
          sender.close()
        }
      },
    },
    sendRaw: {
      description:
        'a Mail2SMS whose subject is written by hand (empty, malformed: what the reference client refuses to write): `sendRaw: { subject, text?, mailFrom? }` → as `send`',
      needsControl: true,
      run: (raw, ctx) => sendRaw(raw as RawArgs, ctx),
    },
  },
}

async function sendRaw(args: RawArgs, ctx: ScenarioContext) {
  const mailFrom = args.mailFrom ?? String(ctx.vars.mailFrom)
  const transport = smtpTransport(smtpOptions(ctx))
  const subject = String(args.subject ?? '')
  try {
    const outcome = await mailExchange(
      ctx,
      mailFrom.toLowerCase(),
      async () =>
        (await transport.sendMail({
          from: mailFrom,
          to: MAIL2SMS_ADDRESS,
          subject,
          text: args.text === undefined ? 'Bonjour' : suiteText(args.text),
        })) as { response: string },
      readReply,
    )
    return { ...outcome, subject }
  } finally {
    transport.close()
  }
}

export const ALLMYSMS_ACTION_SETS: readonly ActionSet[] = [ALLMYSMS_MAIL_ACTIONS]
