/**
 * iSendPro (isendpro.com): "PUSH MSISDN mode mail 2 sms", a mail to `sendsms@isendpro-api.com`
 * whose plain-text body holds an `<envoi>` XML block — the account's keyid, the numbers, the
 * messages — optionally with `mobiles.csv` and `message.csv` attached. The service answers by
 * mail: an Ack to `emailAck` (was the mail processed?), a Not to `emailNot` (each send's code).
 * See README.md beside this file for the fidelity table.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt
 */
import type { Provider } from '../core/provider.ts'
import { ISENDPRO_CODES, ISENDPRO_FAULT_CODES } from './codes.ts'
import { journalCodeMeaning } from './decide.ts'
import { ISENDPRO_MAIL } from './mail.ts'
import { validateIsendproOptions } from './options.ts'
import { ISENDPRO_REST } from './rest.ts'
import { ISENDPRO_MAIL_ADDRESS } from './wire.ts'

/**
 * The demo account `npm start` creates: the document's own example keyid and domain
 * (`not@masociete.com`), with the commercial-window restriction lifted so that a developer
 * trying it at 21:00 gets an SMS rather than a 24 (the rule is one PATCH away).
 */
export const ISENDPRO_DEMO = {
  keyid: 'a296464ce012b8ab710a',
  credits: 1000,
  senderDomain: 'masociete.com',
} as const

/** Where smsim's SMTP gateway listens by default (DESIGN.md "Public contract"). */
const DEFAULT_SMTP_PORT = 2525

/**
 * A ready-to-send `<envoi>` for the demo account, on one line, `emailId` left as `%s` for the
 * shell to fill in (each emailId is processed once).
 */
function demoEnvoi(): string {
  const { keyid, senderDomain } = ISENDPRO_DEMO
  return (
    `<envoi><keyid>${keyid}</keyid><num>0660919010</num><sms>Bonjour</sms>` +
    `<emailId>%s</emailId><emailAck>ack@${senderDomain}</emailAck><emailNot>not@${senderDomain}</emailNot></envoi>`
  )
}

/**
 * The lines `npm start` prints for iSendPro: the demo account and two ready-to-paste ways to
 * send a mail to smsim's SMTP port, each with a fresh emailId (the time in seconds and bash's
 * `$RANDOM`: two pastes in the same second differ).
 *
 * @param base the HTTP base URL
 * @param smtp where the SMTP gateway listens, when the banner knows it; else the HTTP host and
 *   port 2525
 *
 * @example
 * isendproUsage('http://127.0.0.1:8780', { host: '127.0.0.1', port: 2525 })[0]
 * // 'iSendPro keyid a296464ce012b8ab710a   1000 credits   from *@masociete.com   mail to sendsms@isendpro-api.com on smtp://127.0.0.1:2525'
 */
export function isendproUsage(base: string, smtp?: { host: string; port: number }): string[] {
  // URL keeps an IPv6 host in brackets; the swaks line wants it bare.
  const host =
    smtp?.host ??
    (URL.canParse(base) ? new URL(base).hostname : '127.0.0.1').replace(/^\[(.*)\]$/, '$1')
  const port = smtp?.port ?? DEFAULT_SMTP_PORT
  const url = `smtp://${host.includes(':') ? `[${host}]` : host}:${port}`
  const { keyid, credits, senderDomain } = ISENDPRO_DEMO
  const from = `app@${senderDomain}`
  const envoi = demoEnvoi()
  return [
    `iSendPro keyid ${keyid}   ${credits} credits   from *@${senderDomain}   mail to ${ISENDPRO_MAIL_ADDRESS} on ${url}`,
    `         swaks --server ${host} --port ${port} --from ${from} --to ${ISENDPRO_MAIL_ADDRESS} --body "$(printf '${envoi}' "$(date +%s)$RANDOM")"`,
    `         printf 'From: ${from}\\r\\nTo: ${ISENDPRO_MAIL_ADDRESS}\\r\\nSubject: envoi\\r\\n\\r\\n${envoi}\\r\\n' "$(date +%s)$RANDOM" | curl -sS ${url} --mail-from ${from} --mail-rcpt ${ISENDPRO_MAIL_ADDRESS} --upload-file -`,
    `         curl '${base}/_smsim/mails?to=not@${senderDomain}'   # the Not mail`,
    `         curl -sS -X POST ${base}/isendpro/cgi-bin/sms -d '{"keyid":"${keyid}","num":"0660919010","sms":"Bonjour"}'   # the REST API`,
  ]
}

/**
 * The iSendPro provider: the REST API's endpoints (rest.ts), one mail address, the annex's codes, the faults 29
 * and 999, the account options, the demo account.
 *
 * @example
 * new Simulator({ providers: [isendpro] }).mailEndpoint('sendsms@isendpro-api.com')?.provider.id // 'isendpro'
 */
export const isendpro: Provider = {
  id: 'isendpro',
  name: 'iSendPro',
  prefix: '/isendpro',
  codes: ISENDPRO_CODES,
  // The journal writes an Ack code as `ack 1` (decide.ts `journalCode`): its text is the Ack table's.
  codeMeaning: journalCodeMeaning,
  http: ISENDPRO_REST,
  mail: [ISENDPRO_MAIL],
  // The keyid is the account's id and its only credential ("clé d'identification du compte"): the
  // journal, the control API's reads and the logs show it masked (core/secrets.ts).
  accountIdIsSecret: true,
  faultCodes: ISENDPRO_FAULT_CODES,
  validateOptions: validateIsendproOptions,
  demo: {
    accounts: [
      {
        provider: 'isendpro',
        id: ISENDPRO_DEMO.keyid,
        credits: ISENDPRO_DEMO.credits,
        options: { senderDomains: [ISENDPRO_DEMO.senderDomain], commercialExempt: true },
      },
    ],
    usage: (base, smtp) => isendproUsage(base, smtp),
  },
}
