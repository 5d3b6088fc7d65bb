/**
 * What the two iSendPro parsers share in the fuzz suite: the `<envoi>` block written from the
 * document's examples with generated values, the mail around it, and how a client reads the
 * Ack and the Not it gets back.
 *
 * @example
 * fc.sample(envoiArb({ numbers: true, maxDepth: 60 }), 1) // e.g. ['<envoi>\n<keyid>a296…</keyid>\n<num>0601020304</num>…']
 */
import fc from 'fast-check'
import { bodyAround, headerForm, mailBytes, type Body } from './mail.ts'
import type { MailCase } from './smtp.ts'
import { fieldValue, gsmText, mutateString, nonGsmText, phoneNumber, sometimes } from './values.ts'
import { nested, textStyle, writeText, xmlDamage } from './xml.ts'

/** The fuzz accounts: a keyid and the sender domain it authorised. */
export const ISENDPRO_SENDERS = [
  {
    keyid: 'a296464ce012b8ab710a',
    from: 'app@masociete.com',
    named: 'Service client <app@masociete.com>',
  },
  { keyid: 'b1c2d3e4f5a6b7c8d9e0', from: 'jean@example.fr', named: 'Jean <jean@example.fr>' },
] as const

/** Envoi element names: each in the document's case mostly, another case sometimes. */
const elementName = (name: string) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(name) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(name.toUpperCase(), name[0]!.toUpperCase() + name.slice(1)),
    },
  )

const sms = fc.oneof(
  { weight: 5, arbitrary: gsmText },
  { weight: 1, arbitrary: gsmText.map((t) => t.replace(/ /g, 'Ö')) },
  { weight: 2, arbitrary: nonGsmText },
  { weight: 2, arbitrary: fieldValue },
)

/** A value for an envoi field, by name. */
const VALUES: Record<string, fc.Arbitrary<string>> = {
  emetteur: fc.oneof(
    fc.constantFrom('MaSociete', 'ESF Tignes', '', 'A', '1234567', 'ABCDEFGHIJKL', 'Société'),
    fieldValue,
  ),
  tracker: fc.oneof(fc.constantFrom('campagne-1', ''), fieldValue),
  smslong: fc.oneof(
    fc.constantFrom('', '1', '2', '6', '7', '999', '0', 'abc', '-1', '1.5'),
    fieldValue,
  ),
  emailAck: fc.oneof(
    { weight: 6, arbitrary: fc.constant('ack@masociete.com') },
    { weight: 1, arbitrary: fc.constantFrom('', 'pas une adresse', 'a@b@c') },
    { weight: 1, arbitrary: fieldValue },
  ),
  emailNot: fc.oneof(
    { weight: 6, arbitrary: fc.constant('not@masociete.com') },
    { weight: 1, arbitrary: fc.constantFrom('', 'not@', 'x') },
    { weight: 1, arbitrary: fieldValue },
  ),
  nostop: fc.constantFrom('1', '0', '', 'oui'),
}

export interface EnvoiOptions {
  /** `num`/`sms` (or `numX`/`smsX`) in the block; without them, the CSV attachments carry them. */
  numbers: boolean
  /** Deepest nesting the markup damage may insert. */
  maxDepth: number
}

