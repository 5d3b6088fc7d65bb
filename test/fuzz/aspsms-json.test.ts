/**
 * ASPSMS's JSON API (`POST /json/<Method>`): objects with each method's parameters (`UserName`
 * or `UserKey`), values of every JSON type where a string is expected, `Recipients` as a list
 * or a string, duplicated keys, `__proto__` and friends, nesting, numbers JSON cannot hold,
 * escapes of lone surrogates; bodies in UTF-8, windows-1252 or damaged bytes, truncated; any
 * Content-Type; plus the clients' bodies (fixtures) damaged. A second property nests values
 * 5,000 to 100,000 deep (issue 10 item 4); secrets (item 7) are in test/fuzz/secrets.test.ts.
 *
 * @see simulators/aspsms/README.md — "JSON"
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { ASMX_OPERATIONS } from '../../simulators/aspsms/operations.ts'
import { aspsmsValue } from './support/aspsms.ts'
import { aspsmsOutcome } from './support/answers.ts'
import { utf8Bytes, windows1252Bytes } from './support/encoding.ts'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { fixtureFiles } from './support/http-fixtures.ts'
import { mutateBytes } from './support/values.ts'

/**
 * Deepest nesting of the main property. Before issue 10 item 4 the journal kept what it was
 * sent, and a value nested ~5,000 deep broke `GET /_smsim/journal`: the property of that item
 * goes deeper.
 */
const MAX_MAIN_DEPTH = 1_000

interface JsonCase {
  method: string
  host: string | undefined
  target: string
  contentType: string | undefined
  /** The body as sent, one char per byte. */
  body: string
}

/** A JSON text for a value: `depth` arrays or objects around it. */
function nestedJson(depth: number, inner: string, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? '['.repeat(depth) + inner + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + inner + '}'.repeat(depth)
}

/** A value where the API expects a string: a string mostly, any JSON type often. */
function jsonValue(name: string, maxDepth: number): fc.Arbitrary<string> {
  const text = aspsmsValue(name).map((v) => JSON.stringify(v))
  return fc.oneof(
    { weight: 8, arbitrary: text },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '0',
        '1',
        '-1',
        '1e400',
        '-0',
        '0.1',
        '123456789012345678901234567890',
        'true',
        'false',
        'null',
        '[]',
        '{}',
        '[""]',
        '[null]',
        '{"a":1}',
        '"\\u0000"',
        '"\\ud800"',
        '"\\udfff\\ud800"',
        '"\\x41"',
        "'single'",
        'NaN',
        'undefined',
        '"a\\',
        '""',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.array(text, { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 2, max: maxDepth }),
          text,
          fc.constantFrom<'array' | 'object'>('array', 'object'),
        )
        .map(([depth, inner, kind]) => nestedJson(depth, inner, kind)),
    },
  )
}

/** The names the JSON API reads for the SOAP parameters, and keys no object should trust. */
const EXTRA_KEYS = [
  'UserName',
  'ForceGSM7bit',
  'AffiliateID',
  '__proto__',
  'constructor',
  'prototype',
  '',
  'toString',
  'hasOwnProperty',
]

function objectArb(maxDepth: number): fc.Arbitrary<{ method: string; json: string }> {
  return fc
    .constantFrom(
      ...ASMX_OPERATIONS.filter(
        (o) => o.result === 'string' || o.name === 'GetVoucherTransactions',
      ),
    )
    .chain((op) =>
      fc
        .record({
          login: fc.option(fc.constantFrom(['I3QHMYKEY6E', 'mypassword'], ['DEMOASPSMS', 'demo']), {
            freq: 4,
          }),
          keyName: fc.constantFrom('UserName', 'UserName', 'UserKey', 'username'),
          values: fc.tuple(
            ...op.elements.map((n) => fc.tuple(fc.constant(n), jsonValue(n, maxDepth), fc.nat(19))),
          ),
          extras: fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), jsonValue('', maxDepth)), {
            maxLength: 2,
          }),
          recipientsAsList: fc.boolean(),
          duplicate: fc.nat(9),
        })
        .map((o) => {
          const pairs: [string, string][] = []
          for (const [name, value, drop] of o.values) {
            if (drop === 0) continue
            const key = name === 'UserKey' ? o.keyName : name
            let v = value
            if (o.login && name === 'UserKey') v = JSON.stringify(o.login[0])
            if (o.login && name === 'Password') v = JSON.stringify(o.login[1])
            // Clients send Recipients as a list of strings: ["+41…", "0041…"].
            if (name === 'Recipients' && o.recipientsAsList && /^"[^\\]*"$/.test(v))
              v = JSON.stringify((JSON.parse(v) as string).split(';'))
            pairs.push([key, v])
          }
          pairs.push(...o.extras)
          // A duplicated key: JSON.parse keeps the last one.
          if (o.duplicate === 0 && pairs.length) pairs.push([pairs[0]![0], '"dup"'])
          return {
            method: op.name,
            json: `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`,
          }
        }),
    )
}

