/**
 * Issue 10 item 2: a text of tens of thousands of characters, one of them outside GSM 03.38's
 * basic table, must neither freeze smsim nor take long to answer, on every transport that
 * carries a text: SMStoB `http.php` and mail, ASPSMS JSON, SOAP and XML, allmysms and iSendPro
 * mails. Before the fix SMS part counting was quadratic: `'a' × 79,999 + 'ç'` froze the event
 * loop for ~30 s, and so did a text of GSM extension characters alone (`'{' × 50,000` to
 * `http.php`: 37 s; they take two septets each).
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { utf8Bytes } from './support/encoding.ts'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { writeMail } from './support/mail.ts'
import { sendAny, type AnyCase } from './support/mixed.ts'
import type { RawHttpRequest } from './support/raw-http.ts'
import { xmlEscape } from './support/xml.ts'

/**
 * A long GSM text with characters outside the basic table somewhere in it: non-GSM ones (UCS-2
 * on the air) or GSM extension ones (two septets); or extension characters only.
 */
const sprinkled = fc
  .tuple(
    fc.integer({ min: 10_000, max: 50_000 }),
    fc.constantFrom('ç', 'ê', '😀', '’', 'Ж', '{', '€', '~'),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }),
  )
  .map(([length, char, at]) => {
    let text = 'a'.repeat(length)
    for (const p of at) {
      const i = Math.floor(p * (text.length - 1))
      text = text.slice(0, i) + char + text.slice(i + 1)
    }
    return text
  })
const longText = fc.oneof(
  sprinkled,
  fc
    .tuple(fc.integer({ min: 10_000, max: 50_000 }), fc.constantFrom('{', '€', '[', '|'))
    .map(([length, char]) => char.repeat(length)),
)

const post = (target: string, type: string, body: string): RawHttpRequest => ({
  method: 'POST',
  target,
  headers: [['Content-Type', type]],
  body: utf8Bytes(body),
})

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
      body: { kind: 'text', text, charset: 'utf-8', cte: 'quoted-printable' },
    }),
  },
})

const transports: ((text: string) => AnyCase)[] = [
  (t) => ({
    kind: 'http',
    provider: 'smstob',
    request: post(
      '/smstob/http.php',
      'application/x-www-form-urlencoded',
      new URLSearchParams({
        email: 'riche@example.fr',
        pass: 'R1CHE',
        numero: '0660919010',
        message: t,
      }).toString(),
    ),
  }),
  (t) => ({
    kind: 'http',
    provider: 'aspsms',
    request: post(
      '/aspsms/json/SendTextSMS',
      'application/json',
      JSON.stringify({
        UserName: 'DEMOASPSMS',
        Password: 'demo',
        Originator: 'ESF',
        Recipients: ['+41791234567'],
        MessageText: t,
      }),
    ),
  }),
  (t) => ({
    kind: 'http',
    provider: 'aspsms',
    request: post(
      '/aspsms/aspsmsx2.asmx',
      'text/xml; charset=utf-8',
      `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SendSimpleTextSMS xmlns="https://webservice.aspsms.com/aspsmsx2.asmx"><UserKey>DEMOASPSMS</UserKey><Password>demo</Password><Recipients>+41791234567</Recipients><Originator>ESF</Originator><MessageText>${xmlEscape(t)}</MessageText></SendSimpleTextSMS></soap:Body></soap:Envelope>`,
    ),
  }),
  (t) => ({
    kind: 'http',
    provider: 'aspsms',
    request: post(
      '/aspsms/xmlsvr.asp',
      'text/xml',
      `<aspsms><Userkey>DEMOASPSMS</Userkey><Password>demo</Password><Recipient><PhoneNumber>0041795555555</PhoneNumber></Recipient><MessageData>${xmlEscape(t)}</MessageData><Action>SendTextSMS</Action></aspsms>`,
    ),
  }),
  (t) => mail('jean@ecole.fr', 'mail2sms@allmysms.com', 'riche@0123456789abcdef|0660919010', t),
  (t) => mail('riche@example.fr', 'sms.R1CHE@smstob.com', '0660919010', t),
  (t) =>
    mail(
      'jean@example.fr',
      'sendsms@isendpro-api.com',
      'envoi',
      `<envoi><keyid>b1c2d3e4f5a6b7c8d9e0</keyid><num>0601020304</num><sms>${xmlEscape(t)}</sms><smslong>6</smslong><emailId>${t.length}</emailId><emailAck>ack@example.fr</emailAck><emailNot>not@example.fr</emailNot></envoi>`,
    ),
]

const longTexts: FuzzParser<AnyCase> = {
  name: 'long-non-gsm-texts',
  providers: ['smstob', 'aspsms', 'allmysms', 'isendpro'],
  cases: 24,
  maxBatch: 2,
  noShrink: true,
  arbitrary: fc
    .tuple(fc.nat(transports.length - 1), longText)
    .map(([i, text]) => transports[i]!(text)),
  send: sendAny,
}

describe('fuzzing long texts outside GSM 03.38', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'texts of 10,000 to 50,000 characters leave smsim responsive on every transport',
    smsim,
    longTexts,
  )
})
