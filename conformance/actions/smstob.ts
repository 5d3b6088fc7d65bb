/**
 * SMStoB's verbs: `send` over `http.php` and over mail (the three syntaxes), through the
 * reference clients only.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "Envoi par http", §2 "Envoi par e-mail"
 */
import { SmstobHttpClient } from '../../client/smstob/http.ts'
import {
  readSmstobReply,
  SmstobMailSender,
  type SmstobMailInput,
} from '../../client/smstob/mail.ts'
import { providerBase, type ActionSet, type ScenarioContext } from '../context.ts'
import { mailExchange, smtpOptions } from './mail-replies.ts'

interface HttpSendArgs {
  numero: string
  message: string
  diff?: string
  /** Credentials other than the scenario account's (wrong or empty ones). */
  email?: string
  pass?: string
  method?: 'GET' | 'POST'
  charset?: 'utf-8' | 'iso-8859-1'
}

export const SMSTOB_HTTP_ACTIONS: ActionSet = {
  provider: 'smstob',
  transport: 'http',
  actions: {
    send: {
      description:
        'http.php: `send: { numero, message, diff?, email?, pass?, method?, charset? }` → `{ ok, code, meaning, raw }`',
      run: (raw, ctx) => {
        const args = raw as HttpSendArgs
        const client = new SmstobHttpClient({
          baseUrl: providerBase(ctx, '/smstob'),
          email: args.email ?? String(ctx.vars.account),
          pass: args.pass ?? String(ctx.vars.secret),
          timeoutMs: ctx.timeoutMs,
          ...(args.method ? { method: args.method } : {}),
          ...(args.charset ? { charset: args.charset } : {}),
        })
        return client.send({
          numero: args.numero,
          message: args.message,
          ...(args.diff !== undefined ? { diff: String(args.diff) } : {}),
        })
      },
    },
  },
}

type MailSendArgs = Partial<SmstobMailInput> & { numero: string; message: string }

export const SMSTOB_MAIL_ACTIONS: ActionSet = {
  provider: 'smstob',
  transport: 'mail',
  actions: {
    send: {
      description:
        'mail to SMStoB: `send: { syntax: 1|2|3, numero, message, diff?, pass?, from? }` → `{ accepted, response, replies, reply: { kind, ok, code, meaning } }`',
      needsControl: true,
      run: async (raw, ctx: ScenarioContext) => {
        const args = raw as MailSendArgs
        const input = {
          syntax: args.syntax ?? 3,
          from: args.from ?? String(ctx.vars.mailFrom),
          pass: args.pass ?? String(ctx.vars.secret),
          numero: String(args.numero),
          message: String(args.message),
          ...(args.diff !== undefined ? { diff: String(args.diff) } : {}),
        } as SmstobMailInput
        const sender = new SmstobMailSender(smtpOptions(ctx))
        try {
          return await mailExchange(ctx, input.from, () => sender.send(input), readSmstobReply)
        } finally {
          sender.close()
        }
      },
    },
  },
}
