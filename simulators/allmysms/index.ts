/**
 * allmysms (allmysms.com, MS Innovations, Nice): Mail2SMS, a mail to `mail2sms@allmysms.com`
 * whose subject carries the credentials and the recipients and whose body is the SMS (errors
 * come back by mail; success is silent), and the HTTP API 9.0 at
 * `https://api.allmysms.com/http/9.0/` (http.ts), on the same accounts. See README.md beside
 * this file for the fidelity table.
 *
 * @see shared/specs/002_0241076537611203.txt
 */
import type { Provider } from '../core/provider.ts'
import { codeText } from '../core/codes.ts'
import { ALLMYSMS_CODES } from './codes.ts'
import { ALLMYSMS_HTTP } from './http.ts'
import { ALLMYSMS_HTTP_CODES } from './codes.ts'
import { ALLMYSMS_MAIL2SMS } from './mail.ts'
import { MAIL2SMS_ADDRESS } from './wire.ts'

/** The demo account `npm start` creates: the document's own example credentials. */
export const ALLMYSMS_DEMO = { login: 'arthur45', apiKey: 'de135f8d2a091e4', credits: 1000 }

/**
 * The lines `npm start` prints for allmysms: the demo account, two ready-to-paste ways to send a
 * Mail2SMS to smsim's SMTP port, and a `curl` of the HTTP API 9.0.
 *
 * @param base the HTTP base URL
 * @param smtp where the SMTP gateway listens, as the banner gives it
 *
 * @example
 * allmysmsUsage('http://127.0.0.1:8780', { host: '127.0.0.1', port: 2525 })[0]
 * // 'allmysms login arthur45   apiKey de135f8d2a091e4   1000 credits   Mail2SMS to mail2sms@allmysms.com on smtp://127.0.0.1:2525'
 */
export function allmysmsUsage(base: string, smtp: { host: string; port: number }): string[] {
  const { host, port: smtpPort } = smtp
  const url = `smtp://${host.includes(':') ? `[${host}]` : host}:${smtpPort}`
  const { login, apiKey, credits } = ALLMYSMS_DEMO
  const subject = `${login}@${apiKey}|0660919010`
  return [
    `allmysms login ${login}   apiKey ${apiKey}   ${credits} credits   Mail2SMS to ${MAIL2SMS_ADDRESS} on ${url}`,
    `         swaks --server ${host} --port ${smtpPort} --from you@example.com --to ${MAIL2SMS_ADDRESS} --header 'Subject: ${subject}' --body 'Bonjour'`,
    `         printf 'From: you@example.com\\r\\nTo: ${MAIL2SMS_ADDRESS}\\r\\nSubject: ${subject}\\r\\n\\r\\nBonjour\\r\\n' | curl -sS ${url} --mail-from you@example.com --mail-rcpt ${MAIL2SMS_ADDRESS} --upload-file -`,
    `         curl -sS ${base}/allmysms/http/9.0/sendSms/ --data-urlencode login=${login} --data-urlencode apiKey=${apiKey} --data-urlencode 'smsData={"DATA":{"MESSAGE":"Bonjour","SMS":[{"MOBILEPHONE":"0660919010"}]}}'`,
  ]
}

export const allmysms: Provider = {
  id: 'allmysms',
  name: 'allmysms',
  prefix: '/allmysms',
  codes: ALLMYSMS_CODES,
  // The HTTP API's codes the Mail2SMS table lacks (103, 106…) mean what the public table says.
  codeMeaning: (code) => codeText(ALLMYSMS_CODES, code) ?? codeText(ALLMYSMS_HTTP_CODES, code),
  http: [ALLMYSMS_HTTP],
  mail: [ALLMYSMS_MAIL2SMS],
  demo: {
    accounts: [
      {
        provider: 'allmysms',
        id: ALLMYSMS_DEMO.login,
        secret: ALLMYSMS_DEMO.apiKey,
        credits: ALLMYSMS_DEMO.credits,
      },
    ],
    usage: allmysmsUsage,
  },
}
