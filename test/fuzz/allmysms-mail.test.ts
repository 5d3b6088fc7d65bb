/**
 * allmysms Mail2SMS: the subject `login@apiKey|mobiles|from=|date=` (the document's template
 * and example, `arthur45@de135f8d2a091e4|0660919010`) with its parts changed — credentials
 * right and wrong, lists of mobiles in every form, `from=` and `date=` in any order and case,
 * empty parts, `Re:` prefixes, hostile values — and the body as the SMS in every charset,
 * transfer encoding and MIME layout, HTML only, signatures, long texts; plus the fixtures'
 * mails with their bytes damaged.
 *
 * Success is silent (no reply): a reply mail is an error, `Mail2SMS : erreur NNN`.
 *
 * @see simulators/allmysms/README.md — "The codes", "Fidelity"
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { fixtureFiles } from './support/http-fixtures.ts'
import { bodyAround, headerForm, mailBytes, mailText, MESSAGE_ID_SLOT } from './support/mail.ts'
import { mailSender } from './support/mail-parser.ts'
import { readReplies } from './support/replies.ts'
import type { MailCase } from './support/smtp.ts'
import {
  fieldValue,
  hugeText,
  mutateBytes,
  oneOfMutated,
  phoneNumber,
  sometimes,
} from './support/values.ts'

const CREDENTIALS = [
  ['arthur45', 'de135f8d2a091e4'],
  ['riche', '0123456789abcdef'],
] as const

const WRONG = [
  'arthur45@DE135F8D2A091E4',
  'arthur45@',
  '@de135f8d2a091e4',
  'inconnu@abc',
  'jean@ecole.fr@0123456789abcdef',
  'Re: arthur45@de135f8d2a091e4',
  'TR:arthur45@de135f8d2a091e4',
]
const FROMS = [
  'from=ESF Tignes',
  'from=ESF',
  'FROM=Ski',
  'from=',
  'from=1234',
  'from=ABCDEFGHIJKLMNOP',
  'from=Éric',
]
const DATES = [
  'date=2026-01-06 12:00:00',
  'date=2026-01-05 09:00:00',
  'DATE=2026-01-06 12:00',
  'date=2026-02-31 12:00:00',
  'date=2026-03-29 02:30:00',
  'date=',
  'date=demain',
]

const subject = fc
  .record({
    login: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...CREDENTIALS).map(([l, k]) => `${l}@${k}`) },
      { weight: 1, arbitrary: fc.constantFrom(...WRONG) },
      { weight: 1, arbitrary: oneOfMutated(CREDENTIALS.map(([l, k]) => `${l}@${k}`)) },
    ),
    mobiles: fc.array(phoneNumber, { minLength: 1, maxLength: 4 }).map((list) => list.join(';')),
    options: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...FROMS) },
        { weight: 3, arbitrary: fc.constantFrom(...DATES) },
        { weight: 1, arbitrary: fc.constant('') },
        { weight: 1, arbitrary: fieldValue },
      ),
      { maxLength: 2 },
    ),
    space: fc.constantFrom('', ' ', '  '),
  })
  .map(({ login, mobiles, options, space }) =>
    [login, mobiles, ...options].join(`${space}|${space}`),
  )

/** The body: mostly an SMS text ending with the STOP mention or not; long ones past 8 parts. */
const text = fc.oneof(
  { weight: 6, arbitrary: mailText },
  { weight: 2, arbitrary: mailText.map((t) => `${t}\nSTOP au 36180`) },
  { weight: 1, arbitrary: hugeText },
)

const generated: fc.Arbitrary<MailCase> = fc
  .record({
    sender: fc.constantFrom('jean@ecole.fr', 'Jean <jean@ecole.fr>', 'MAILER-DAEMON@example.fr'),
    nullSender: fc.nat(20),
    to: fc.constantFrom('mail2sms@allmysms.com', 'mail2sms@allmysms.com', 'MAIL2SMS@AllMySMS.com'),
    subject: fc.oneof({ weight: 8, arbitrary: subject }, { weight: 1, arbitrary: fieldValue }),
    noSubject: fc.nat(30),
    form: headerForm,
    body: bodyAround(text),
    extra: fc.constantFrom<[string, string][]>(
      [],
      [],
      [],
      [['Auto-Submitted', 'auto-replied']],
      [['Subject', 'Re: second']],
    ),
    damage: fc.nat(9),
    second: sometimes(
      fc.constantFrom('sms@smstob.com', 'sendsms@isendpro-api.com', 'nobody@allmysms.com'),
      12,
    ),
  })
  .chain((m) => {
    const from = m.sender.includes('<') ? m.sender.slice(m.sender.indexOf('<') + 1, -1) : m.sender
    return mailBytes(
      {
        from: m.nullSender === 0 ? undefined : m.sender,
        to: m.to,
        subject: m.noSubject === 0 ? undefined : { text: m.subject, form: m.form },
        headers: m.extra,
        body: m.body,
      },
      m.damage,
    ).map((data) => ({
      from: m.nullSender === 0 ? '' : from,
      to: [m.to, ...(m.second ? [m.second] : [])],
      data,
    }))
  })

/** The fixtures' mails (Thunderbird, Outlook, a PHP script…) with a Message-ID slot, damaged. */
const FIXTURES = [...fixtureFiles('allmysms', '.eml').values()].map((bytes) =>
  Buffer.from(
    bytes.toString('latin1').replace(/^Message-I[Dd]:.*$/im, `Message-ID: ${MESSAGE_ID_SLOT}`),
    'latin1',
  ),
)
const fromFixture: fc.Arbitrary<MailCase> = fc
  .constantFrom(...FIXTURES)
  .chain(mutateBytes)
  .map((data) => ({ from: 'jean@ecole.fr', to: ['mail2sms@allmysms.com'], data }))

const allmysmsMail: FuzzParser<MailCase> = {
  name: 'allmysms-mail',
  providers: ['allmysms'],
  arbitrary: fc.oneof({ weight: 5, arbitrary: generated }, { weight: 1, arbitrary: fromFixture }),
  send: mailSender(readReplies),
}

describe('fuzzing allmysms Mail2SMS', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'subjects and bodies, well-formed or hostile: an error mail or silence, SMS only when accepted, smsim responsive',
    smsim,
    allmysmsMail,
  )
})
