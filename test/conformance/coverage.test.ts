/**
 * Every documented code is produced by a scenario (STYLE.md §10): for each provider's code
 * table, each code is listed in the `codes` of some scenario of the provider's suites, or is
 * declared unreachable with the reason; each code a scenario lists is asserted in one of its
 * steps' `expect`, so that a listed code is a code the scenario checks it got; and no scenario
 * lists a code its provider does not have. suites.test.ts then runs the scenarios, so together
 * they prove that every code comes out of the real transport.
 *
 * Only the provider suites count: `scenarios/integration/` tests an application and
 * `scenarios/certification/` a school's setup, neither of which is about producing codes.
 */
import { describe, expect, it } from 'vitest'
import { loadProviderSuites, type Suite } from '../../conformance/load.ts'
import type { Scenario } from '../../conformance/model.ts'
import type { ProviderId } from '../../simulators/core/model.ts'
import { ALLMYSMS_CODES, ALLMYSMS_HTTP_CODES } from '../../simulators/allmysms/codes.ts'
import { ASPSMS_STATUS_CODES, ASPSMS_UNREACHABLE } from '../../simulators/aspsms/codes.ts'
import { ISENDPRO_ACK_CODES, ISENDPRO_CODES } from '../../simulators/isendpro/codes.ts'
import { ISENDPRO_REST_UNREACHABLE } from '../../simulators/isendpro/rest.ts'
import { SMSTOB_CODES } from '../../simulators/smstob/codes.ts'

/** Every provider suite, or why they could not be loaded. */
function loadAll(): { suites: Suite[]; errors: string[] } {
  try {
    return { suites: loadProviderSuites(), errors: [] }
  } catch (error) {
    return { suites: [], errors: [(error as Error).message] }
  }
}

/** One code table, and the suites whose scenarios answer with its codes. */
interface CodeTable {
  name: string
  provider: ProviderId
  codes: readonly { code: number | string; text: string }[]
  /** Codes no input can produce, each with the reason. */
  unreachable: Readonly<Record<number, string | undefined>>
  /** Which of the provider's suites this table is checked against (default: all). */
  covers: (suite: Suite) => boolean
}

const isAckSuite = (suite: Suite) => suite.name.startsWith('isendpro-ack')
/** allmysms's HTTP API 9.0 suites (`allmysms-http…`) answer the public v9.0 table. */
const isAllmysmsHttpSuite = (suite: Suite) => suite.name.startsWith('allmysms-http')
const isRestSuite = (suite: Suite) => suite.name.startsWith('isendpro-rest')
const every = () => true

/**
 * The tables checked. iSendPro has two for its mail interface: the Ack mail's codes (suites
 * named `isendpro-ack…`) and the send codes (the others). ISENDPRO_VOICE_CODES are not here:
 * they belong to the annex's recorded calls and answering-machine drops, and the mail interface
 * sends SMS only — its `<envoi>` has no call type, no audio file, no caller number
 * (simulators/isendpro/codes.ts) — so no mail can produce them, and a scenario listing one is
 * refused like any code outside the tables.
 */
const TABLES: readonly CodeTable[] = [
  { name: 'SMSTOB_CODES', provider: 'smstob', codes: SMSTOB_CODES, unreachable: {}, covers: every },
  {
    name: 'ASPSMS_STATUS_CODES',
    provider: 'aspsms',
    codes: ASPSMS_STATUS_CODES,
    unreachable: ASPSMS_UNREACHABLE,
    covers: every,
  },
  {
    name: 'ALLMYSMS_CODES',
    provider: 'allmysms',
    codes: ALLMYSMS_CODES,
    unreachable: {},
    covers: (suite) => !isAllmysmsHttpSuite(suite),
  },
  {
    name: 'ALLMYSMS_HTTP_CODES',
    provider: 'allmysms',
    codes: ALLMYSMS_HTTP_CODES,
    unreachable: {},
    covers: isAllmysmsHttpSuite,
  },
  {
    name: 'ISENDPRO_CODES',
    provider: 'isendpro',
    codes: ISENDPRO_CODES,
    unreachable: {},
    covers: (suite) => !isAckSuite(suite) && !isRestSuite(suite),
  },
  {
    // The same annex over the REST API (issue 16): every code a REST request can produce.
    name: 'ISENDPRO_CODES over REST',
    provider: 'isendpro',
    codes: ISENDPRO_CODES,
    unreachable: ISENDPRO_REST_UNREACHABLE,
    covers: isRestSuite,
  },
  {
    name: 'ISENDPRO_ACK_CODES',
    provider: 'isendpro',
    codes: ISENDPRO_ACK_CODES,
    unreachable: {},
    covers: isAckSuite,
  },
]

/** A key whose value is a provider code: `code`, `status`, `ackCode`, `errorCode`, `ack`… */
const CODE_KEY = /code|status|ack/i

