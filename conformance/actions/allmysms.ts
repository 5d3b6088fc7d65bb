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
import {
  AllmysmsHttpClient,
  readSendAnswer,
  type AllmysmsHttpClientOptions,
  type AllmysmsRecipient,
} from '../../client/allmysms/http.ts'
import { smtpTransport } from '../../client/smtp.ts'
import type { AllmysmsCode } from '../../simulators/allmysms/codes.ts'
import type { Mail } from '../../simulators/core/model.ts'
import { providerBase, type ActionSet, type ScenarioContext } from '../context.ts'
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

interface HttpArgs {
  /** Credentials other than the scenario account's. */
  login?: string
  apiKey?: string
  encoding?: AllmysmsHttpClientOptions['encoding']
  stream?: AllmysmsHttpClientOptions['stream']
}

interface HttpSendArgs extends HttpArgs {
  message: SuiteText
  recipients: string | number | readonly (string | number | AllmysmsRecipient)[]
  tpoa?: string
  date?: string
  flash?: boolean
  campaignName?: string
  cliMsgId?: string
  masterAccount?: string
  tracking?: boolean
}

function httpClient(args: HttpArgs, ctx: ScenarioContext): AllmysmsHttpClient {
  return new AllmysmsHttpClient({
    baseUrl: `${providerBase(ctx, '/allmysms')}/http/9.0`,
    login: args.login ?? String(ctx.vars.account),
    apiKey: args.apiKey ?? String(ctx.vars.secret),
    timeoutMs: ctx.timeoutMs,
    ...(args.encoding ? { encoding: args.encoding } : {}),
    ...(args.stream ? { stream: args.stream } : {}),
  })
}

function sendInput(args: HttpSendArgs) {
  const list = Array.isArray(args.recipients) ? args.recipients : [args.recipients]
  return {
    message: suiteText(args.message),
    recipients: list.map((r: string | number | AllmysmsRecipient) =>
      typeof r === 'object' ? r : String(r),
    ),
    ...(args.tpoa !== undefined ? { tpoa: String(args.tpoa) } : {}),
    ...(args.date !== undefined ? { date: String(args.date) } : {}),
    ...(args.flash !== undefined ? { flash: args.flash } : {}),
    ...(args.campaignName !== undefined ? { campaignName: args.campaignName } : {}),
    ...(args.cliMsgId !== undefined ? { cliMsgId: args.cliMsgId } : {}),
    ...(args.masterAccount !== undefined ? { masterAccount: args.masterAccount } : {}),
    ...(args.tracking !== undefined ? { tracking: args.tracking } : {}),
  }
}

/** A send's result without the parsed answer twice. */
const sendResult = ({ raw, ...result }: ReturnType<typeof readSendAnswer>) => ({
  ...result,
  answer: raw,
})

/**
 * The verbs of allmysms's HTTP API 9.0, through the reference client.
 *
 * @example
 * // scenarios/allmysms/http.yaml
 * // - send: { recipients: ['${phone}'], message: Bonjour }
 * //   expect: { code: 100, smsIds: { $length: 1 } }
 * // - sendRaw: { operation: sendSms/, fields: { smsData: '{"DATA"' } }
 * //   expect: { code: 106 }
 */
