/**
 * SMStoB `http.php`: query strings (GET) and form bodies (POST), each in UTF-8 and in
 * ISO-8859-1 (windows-1252), through smsim's HTTP listener byte for byte.
 *
 * A case starts from the README's request (`email=&pass=&numero=&message=`, the fuzz
 * accounts' credentials) and changes it: values from {@link fieldValue}, fields dropped,
 * repeated (PHP: the last wins), renamed in another case, unknown ones added; spaces as `+`
 * or `%20`, bytes ≥ 0x80 escaped or sent raw; a charset declared or not; and sometimes the
 * encoded bytes damaged. When nothing was damaged and the message fits one SMS part, the SMS
 * on the phone must carry the very text the client encoded.
 *
 * @see simulators/smstob/README.md — "http.php", UTF-8 and ISO-8859-1
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import {
  isUtf8,
  percentEncode,
  utf8Bytes,
  windows1252Bytes,
  windows1252Text,
  type PercentStyle,
} from './support/encoding.ts'
import {
  answerProblems,
  fuzzIt,
  useFuzzSmsim,
  type CaseOutcome,
  type FuzzParser,
} from './support/harness.ts'
import { smstobEntry } from './support/answers.ts'
import { sendHttp, type RawHttpRequest } from './support/raw-http.ts'
import {
  fieldValue,
  gsmText,
  mutateBytes,
  mutateString,
  phoneNumber,
  sometimes,
} from './support/values.ts'

type Charset = 'utf-8' | 'iso-8859-1'

interface HttpPhpCase {
  method: string
  /** `/smstob/http.php`, or the real host's path with its Host header. */
  route: { target: string; host?: string }
  fields: [string, string][]
  style: PercentStyle
  /** The Content-Type's charset parameter, as written, when one is declared. */
  declared: string | undefined
  /** The query or body as sent, one char per byte: the fields encoded, then maybe damaged. */
  encoded: string
  damaged: boolean
}

/** smsim's path, the real host's (any case, any port), and paths PHP on Apache does not serve. */
const ROUTES = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      { target: '/smstob/http.php' },
      { target: '/http.php', host: 'www.smstob.com' },
      { target: '/http.php', host: 'SMStoB.com:80' },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom({ target: '/smstob/HTTP.PHP' }, { target: '/smstob/http.php/' }),
  },
)

/** The credentials of the fuzz accounts, right and wrong. */
const LOGINS = [
  ['ecole@example.fr', 'XV65JU'],
  ['riche@example.fr', 'R1CHE'],
  ['ECOLE@EXAMPLE.FR', 'XV65JU'],
  ['ecole@example.fr', 'xv65ju'],
  ['demo@smstob.test', 'demo'],
] as const

/** `diff=hhmmjjmmaaaa` values around the frozen clock (Monday 5 January 2026, 10:00 in Paris). */
const DIFFS = [
  '',
  '120006012026',
  '090001012026',
  '103005012026',
  '250031022026',
  '1200060120',
  '020029032026',
]

const NUMEROS = fc.oneof(
  { weight: 4, arbitrary: phoneNumber },
  { weight: 1, arbitrary: fc.constantFrom('moniteurs', 'MONITEURS', 'vide', 'inconnu') },
)

/** A request the README would send, with the fuzz accounts' credentials. */
const validFields = fc
  .record({
    login: fc.constantFrom(LOGINS[0], LOGINS[1]),
    numero: fc.constantFrom(
      '0660919010',
      '06 60 91 90 10',
      '+33601020304',
      '0600000013',
      'moniteurs',
    ),
    message: gsmText,
    diff: sometimes(fc.constantFrom(...DIFFS), 3),
  })
  .map(({ login, numero, message, diff }): [string, string][] => [
    ['email', login[0]],
    ['pass', login[1]],
    ['numero', numero],
    ['message', message],
    ...(diff !== undefined ? ([['diff', diff]] as [string, string][]) : []),
  ])

/** Any value in any field. */
const anyFields = fc
  .record({
    login: fc.constantFrom(...LOGINS),
    numero: NUMEROS,
    message: fc.oneof({ weight: 3, arbitrary: gsmText }, { weight: 2, arbitrary: fieldValue }),
    diff: fc.oneof(fc.constantFrom(...DIFFS), fieldValue),
    withDiff: fc.boolean(),
  })
  .map(({ login, numero, message, diff, withDiff }): [string, string][] => [
    ['email', login[0]],
    ['pass', login[1]],
    ['numero', numero],
    ['message', message],
    ...(withDiff ? ([['diff', diff]] as [string, string][]) : []),
  ])

/** A field dropped, repeated with another value, renamed, an unknown one added, or mutated. */
function changeFields(fields: [string, string][]): fc.Arbitrary<[string, string][]> {
  const index = fc.nat({ max: fields.length - 1 })
  return fc.oneof(
    fc
      .tuple(index, fc.nat(3), fieldValue, fc.string({ maxLength: 12 }))
      .map(([i, how, value, name]) => {
        const copy = [...fields]
        const [key] = copy[i]!
        if (how === 0) copy.splice(i, 1)
        else if (how === 1) copy.push([key, value])
        else if (how === 2) copy[i] = [key.toUpperCase(), copy[i]![1]]
        else copy.splice(i, 0, [name, value])
        return copy
      }),
    fc.shuffledSubarray(fields),
    index.chain((i) =>
      mutateString(fields[i]![1]).map((v) =>
        fields.map((f, k): [string, string] => (k === i ? [f[0], v] : f)),
      ),
    ),
  )
}