const FIXTURES = [...fixtureFiles('aspsms', '.json').entries()].filter(
  ([name]) => !name.includes('reply'),
)

function caseArb(maxDepth: number): fc.Arbitrary<JsonCase> {
  const generated = fc
    .tuple(
      objectArb(maxDepth),
      fc.nat(11),
      fc.constantFrom('utf-8', 'utf-8', 'utf-8', 'windows-1252', 'bom'),
    )
    .chain(([{ method, json }, damage, charset]) => {
      const bytes =
        charset === 'windows-1252'
          ? windows1252Bytes(json)
          : charset === 'bom'
            ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Bytes(json)])
            : utf8Bytes(json)
      return (damage === 0 ? mutateBytes(bytes) : fc.constant(bytes)).map((b) => ({
        method,
        body: b,
      }))
    })
  const fixture = fc.constantFrom(...FIXTURES).chain(([name, bytes]) =>
    mutateBytes(bytes).map((body) => ({
      // json-hitobito-send-simple.json → SendSimpleTextSMS, by what the body holds.
      method: /inquire/.test(name)
        ? 'InquireDeliveryNotifications'
        : /credits/.test(name)
          ? 'CheckCredits'
          : /simple|mod-aspsms-empty/.test(name)
            ? 'SendSimpleTextSMS'
            : 'SendTextSMS',
      body,
    })),
  )
  return fc
    .record({
      payload: fc.oneof({ weight: 5, arbitrary: generated }, { weight: 1, arbitrary: fixture }),
      httpMethod: fc.oneof(
        { weight: 15, arbitrary: fc.constant('POST') },
        { weight: 1, arbitrary: fc.constantFrom('GET', 'OPTIONS', 'PUT', 'HEAD') },
      ),
      real: fc.boolean(),
      methodCase: fc.constantFrom(
        'as-is',
        'as-is',
        'as-is',
        'lower',
        'slash',
        'unknown',
        'encoded',
      ),
      contentType: fc.constantFrom(
        undefined,
        'application/json',
        'application/json; charset=utf-8',
        'text/plain;charset=UTF-8',
        'application/x-www-form-urlencoded',
        'application/json; charset=iso-8859-1',
      ),
    })
    .map((c) => {
      const name = {
        'as-is': c.payload.method,
        lower: c.payload.method.toLowerCase(),
        slash: `${c.payload.method}/`,
        unknown: `${c.payload.method}x`,
        encoded: encodeURIComponent(c.payload.method).replace(/S/g, '%53'),
      }[c.methodCase]!
      return {
        method: c.httpMethod,
        host: c.real ? 'json.aspsms.com' : undefined,
        target: c.real ? `/${name}` : `/aspsms/json/${name}`,
        contentType: c.contentType,
        body: c.payload.body.toString('latin1'),
      }
    })
}

function jsonParser(name: string, maxDepth: number, cases?: number): FuzzParser<JsonCase> {
  return {
    name,
    providers: ['aspsms'],
    arbitrary: caseArb(maxDepth),
    ...(cases ? { cases } : {}),
    async send(smsim, batch) {
      const port = Number(new URL(smsim.url).port)
      const outcomes = []
      for (const c of batch) {
        const headers: [string, string][] = c.contentType ? [['Content-Type', c.contentType]] : []
        outcomes.push(
          await aspsmsOutcome(
            port,
            { ...c, headers },
            `${c.target} [${c.contentType ?? ''}] ${c.body.slice(0, 400)}`,
          ),
        )
      }
      return outcomes
    },
  }
}

/** Values nested from the depth that broke the journal before item 4 up to what fits in a body. */
const deepParser: FuzzParser<JsonCase> = {
  ...jsonParser('aspsms-json-deep', MAX_MAIN_DEPTH),
  cases: 40,
  arbitrary: fc
    .tuple(
      fc.integer({ min: 5_000, max: 100_000 }),
      fc.constantFrom('UserName', 'Password', 'MessageText', 'Recipients', 'x'),
    )
    .map(([depth, key]) => ({
      method: 'POST',
      host: undefined,
      target: '/aspsms/json/SendTextSMS',
      contentType: 'application/json',
      body: `{"UserName":"DEMOASPSMS","Password":"demo",${JSON.stringify(key)}:${nestedJson(depth, '"x"', 'array')}}`,
    })),
}

describe('fuzzing the ASPSMS JSON API', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'JSON bodies, well-formed or hostile: a StatusCode or a clear 4xx, SMS only when accepted, smsim responsive',
    smsim,
    jsonParser('aspsms-json', MAX_MAIN_DEPTH),
  )
  fuzzIt('values nested 5,000 to 100,000 deep leave the journal readable', smsim, deepParser)
})
