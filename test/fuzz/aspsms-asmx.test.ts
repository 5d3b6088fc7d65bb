/**
 * ASPSMS's ASMX HTTP bindings: `GET` and `POST /aspsmsx2.asmx/<Operation>` (and the legacy
 * `/aspsmsx.asmx/SimpleTextSMS`), parameters as a query string or a form body in UTF-8 or
 * windows-1252, escaped or raw (nadar sends its body unencoded), some missing, repeated
 * (ASP.NET joins them with `,`) or unknown; plus the captured clients' requests (zeep,
 * tschiemer, nadar, flapjack, LibreNMS) with their bytes damaged.
 *
 * The 500s allowed are ASMX's own plain-text exceptions ("Missing parameter: X."), which the
 * interface documents.
 *
 * @see simulators/aspsms/README.md — "ASMX HTTP GET and POST bindings"
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { LEGACY_OPERATIONS } from '../../simulators/aspsms/operations.ts'
import { asmxFields, asmxOperationArb } from './support/aspsms.ts'
import { aspsmsOutcome, isAsmxException } from './support/answers.ts'
import {
  percentEncode,
  utf8Bytes,
  windows1252Bytes,
  type PercentStyle,
} from './support/encoding.ts'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { httpFixtures } from './support/http-fixtures.ts'
import type { RawHttpRequest } from './support/raw-http.ts'
import { mutateBytes } from './support/values.ts'

interface AsmxCase {
  method: string
  host: string | undefined
  /** Path and query as sent, one char per byte. */
  target: string
  headers: [string, string][]
  /** The form body as sent, one char per byte. */
  body: string
}

const operations = fc.oneof(
  { weight: 8, arbitrary: asmxOperationArb.map((op) => ({ op, service: 'aspsmsx2' })) },
  { weight: 1, arbitrary: fc.constant({ op: LEGACY_OPERATIONS[0]!, service: 'aspsmsx' }) },
)

const generatedCase: fc.Arbitrary<AsmxCase> = fc
  .record({
    operation: operations,
    method: fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom('GET', 'POST') },
      { weight: 1, arbitrary: fc.constantFrom('HEAD', 'PUT', 'DELETE') },
    ),
    real: fc.boolean(),
    nameCase: fc.constantFrom('as-is', 'as-is', 'as-is', 'lower', 'upper'),
    charset: fc.constantFrom('utf-8', 'utf-8', 'iso-8859-1'),
    declared: fc.boolean(),
    // `raw` leaves bytes ≥ 0x80 unencoded, as nadar does; spaces are always escaped.
    style: fc.constantFrom<PercentStyle>('plus', 'percent', 'percent', 'raw'),
    contentType: fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      '',
    ),
    damage: fc.nat(7),
  })
  .chain((c) =>
    // Every parameter is required here ("Missing parameter: X."): one in a hundred is left out.
    asmxFields(c.operation.op, 100).chain((fields) => {
      const bytes = c.charset === 'utf-8' ? utf8Bytes : windows1252Bytes
      const cased = (n: string) =>
        c.nameCase === 'lower' ? n.toLowerCase() : c.nameCase === 'upper' ? n.toUpperCase() : n
      const form = fields
        .map(
          ([n, v]) =>
            `${percentEncode(bytes(cased(n)), c.style)}=${percentEncode(bytes(v), c.style)}`,
        )
        .join('&')
      const damaged =
        c.damage === 0
          ? mutateBytes(Buffer.from(form, 'latin1')).map((b) => b.toString('latin1'))
          : fc.constant(form)
      return damaged.map((encoded): AsmxCase => {
        const path = `${c.real ? '' : '/aspsms'}/${c.operation.service}.asmx/${c.operation.op.name}`
        const type =
          c.contentType && c.declared ? `${c.contentType}; charset=${c.charset}` : c.contentType
        return {
          method: c.method,
          host: c.real ? 'webservice.aspsms.com' : undefined,
          target: c.method === 'POST' ? path : `${path}?${encoded}`,
          headers: c.method === 'POST' && type ? [['Content-Type', type]] : [],
          body: c.method === 'POST' ? encoded : '',
        }
      })
    }),
  )

/** The captured clients' requests: their query string or body damaged at the byte level. */
const fixtureCase: fc.Arbitrary<AsmxCase> = fc
  .constantFrom(...httpFixtures('aspsms', 'asmx-http'), ...httpFixtures('aspsms', 'asmx-legacy'))
  .chain((fixture: RawHttpRequest) => {
    const q = fixture.target.indexOf('?')
    const damageQuery = fixture.method === 'GET' && q >= 0
    const part = damageQuery ? Buffer.from(fixture.target.slice(q + 1), 'latin1') : fixture.body
    return fc.tuple(mutateBytes(part), fc.boolean()).map(([bytes, real]) => {
      // The fixtures target the real host's paths or smsim's prefix; both are served.
      const path = damageQuery ? fixture.target.slice(0, q) : fixture.target.split('?')[0]!
      const bare = path.replace(/^\/aspsms(?=\/)/, '')
      const target = real ? bare : `/aspsms${bare}`
      return {
        method: fixture.method,
        host: real ? 'soap.aspsms.com' : undefined,
        target: damageQuery ? `${target}?${bytes.toString('latin1')}` : target,
        headers: fixture.headers,
        body: damageQuery ? '' : bytes.toString('latin1'),
      }
    })
  })

const asmxParser: FuzzParser<AsmxCase> = {
  name: 'aspsms-asmx-http',
  providers: ['aspsms'],
  arbitrary: fc.oneof(
    { weight: 4, arbitrary: generatedCase },
    { weight: 1, arbitrary: fixtureCase },
  ),
  async send(smsim, batch) {
    const port = Number(new URL(smsim.url).port)
    const outcomes = []
    for (const c of batch) {
      outcomes.push(
        await aspsmsOutcome(
          port,
          c,
          `${c.target.slice(0, 300)} [${c.headers.map((h) => h.join(': ')).join(' | ')}] ${c.body.slice(0, 300)}`,
          // A HEAD answer has no body to tell a documented exception by.
          (b) => c.method === 'HEAD' || isAsmxException(b),
        ),
      )
    }
    return outcomes
  },
}

describe('fuzzing the ASPSMS ASMX HTTP bindings', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'GET and POST /aspsmsx2.asmx/<Operation>, well-formed or hostile: a result or an ASMX exception, SMS only when accepted, smsim responsive',
    smsim,
    asmxParser,
  )
})
