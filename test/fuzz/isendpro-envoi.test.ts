/**
 * iSendPro by mail, the `<envoi>` body: the document's examples (§III.1, §III.2) with generated
 * values — keyids right and wrong, `num`/`numX`/`sms`/`smsX`, `emetteur`, `smslong`,
 * `emailId` new, repeated or missing, Ack and Not addresses — written with every element-name
 * case, escaping, CDATA and `Ö` line breaks, inside greetings, quotes and signatures; then
 * markup damage (DOCTYPE and entities, truncation, nesting up to 60 deep), MIME layouts
 * (HTML: not processed), charsets and damaged bytes; plus the fixtures' mails damaged.
 *
 * A second property nests deeper than 100 levels: issue 10 item 9.
 *
 * @see simulators/isendpro/README.md — "The mail, and what comes back"
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { fixtureFiles } from './support/http-fixtures.ts'
import { envoiBody, isendproMail, ISENDPRO_SENDERS } from './support/isendpro.ts'
import { MESSAGE_ID_SLOT } from './support/mail.ts'
import { mailSender } from './support/mail-parser.ts'
import { readReplies } from './support/replies.ts'
import type { MailCase } from './support/smtp.ts'
import { mutateBytes } from './support/values.ts'
import { nested } from './support/xml.ts'

/**
 * Deepest nesting of the main property. Past 100 levels (MAX_ENVOI_DEPTH) the mail is not
 * processed; before issue 10 item 9 the reader failed there with 999 and a stack trace.
 */
const MAX_MAIN_DEPTH = 60

/** The fixtures' mails (Thunderbird, Outlook, PHP…) with a Message-ID slot and a fresh emailId. */
const FIXTURES = [...fixtureFiles('isendpro', '.eml').values()].map((bytes) =>
  bytes.toString('latin1').replace(/^Message-I[Dd]:.*$/im, `Message-ID: ${MESSAGE_ID_SLOT}`),
)
const fromFixture: fc.Arbitrary<MailCase> = fc
  .tuple(fc.constantFrom(...FIXTURES), fc.nat(1_000_000_000))
  .chain(([text, id]) =>
    mutateBytes(
      Buffer.from(text.replace(/<emailId>\d+<\/emailId>/, `<emailId>${id}</emailId>`), 'latin1'),
    ),
  )
  .map((data) => ({ from: ISENDPRO_SENDERS[0].from, to: ['sendsms@isendpro-api.com'], data }))

const envoiMail: FuzzParser<MailCase> = {
  name: 'isendpro-envoi',
  providers: ['isendpro'],
  arbitrary: fc.oneof(
    { weight: 5, arbitrary: isendproMail(envoiBody({ numbers: true, maxDepth: MAX_MAIN_DEPTH })) },
    { weight: 1, arbitrary: fromFixture },
  ),
  send: mailSender(readReplies),
}

/** The document's single example with elements nested 101 to 30,000 deep inside it. */
const deepEnvoi: FuzzParser<MailCase> = {
  ...envoiMail,
  name: 'isendpro-envoi-deep',
  cases: 24,
  arbitrary: fc
    .tuple(
      fc.integer({ min: 101, max: 30_000 }),
      fc.constantFrom('sms', 'a', 'envoi'),
      fc.nat(1_000_000_000),
    )
    .map(([depth, name, id]) => ({
      from: ISENDPRO_SENDERS[0].from,
      to: ['sendsms@isendpro-api.com'],
      data: Buffer.from(
        `From: ${ISENDPRO_SENDERS[0].from}\r\nTo: sendsms@isendpro-api.com\r\nSubject: envoi\r\nMessage-ID: ${MESSAGE_ID_SLOT}\r\n\r\n` +
          `<envoi><keyid>${ISENDPRO_SENDERS[0].keyid}</keyid><num>0601020304</num>${nested(depth, 'Bonjour', name)}` +
          `<emailId>${id}</emailId><emailAck>ack@masociete.com</emailAck><emailNot>not@masociete.com</emailNot></envoi>\r\n`,
      ),
    })),
}

describe('fuzzing iSendPro <envoi> mails', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    '<envoi> bodies, well-formed or hostile: an Ack and a Not or nothing, SMS only when accepted, smsim responsive',
    smsim,
    envoiMail,
  )
  fuzzIt(
    '<envoi> nested 101 to 30,000 deep is answered without an internal error',
    smsim,
    deepEnvoi,
  )
})