/**
 * The codes an `expect` asserts: every number (or string of digits) whose nearest key names a
 * code, however deep — `{ code: 80 }`, `{ reply: { code: 84 } }`, `{ ack: { code: 1 } }`,
 * `{ recipients: [{ status: 3 }] }`, `{ $contains: { code: 87 } }`. Only plain values and
 * `$contains` assert a value: `$in`, `$ne` or `$gte` do not say which code came back.
 *
 * @example
 * assertedCodes({ ok: false, reply: { code: 84 }, credits: 10 }) // [84]
 */
function assertedCodes(value: unknown, key?: string): number[] {
  if (Array.isArray(value)) return value.flatMap((item) => assertedCodes(item, key))
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => {
      if (!k.startsWith('$')) return assertedCodes(v, k)
      return k === '$contains' ? assertedCodes(v, key) : []
    })
  if (key === undefined || !CODE_KEY.test(key)) return []
  if (typeof value === 'number' && Number.isInteger(value)) return [value]
  if (typeof value === 'string' && /^\d+$/.test(value)) return [Number(value)]
  return []
}

/** The scenarios of these suites, once each (a scenario run over two transports is one). */
function scenariosOf(suites: readonly Suite[]): Scenario[] {
  const seen = new Map<string, Scenario>()
  for (const s of suites.flatMap((suite) => suite.scenarios))
    seen.set(s.id.replace(/@[a-z]+$/, ''), s)
  return [...seen.values()]
}

const { suites: SUITES, errors: LOAD_ERRORS } = loadAll()

describe('the provider suites', () => {
  it('load, every one of them', () => {
    expect(LOAD_ERRORS).toEqual([])
  })
})

describe.each(TABLES.map((t) => [t.name, t] as const))('the codes of %s', (_name, table) => {
  const scenarios = () =>
    scenariosOf(SUITES.filter((s) => s.provider === table.provider && table.covers(s)))
  const known = new Set(table.codes.map((c) => Number(c.code)))

  it('are each produced by a scenario, or declared unreachable with the reason', () => {
    const listed = new Set(scenarios().flatMap((s) => s.codes))
    const missing = table.codes
      .filter((c) => !listed.has(Number(c.code)) && table.unreachable[Number(c.code)] === undefined)
      .map((c) => `${c.code} « ${c.text} »`)
    expect(
      missing,
      `codes of ${table.name} that no ${table.provider} scenario lists in its codes`,
    ).toEqual([])
  })

  it('are declared unreachable only with a reason, and only when no scenario produces them', () => {
    const listed = new Set(scenarios().flatMap((s) => s.codes))
    const wrong = Object.entries(table.unreachable).flatMap(([code, reason]) => {
      const problems: string[] = []
      if (!known.has(Number(code))) problems.push(`${code}: not a code of ${table.name}`)
      if (typeof reason !== 'string' || reason.trim() === '') problems.push(`${code}: no reason`)
      if (listed.has(Number(code))) problems.push(`${code}: unreachable, yet a scenario lists it`)
      return problems
    })
    expect(wrong).toEqual([])
  })

  it('are the only codes the scenarios list', () => {
    const foreign = scenarios().flatMap((s) =>
      s.codes.filter((code) => !known.has(code)).map((code) => `${s.id}: ${code}`),
    )
    expect(foreign, `codes listed by scenarios that ${table.name} does not have`).toEqual([])
  })

  it('are each asserted by an expect of the scenario that lists them', () => {
    const unasserted = scenarios().flatMap((s) => {
      const asserted = new Set(s.steps.flatMap((step) => assertedCodes(step.expect)))
      const missing = s.codes.filter((code) => !asserted.has(code))
      return missing.length ? [`${s.id}: ${missing.join(', ')}`] : []
    })
    expect(
      unasserted,
      'codes a scenario lists but no expect of its steps checks (as a code, status or ack)',
    ).toEqual([])
  })
})

describe('the search for asserted codes', () => {
  it.each([
    ['a code at the top', { ok: true, code: 80 }, [80]],
    ['a code in a reply', { accepted: true, reply: { kind: 'error', code: 84 } }, [84]],
    ['a status in a list', { recipients: [{ status: 3 }, { status: '7' }] }, [3, 7]],
    ['an ack code', { ack: { code: 1 }, ackCode: 2 }, [1, 2]],
    ['a code under $contains', { $contains: { code: 87, request: { n: 5 } } }, [87]],
  ])('finds %s', (_what, expectValue, codes) => {
    expect(assertedCodes(expectValue)).toEqual(codes)
  })

  it.each([
    ['numbers under other keys', { credits: 80, segments: 2, $length: 1 }],
    ['codes that are only bounds or alternatives', { code: { $in: [80, 81] }, status: { $ne: 1 } }],
    ['texts under a status key', [{ status: 'delivered' }]],
    ['no expect at all', undefined],
  ])('ignores %s', (_what, expectValue) => {
    expect(assertedCodes(expectValue)).toEqual([])
  })
})
