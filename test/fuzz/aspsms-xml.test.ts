/**
 * ASPSMS's XML interface (`POST /xmlsvr.asp`): `<aspsms>` documents with every Action of the
 * specification and some that are not, `Userkey` and `UserKey`, several `<Recipient>`s, the
 * options, written as the measured clients write them (ISO-8859-1 or UTF-8 bytes whatever the
 * declaration, pretty-printed or one line, CRLF), then damaged: DOCTYPE and entities, nesting
 * past the 256-level limit, markup in text, truncation, invalid UTF-8; plus the specification's
 * and the clients' documents (fixtures) with their bytes damaged.
 *
 * Every answer is HTTP 200 with an `ErrorCode`: the interface documents no 500.
 *
 * @see simulators/aspsms/README.md — "XML interface"
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { XML_ACTIONS } from '../../simulators/aspsms/operations.ts'
import { aspsmsValue } from './support/aspsms.ts'
import { aspsmsOutcome } from './support/answers.ts'
import { utf8Bytes, windows1252Bytes } from './support/encoding.ts'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { fixtureFiles } from './support/http-fixtures.ts'
import { fieldValue, mutateBytes, phoneNumber } from './support/values.ts'
import { declaration, textStyle, writeText, xmlDamage } from './support/xml.ts'

interface XmlCase {
  method: string
  host: string | undefined
  target: string
  contentType: string | undefined
  /** The document as sent, one char per byte. */
  body: string
}

const FIXTURES = [...fixtureFiles('aspsms', '.xml').values()]

const actions = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom('SendTextSMS', 'ShowCredits', 'InquireDeliveryNotifications'),
  },
  { weight: 2, arbitrary: fc.constantFrom(...Object.keys(XML_ACTIONS)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'sendtextsms',
      'CheckCredits',
      'SendUnicodeSMS',
      '',
      ' SendTextSMS ',
    ),
  },
)

/** Option elements, and the elements of the logo, ringtone, vCard and unlock actions. */
const OPTIONAL = [
  'Originator',
  'DeferredDeliveryTime',
  'TimeZone',
  'FlashingSMS',
  'URLBufferedMessageNotification',
  'URLDeliveryNotification',
  'URLNonDeliveryNotification',
  'AffiliateId',
  'URLBinaryFile',
  'MCC',
  'MNC',
  'XSer',
  'WapDescription',
  'WapURL',
  'OriginatorUnlockCode',
  'BlinkingSMS',
]

const documentArb = fc
  .record({
    declaration,
    keyName: fc.constantFrom('Userkey', 'Userkey', 'UserKey', 'userkey'),
    login: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom(['I3QHMYKEY6E', 'mypassword'], ['DEMOASPSMS', 'demo']),
      },
      { weight: 1, arbitrary: fc.tuple(aspsmsValue('UserKey'), aspsmsValue('Password')) },
    ),
    recipients: fc.array(
      fc.tuple(phoneNumber, fc.option(fieldValue, { nil: undefined, freq: 3 })),
      { maxLength: 4 },
    ),
    message: aspsmsValue('MessageText'),
    options: fc.array(
      fc.constantFrom(...OPTIONAL).chain((n) => fc.tuple(fc.constant(n), aspsmsValue(n))),
      {
        maxLength: 4,
      },
    ),
    trns: fc.array(aspsmsValue('TransactionReferenceNumbers'), { maxLength: 3 }),
    action: actions,
    style: textStyle,
    pretty: fc.boolean(),
    crlf: fc.boolean(),
  })
  .map((d) => {
    const t = (s: string) => writeText(s, d.style)
    const el = (name: string, value: string) => `<${name}>${t(value)}</${name}>`
    const parts = [
      el(d.keyName, d.login[0]),
      el('Password', d.login[1]),
      ...d.recipients.map(
        ([n, trn]) =>
          `<Recipient>${el('PhoneNumber', n)}${trn === undefined ? '' : el('TransRefNumber', trn)}</Recipient>`,
      ),
      el('MessageData', d.message),
      ...d.options.map(([n, v]) => el(n, v)),
      ...d.trns.map((v) => el('TransRefNumber', v)),
      el('Action', d.action),
    ]
    const eol = d.crlf ? '\r\n' : '\n'
    const inner = d.pretty ? parts.map((p) => `   ${p}${eol}`).join('') : parts.join('')
    return `${d.declaration}${d.pretty ? eol : ''}<aspsms>${d.pretty ? eol : ''}${inner}</aspsms>`
  })

const generatedBody = fc
  .tuple(documentArb, fc.constantFrom('iso-8859-1', 'iso-8859-1', 'utf-8'), fc.nat(11))
  .chain(([doc, charset, damage]) =>
    (damage < 2 ? xmlDamage(doc) : fc.constant(doc)).chain((text) => {
      const bytes = charset === 'utf-8' ? utf8Bytes(text) : windows1252Bytes(text)
      return damage === 2 ? mutateBytes(bytes) : fc.constant(bytes)
    }),
  )

const xmlCase: fc.Arbitrary<XmlCase> = fc
  .record({
    body: fc.oneof(
      { weight: 4, arbitrary: generatedBody },
      { weight: 1, arbitrary: fc.constantFrom(...FIXTURES).chain(mutateBytes) },
    ),
    method: fc.oneof(
      { weight: 12, arbitrary: fc.constant('POST') },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'HEAD', 'PUT') },
    ),
    real: fc.boolean(),
    contentType: fc.constantFrom(
      undefined,
      'text/xml',
      'application/x-www-form-urlencoded',
      'text/xml; charset=utf-8',
      'application/json',
    ),
  })
  .map((c) => ({
    method: c.method,
    host: c.real ? 'xml1.aspsms.com:5061' : undefined,
    target: c.real ? '/xmlsvr.asp' : '/aspsms/xmlsvr.asp',
    contentType: c.contentType,
    body: c.body.toString('latin1'),
  }))

const xmlParser: FuzzParser<XmlCase> = {
  name: 'aspsms-xml',
  providers: ['aspsms'],
  arbitrary: xmlCase,
  async send(smsim, batch) {
    const port = Number(new URL(smsim.url).port)
    const outcomes = []
    for (const c of batch) {
      const headers: [string, string][] = c.contentType ? [['Content-Type', c.contentType]] : []
      outcomes.push(
        await aspsmsOutcome(port, { ...c, headers }, `${c.target} ${c.body.slice(0, 400)}`),
      )
    }
    return outcomes
  },
}

describe('fuzzing the ASPSMS XML interface', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'xmlsvr.asp documents, well-formed or hostile: an ErrorCode, SMS only when accepted, smsim responsive',
    smsim,
    xmlParser,
  )
})
