/**
 * SMStoB by mail: the three address syntaxes (`password.numero@`, `sms.password@`,
 * `sms@smstob.com`) and what each reads in the subject (a date; a number or group; `pass:numero`
 * and a date), the From address as the login, the body as the message — written by the
 * README's examples and the fixtures' mail programs, then changed: hostile subjects and
 * bodies, every charset and transfer encoding, HTML, signatures, attachments, nesting,
 * damaged bytes, a null sender, several recipients in one mail.
 *
 * @see simulators/smstob/README.md — "By mail"
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { bodyAround, headerForm, mailBytes, mailText } from './support/mail.ts'
import { mailSender } from './support/mail-parser.ts'
import { readReplies } from './support/replies.ts'
import type { MailCase } from './support/smtp.ts'
import { fieldValue, oneOfMutated, phoneNumber, sometimes } from './support/values.ts'

/** The fuzz accounts: the sender's address is the login, the address or subject has the pass. */
const ACCOUNTS = [
  ['ecole@example.fr', 'XV65JU'],
  ['riche@example.fr', 'R1CHE'],
] as const
/** Senders that are no account, or one written otherwise (a name, another case). */
const OTHER_SENDERS = [
  'Ecole <ECOLE@Example.fr>',
  'inconnu@example.fr',
  'noreply@smstob.com',
  'riche@example.fr',
]
const PASSES = ['XV65JU', 'R1CHE', 'xv65ju', 'wrong']
const DATES = ['', '120006012026', '090001012026', '250031022026', '1200060120', '123015092004']
/** Numbers as they fit in an address's local part (no spaces), and the fuzz account's groups. */
const LOCAL_NUMBERS = [
  '0660919010',
  '06.60.91.90.10',
  '+33660919010',
  '0600000013',
  '0601020304',
  'moniteurs',
  'vide',
  '0145678901',
  '0600000011',
]

/** The account's pass, mostly; another or a mutated one now and then. */
const passOf = (account: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(account) },
    { weight: 1, arbitrary: oneOfMutated(PASSES) },
  )
const date = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DATES) },
  { weight: 1, arbitrary: fieldValue },
)
const domain = fc.constantFrom('smstob.com', 'smstob.com', 'SMStoB.com', 'SMSTOB.COM')

/** A recipient and the subject its syntax reads, for the account whose pass is `p`. */
const addressedWith = (pass: fc.Arbitrary<string>) =>
  fc.oneof(
    fc
      .tuple(pass, fc.constantFrom(...LOCAL_NUMBERS), domain, date)
      .map(([p, n, d, when]) => ({ to: `${p}.${n}@${d}`, subject: when })),
    fc
      .tuple(
        pass,
        domain,
        fc.oneof(phoneNumber, fc.constantFrom('moniteurs', 'MONITEURS', 'vide', 'inconnu')),
      )
      .map(([p, d, n]) => ({ to: `sms.${p}@${d}`, subject: n })),
    fc
      .tuple(pass, domain, phoneNumber, date, fc.constantFrom(' ', ':', '  ', ''))
      .map(([p, d, n, when, sep]) => ({
        to: `sms@${d}`,
        subject: `${p}:${n}${when ? `${sep}${when}` : ''}`,
      })),
  )

const mailCase: fc.Arbitrary<MailCase> = fc
  .constantFrom(...ACCOUNTS)
  .chain(([login, pass]) =>
    fc.record({
      sender: fc.oneof(
        { weight: 6, arbitrary: fc.constant(login) },
        { weight: 1, arbitrary: fc.constantFrom(...OTHER_SENDERS) },
      ),
      nullSender: fc.nat(15),
      addressed: addressedWith(passOf(pass)),
      second: sometimes(addressedWith(passOf(pass)), 8),
      subjectChange: sometimes(fc.oneof(fieldValue, fc.constant('')), 6),
      form: headerForm,
      body: bodyAround(mailText),
      extra: fc.constantFrom<[string, string][]>(
        [],
        [],
        [],
        [['Auto-Submitted', 'auto-replied']],
        [['X-Mailer', 'Thunderbird']],
        [['Subject', 'second subject']],
      ),
      damage: fc.nat(9),
    }),
  )
  .chain((m) => {
    const from = m.sender.includes('<') ? m.sender.slice(m.sender.indexOf('<') + 1, -1) : m.sender
    return mailBytes(
      {
        from: m.nullSender === 0 ? undefined : m.sender,
        to: m.addressed.to,
        subject: { text: m.subjectChange ?? m.addressed.subject, form: m.form },
        headers: m.extra,
        body: m.body,
      },
      m.damage,
    ).map((data) => ({
      from: m.nullSender === 0 ? '' : from,
      to: [m.addressed.to, ...(m.second ? [m.second.to] : [])],
      data,
    }))
  })

const smstobMail: FuzzParser<MailCase> = {
  name: 'smstob-mail',
  providers: ['smstob'],
  arbitrary: mailCase,
  send: mailSender(readReplies),
}

describe('fuzzing SMStoB by mail', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'the three address syntaxes, subjects and bodies, well-formed or hostile: a reply with a code, SMS only when accepted, smsim responsive',
    smsim,
    smstobMail,
  )
})
