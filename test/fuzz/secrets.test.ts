/**
 * Issue 10 item 7: passwords, apiKeys and keyids — the accounts' own and wrong ones — must not
 * be readable in clear in `/journal`, `/accounts` or `/messages`, whatever transport carried
 * them: SMStoB `http.php` and its three mail syntaxes, ASPSMS JSON, SOAP, XML and ASMX GET,
 * allmysms subjects, iSendPro keyids. (SMStoB's reply mails may quote the address that holds
 * the password, as the real service may: `/mails` is not checked.)
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { utf8Bytes } from './support/encoding.ts'
import { FUZZ_ACCOUNTS, fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { writeMail } from './support/mail.ts'
import { sendAny, type AnyCase } from './support/mixed.ts'

/** The fuzz accounts' secrets long enough to be told from ordinary text. */
const OWN = FUZZ_ACCOUNTS.map((a) => a.secret ?? '').filter((s) => s.length >= 6)

/** A secret as a client sends it: an account's own, or a wrong one that is clearly a secret. */
const secret = fc.oneof(
  fc.constantFrom(...OWN),
  fc.stringMatching(/^[0-9a-f]{8}$/).map((hex) => `S3cret${hex}`),
)

const mail = (from: string, to: string, subject: string, text: string): AnyCase => ({
  kind: 'mail',
  mail: {
    from,
    to: [to],
    data: writeMail({
      from,
      to,
      subject: { text: subject, form: 'raw-utf8' },
      headers: [],
      body: { kind: 'text', text, charset: 'utf-8', cte: '8bit' },
    }),
  },
})

const http = (
  provider: 'smstob' | 'aspsms',
  method: string,
  target: string,
  body = '',
  type?: string,
): AnyCase => ({
  kind: 'http',
  provider,
  request: { method, target, headers: type ? [['Content-Type', type]] : [], body: utf8Bytes(body) },
})

const carriers: ((s: string) => AnyCase)[] = [
  (s) =>
    http(
      'smstob',
      'GET',
      `/smstob/http.php?email=ecole@example.fr&pass=${encodeURIComponent(s)}&numero=0660919010&message=Bonjour`,
    ),
  (s) => mail('ecole@example.fr', `${s}.0660919010@smstob.com`, '', 'Bonjour'),
  (s) => mail('ecole@example.fr', `sms.${s}@smstob.com`, '0660919010', 'Bonjour'),
  (s) => mail('ecole@example.fr', 'sms@smstob.com', `${s}:0660919010`, 'Bonjour'),
  (s) =>
    http(
      'aspsms',
      'POST',
      '/aspsms/json/CheckCredits',
      JSON.stringify({ UserName: 'I3QHMYKEY6E', Password: s }),
    ),
  (s) =>
    http(
      'aspsms',
      'POST',
      '/aspsms/aspsmsx2.asmx',
      `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><CheckCredits xmlns="https://webservice.aspsms.com/aspsmsx2.asmx"><UserKey>I3QHMYKEY6E</UserKey><Password>${s}</Password></CheckCredits></soap:Body></soap:Envelope>`,
      'text/xml',
    ),
  (s) =>
    http(
      'aspsms',
      'POST',
      '/aspsms/xmlsvr.asp',
      `<aspsms><Userkey>I3QHMYKEY6E</Userkey><Password>${s}</Password><Action>ShowCredits</Action></aspsms>`,
    ),
  (s) =>
    http(
      'aspsms',
      'GET',
      `/aspsms/aspsmsx2.asmx/CheckCredits?UserKey=I3QHMYKEY6E&Password=${encodeURIComponent(s)}`,
    ),
  (s) => mail('jean@ecole.fr', 'mail2sms@allmysms.com', `arthur45@${s}|0660919010`, 'Bonjour'),
  (s) =>
    mail(
      'app@masociete.com',
      'sendsms@isendpro-api.com',
      'envoi',
      `<envoi><keyid>${s}</keyid><num>0601020304</num><sms>Bonjour</sms><emailId>${s}</emailId><emailAck>ack@masociete.com</emailAck><emailNot>not@masociete.com</emailNot></envoi>`,
    ),
]

/** The secrets the current batch sent (a batch is sent and checked before the next starts). */
const sent = new Set<string>()

const secrets: FuzzParser<AnyCase> = {
  name: 'secrets',
  providers: ['smstob', 'aspsms', 'allmysms', 'isendpro'],
  cases: 60,
  arbitrary: fc
    .tuple(fc.nat(carriers.length - 1), secret)
    .map(([i, s]) => ({ ...carriers[i]!(s), secret: s })),
  async send(smsim, batch) {
    sent.clear()
    for (const c of batch) sent.add((c as AnyCase & { secret: string }).secret)
    return sendAny(smsim, batch)
  },
  check(state) {
    const problems: string[] = []
    for (const name of ['journal', 'accounts', 'messages'] as const)
      for (const s of sent)
        if (state.raw[name].includes(s))
          problems.push(`GET /_smsim/${name} shows the secret ${s} in clear`)
    return problems
  },
}

describe('fuzzing where secrets end up', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'no password, apiKey or keyid a client sent is readable in clear in the journal, the accounts or the phones',
    smsim,
    secrets,
  )
})