const fieldsArb = fc.oneof(
  { weight: 3, arbitrary: validFields },
  { weight: 2, arbitrary: validFields.chain(changeFields) },
  { weight: 3, arbitrary: anyFields },
  { weight: 2, arbitrary: anyFields.chain(changeFields) },
)

function encodeFields(fields: [string, string][], charset: Charset, style: PercentStyle): string {
  const bytes = charset === 'utf-8' ? utf8Bytes : windows1252Bytes
  return fields
    .map(
      ([name, value]) =>
        `${percentEncode(bytes(name), style)}=${percentEncode(bytes(value), style)}`,
    )
    .join('&')
}

/** The text the server must read from `value` as the client encoded it (undefined: ambiguous). */
function decodedText(
  value: string,
  charset: Charset,
  declared: string | undefined,
): string | undefined {
  if (charset === 'utf-8') return utf8Bytes(value).toString('utf8')
  const bytes = windows1252Bytes(value)
  // Undeclared, bytes that happen to be valid UTF-8 are read as UTF-8: documented, not a bug.
  if (!declared && bytes.some((b) => b >= 0x80) && isUtf8(bytes)) return undefined
  return windows1252Text(bytes)
}

/** The `charset` parameters clients write for each charset. */
const DECLARED: Record<Charset, string[]> = {
  'utf-8': ['utf-8', 'UTF-8', 'utf8', '"utf-8"'],
  'iso-8859-1': ['ISO-8859-1', 'iso-8859-1', 'latin1', 'windows-1252'],
}

function caseArb(where: 'query' | 'form', charset: Charset): fc.Arbitrary<HttpPhpCase> {
  const otherMethods =
    where === 'query'
      ? fc.constantFrom('HEAD', 'PUT', 'DELETE', 'OPTIONS', 'get')
      : fc.constantFrom('PUT', 'PATCH')
  return fc
    .record({
      method: fc.oneof(
        { weight: 12, arbitrary: fc.constant(where === 'query' ? 'GET' : 'POST') },
        { weight: 1, arbitrary: otherMethods },
      ),
      route: ROUTES,
      fields: fieldsArb,
      style: fc.constantFrom<PercentStyle>('plus', 'percent', 'raw'),
      declared:
        where === 'form'
          ? fc.option(fc.constantFrom(...DECLARED[charset]), { nil: undefined })
          : fc.constant(undefined),
    })
    .chain((c) => {
      const encoded = encodeFields(c.fields, charset, c.style)
      return fc.oneof(
        { weight: 6, arbitrary: fc.constant({ ...c, encoded, damaged: false }) },
        {
          weight: 1,
          arbitrary: mutateBytes(Buffer.from(encoded, 'latin1')).map((bytes) => ({
            ...c,
            encoded: bytes.toString('latin1'),
            damaged: bytes.toString('latin1') !== encoded,
          })),
        },
      )
    })
}

function toRequest(c: HttpPhpCase, where: 'query' | 'form'): RawHttpRequest {
  const { encoded } = c
  const headers: [string, string][] = c.route.host ? [['Host', c.route.host]] : []
  if (where === 'query')
    return {
      method: c.method,
      target: `${c.route.target}?${encoded}`,
      headers,
      body: Buffer.alloc(0),
    }
  const type = `application/x-www-form-urlencoded${c.declared ? `; charset=${c.declared}` : ''}`
  return {
    method: c.method,
    target: c.route.target,
    headers: [...headers, ['Content-Type', type]],
    body: Buffer.from(encoded, 'latin1'),
  }
}

function smstobHttpParser(where: 'query' | 'form', charset: Charset): FuzzParser<HttpPhpCase> {
  return {
    name: `smstob-http-${where}-${charset}`,
    providers: ['smstob'],
    arbitrary: caseArb(where, charset),
    async send(smsim, batch) {
      const port = Number(new URL(smsim.url).port)
      const outcomes: CaseOutcome[] = []
      for (const c of batch) {
        const request = toRequest(c, where)
        const answer = await sendHttp(port, request)
        const body = answer.body.toString('latin1')
        // PHP's $_REQUEST: the last of repeated names wins, and names are exact.
        const message = c.fields.filter(([n]) => n === 'message').at(-1)?.[1]
        const plainRecipient = c.fields.filter(([n]) => n === 'numero').at(-1)?.[1]
        const text =
          !c.damaged &&
          message !== undefined &&
          message.length <= 60 &&
          !/^(moniteurs|vide)$/i.test((plainRecipient ?? '').trim())
            ? decodedText(message, charset, c.declared)
            : undefined
        outcomes.push({
          label: `${c.method} ${request.target.slice(0, 200)} ${request.body.toString('latin1').slice(0, 200)} → ${answer.status} ${body.slice(0, 40)}`,
          entries: smstobEntry(answer, text),
          problems: answerProblems(answer.status, body, () => false),
          ms: answer.ms,
        })
      }
      return outcomes
    },
  }
}

describe('fuzzing SMStoB http.php', () => {
  const smsim = useFuzzSmsim()
  for (const where of ['query', 'form'] as const)
    for (const charset of ['utf-8', 'iso-8859-1'] as const)
      fuzzIt(
        `${where === 'query' ? 'query strings' : 'form bodies'} in ${charset}: hostile requests answer a code, store SMS only when accepted, and leave smsim responsive`,
        smsim,
        smstobHttpParser(where, charset),
      )
})