export const ALLMYSMS_HTTP_ACTIONS: ActionSet = {
  provider: 'allmysms',
  transport: 'http',
  actions: {
    send: {
      description:
        'sendSms with smsData: `send: { recipients, message, tpoa?, date?, flash?, campaignName?, cliMsgId?, masterAccount?, tracking?, login?, apiKey?, encoding?: urlencoded|multipart|query, stream?: json|xml }` → `{ ok, code, status, statusText, invalidNumbers[], campaignId, credits, creditsUsed, nbContacts, nbSms, smsIds, answer }`',
      run: async (raw, ctx) => {
        const args = raw as HttpSendArgs
        return sendResult(await httpClient(args, ctx).send(sendInput(args)))
      },
    },
    simulate: {
      description: 'simulateCampaign: `simulate: { …as send }` → as `send`, with `nbCredits`',
      run: async (raw, ctx) => {
        const args = raw as HttpSendArgs
        const { raw: answer, ...result } = await httpClient(args, ctx).simulate(sendInput(args))
        return { ...result, answer }
      },
    },
    sendSimple: {
      description:
        'the simplified send: `sendSimple: { mobiles, message, tpoa?, date?, flash?, campaign?, login?, apiKey?, encoding? }` → as `send`',
      run: async (raw, ctx) => {
        const args = raw as HttpArgs & {
          mobiles: string | readonly (string | number)[]
          message: SuiteText
          tpoa?: string
          date?: string
          flash?: boolean
          campaign?: string
        }
        const mobiles = Array.isArray(args.mobiles)
          ? args.mobiles.map(String)
          : [String(args.mobiles)]
        return sendResult(
          await httpClient(args, ctx).sendSimple({
            message: suiteText(args.message),
            mobiles,
            ...(args.tpoa !== undefined ? { tpoa: args.tpoa } : {}),
            ...(args.date !== undefined ? { date: args.date } : {}),
            ...(args.flash !== undefined ? { flash: args.flash } : {}),
            ...(args.campaign !== undefined ? { campaign: args.campaign } : {}),
          }),
        )
      },
    },
    sendRaw: {
      description:
        'fields posted by hand (urlencoded, login and apiKey added unless given) to an operation: `sendRaw: { operation?: sendSms/, fields }` → as `send`',
      run: async (raw, ctx) => {
        const args = raw as HttpArgs & { operation?: string; fields?: Record<string, unknown> }
        const fields = Object.fromEntries(
          Object.entries(args.fields ?? {}).map(([k, v]) => [k, String(v)]),
        )
        const answer = await httpClient(args, ctx).call(args.operation ?? 'sendSms/', fields)
        return sendResult(readSendAnswer(answer))
      },
    },
    getInfo: {
      description: 'getInfo: `getInfo: { login?, apiKey? }` → `{ credits, answer }`',
      run: async (raw, ctx) => {
        const { raw: answer, credits } = await httpClient(raw as HttpArgs, ctx).getInfo()
        return { credits, answer }
      },
    },
    getAcks: {
      description:
        'getAcks: `getAcks: { campId }` → `{ acks: [{ phoneNumber, statut, comment, receptionDate }], answer }`',
      run: async (raw, ctx) => {
        const args = raw as HttpArgs & { campId: string }
        const { acks, raw: answer } = await httpClient(args, ctx).getAcks(String(args.campId))
        return { acks, answer }
      },
    },
    getAckBySmsId: {
      description:
        'getAckBySmsId: `getAckBySmsId: { smsId }` → the answer (`statut`, `phoneNumber`…)',
      run: async (raw, ctx) => {
        const args = raw as HttpArgs & { smsId: string }
        return httpClient(args, ctx).getAckBySmsId(String(args.smsId))
      },
    },
    deleteCampaign: {
      description:
        'deleteCampaign: `deleteCampaign: { campId }` → `{ status: OK|KO }` (what is still scheduled is cancelled)',
      run: async (raw, ctx) => {
        const args = raw as HttpArgs & { campId: string }
        return (await httpClient(args, ctx).deleteCampaign(String(args.campId))).raw
      },
    },
    getBlacklist: {
      description:
        'getBlacklist: `getBlacklist: {}` → `{ blacklist: [{ phoneNumber, comment, receptionDate }] }`',
      run: async (raw, ctx) => ({
        blacklist: await httpClient(raw as HttpArgs, ctx).getBlacklist(),
      }),
    },
  },
}

export const ALLMYSMS_ACTION_SETS: readonly ActionSet[] = [
  ALLMYSMS_MAIL_ACTIONS,
  ALLMYSMS_HTTP_ACTIONS,
]
