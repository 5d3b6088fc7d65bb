/**
 * Known deviations of a target (STYLE.md §26, wptrunner's expectation files): which scenarios
 * are expected to end otherwise than PASS there, and why. A run whose results are all as
 * expected succeeds; a listed scenario that starts passing fails the run, so the file never
 * goes stale unnoticed.
 *
 * ```yaml
 * # expectations/other-mock.yaml
 * smstob-http/code-91-duplicate-24h: FAIL          # the mock has no 24-hour rule
 * smstob-http/code-83-*:                           # a glob: every scenario it matches
 *   status: FAIL
 *   reason: answers 82 for an unknown account
 * ```
 */
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { BadConfigError } from '../simulators/core/errors.ts'
import { MAX_CONFIG_FILE_BYTES, readTextFile } from './input-files.ts'
import { STATUSES, type Scenario, type Status } from './model.ts'

export interface Expectation {
  status: Status
  /** Why the target deviates: for the person reading the file. */
  reason?: string
}

/** Scenario id, or glob over ids, → the expected status; in the file's order. */
export type Expectations = Record<string, Expectation>

const STATUS = z.enum(STATUSES)
const FILE = z
  .record(
    z.string().min(1),
    z.union([STATUS, z.strictObject({ status: STATUS, reason: z.string().optional() })]),
  )
  .nullable()

/**
 * Reads and checks an expectations text (YAML, so JSON too). Throws BadConfigError naming the
 * entry that is wrong.
 *
 * @example
 * parseExpectations('smstob-http/code-91-duplicate-24h: FAIL')
 * // { 'smstob-http/code-91-duplicate-24h': { status: 'FAIL' } }
 */
export function parseExpectations(text: string, where = 'expectations'): Expectations {
  let data: unknown
  try {
    data = parseYaml(text)
  } catch (error) {
    throw new BadConfigError(`${where}: not YAML: ${(error as Error).message}`)
  }
  const parsed = FILE.safeParse(data)
  if (!parsed.success)
    throw new BadConfigError(
      `${where}: ${parsed.error.issues
        .map((i) => `${i.path.join('.') || 'the file'}: ${i.message}`)
        .join(
          '; ',
        )} (an entry is "<scenario id>: <status>" or "<id>: { status, reason }", status one of ${STATUSES.join(', ')})`,
    )
  return Object.fromEntries(
    Object.entries(parsed.data ?? {}).map(([id, value]) => [
      id,
      typeof value === 'string' ? { status: value } : value,
    ]),
  )
}

/**
 * Reads an expectations file.
 *
 * @example
 * const expectations = loadExpectations('expectations/other-mock.yaml')
 */
export function loadExpectations(file: string): Expectations {
  let text: string
  try {
    text = readTextFile(file, MAX_CONFIG_FILE_BYTES)
  } catch (error) {
    throw new BadConfigError(`cannot read ${file}: ${(error as Error).message}`)
  }
  return parseExpectations(text, file)
}

/**
 * Whether a pattern names a scenario id: the id itself, the id without its `@<transport>`, or
 * a glob over either (`*` any characters, `?` one).
 *
 * @example
 * matchesId('smstob-http/code-8*', 'smstob-http/code-80-sent') // true
 * matchesId('smstob-mail/code-80-sent', 'smstob-mail/code-80-sent@mail') // true
 */
export function matchesId(pattern: string, id: string): boolean {
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  const re = new RegExp(`^${source}$`)
  return re.test(id) || re.test(id.replace(/@[^@/]*$/, ''))
}

/**
 * The status the runner should expect of each scenario (only those listed), and the entries
 * that name no scenario loaded (a typo, or a scenario since renamed).
 * An exact id wins over a glob; among globs, the first in the file.
 *
 * @example
 * const { statuses, unused } = expectedStatuses(loadExpectations(file), scenarios)
 * await runScenarios({ target, scenarios, expectations: statuses })
 */
export function expectedStatuses(
  expectations: Expectations,
  scenarios: readonly Pick<Scenario, 'id'>[],
): { statuses: Record<string, Status>; unused: string[] } {
  const patterns = Object.keys(expectations)
  const used = new Set<string>()
  const statuses: Record<string, Status> = {}
  for (const { id } of scenarios) {
    const pattern = Object.hasOwn(expectations, id) ? id : patterns.find((p) => matchesId(p, id))
    if (pattern === undefined) continue
    used.add(pattern)
    statuses[id] = expectations[pattern]!.status
  }
  return { statuses, unused: patterns.filter((p) => !used.has(p)) }
}