/** An `<envoi>` block as the document's examples write it, then changed. */
export function envoiArb(keyid: string, options: EnvoiOptions): fc.Arbitrary<string> {
  const recipients = fc.oneof(
    fc.tuple(phoneNumber, sms).map(([n, t]): [string, string][] => [
      ['num', n],
      ['sms', t],
    ]),
    fc
      .array(fc.tuple(phoneNumber, sometimes(sms, 2)), { minLength: 1, maxLength: 5 })
      .chain((list) =>
        fc
          .option(sms, { nil: undefined })
          .map((shared): [string, string][] => [
            ...list.map(([n], i): [string, string] => [`num${i + 1}`, n]),
            ...list.flatMap(([, t], i): [string, string][] =>
              t === undefined ? [] : [[`sms${i + 1}`, t]],
            ),
            ...(shared === undefined ? [] : ([['sms', shared]] as [string, string][])),
          ]),
      ),
    fc.constant<[string, string][]>([
      ['num501', '0601020304'],
      ['sms', 'Bonjour'],
    ]),
  )
  return fc
    .record({
      keyid: fc.oneof(
        { weight: 8, arbitrary: fc.constant(keyid) },
        { weight: 1, arbitrary: fc.constantFrom('', 'inconnu', keyid.toUpperCase()) },
        { weight: 1, arbitrary: mutateString(keyid) },
      ),
      noKeyid: fc.nat(30),
      recipients: options.numbers ? recipients : fc.constant<[string, string][]>([]),
      optional: fc
        .subarray(Object.keys(VALUES))
        .chain((names) => fc.tuple(...names.map((n) => fc.tuple(fc.constant(n), VALUES[n]!)))),
      // Each mail needs an emailId of its own; now and then one repeats (Ack 1) or is missing (Ack 2).
      emailId: fc.oneof(
        { weight: 12, arbitrary: fc.nat(1_000_000_000).map(String) },
        { weight: 1, arbitrary: fc.constantFrom('1548', '') },
        { weight: 1, arbitrary: fieldValue },
      ),
      noEmailId: fc.nat(25),
      style: textStyle,
      eol: fc.constantFrom('\n', '\n', '\r\n', ''),
      around: fc.constantFrom(
        ['', ''],
        ['Bonjour,\n\n', '\n\nCordialement\n-- \nJean'],
        ['> <envoi>cité</envoi>\n', ''],
        ['', '\n<envoi><keyid>autre</keyid></envoi>'],
      ),
    })
    .chain((e) => {
      const fields: [string, string][] = [
        ...(e.noKeyid === 0 ? [] : ([['keyid', e.keyid]] as [string, string][])),
        ...e.recipients,
        ...(e.optional as [string, string][]),
        ...(e.noEmailId === 0 ? [] : ([['emailId', e.emailId]] as [string, string][])),
      ]
      return fc.tuple(...fields.map(([n]) => elementName(n))).map((names) => {
        const body = fields
          .map(([, v], i) => `<${names[i]}>${writeText(v, e.style)}</${names[i]}>`)
          .join(e.eol)
        return `${e.around[0]}<envoi>${e.eol}${body}${e.eol}</envoi>${e.around[1]}`
      })
    })
    .chain((doc) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(doc) },
        // The markup damage, its nesting bounded (deeper nesting is issue 10 item 9's).
        {
          weight: 1,
          arbitrary: xmlDamage(doc).filter(
            (d) => !new RegExp(`(<[^/>]+>){${options.maxDepth + 1}}`).test(d),
          ),
        },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: 2, max: options.maxDepth })
            .map((depth) => doc.replace('</envoi>', `${nested(depth, 'x', 'sms')}</envoi>`)),
        },
      ),
    )
}

/** A mail to iSendPro around a body, from the account's sender mostly. */
export function isendproMail(body: (keyid: string) => fc.Arbitrary<Body>): fc.Arbitrary<MailCase> {
  return fc
    .record({
      account: fc.constantFrom(...ISENDPRO_SENDERS),
      sender: fc.nat(9),
      nullSender: fc.nat(25),
      to: fc.constantFrom(
        'sendsms@isendpro-api.com',
        'sendsms@isendpro-api.com',
        'SendSMS@iSendPro-API.com',
      ),
      subject: fc.oneof(fc.constantFrom('envoi', 'envoi 1548', ''), fieldValue),
      form: headerForm,
      extra: fc.constantFrom<[string, string][]>(
        [],
        [],
        [],
        [],
        [['Auto-Submitted', 'auto-replied']],
        [['X-Mailer', 'Microsoft Outlook 16.0']],
      ),
      damage: fc.nat(11),
    })
    .chain((m) =>
      body(m.account.keyid).chain((b) => {
        // Mostly the account's own sender, sometimes the other account's or a stranger.
        const named =
          m.sender === 0
            ? 'Inconnu <x@autre.fr>'
            : m.sender === 1
              ? 'app@mail.masociete.com'
              : m.account.named
        const from = named.includes('<') ? named.slice(named.indexOf('<') + 1, -1) : named
        return mailBytes(
          {
            from: m.nullSender === 0 ? undefined : named,
            to: m.to,
            subject: { text: m.subject, form: m.form },
            headers: m.extra,
            body: b,
          },
          m.damage,
        ).map((data) => ({ from: m.nullSender === 0 ? '' : from, to: [m.to], data }))
      }),
    )
}

/** A body with `<envoi>` in its text part (HTML and multipart now and then: not processed). */
export const envoiBody = (options: EnvoiOptions) => (keyid: string) =>
  bodyAround(envoiArb(keyid, options))
