/**
 * Loads suites from `scenarios/` (YAML, one file per suite), checks them against the schema,
 * the registered verbs and the registered states, and expands each scenario over its
 * transports. A suite that cannot run as written is refused here, with the file and the
 * scenario named, before anything runs.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { ProviderId } from '../simulators/core/model.ts'
import { packageRoot } from '../simulators/core/package-root.ts'
import { ACTION_SETS, findAction } from './actions/index.ts'
import { MAX_SUITE_FILE_BYTES, readTextFile } from './input-files.ts'
import { BadSuiteError, type ActionSet, type StateDef } from './context.ts'
import type { Given, Scenario, Step, Transport } from './model.ts'
import { STATES } from './states.ts'

/** Where the suites shipped with smsim live. */
export const SCENARIOS_DIR = join(packageRoot(import.meta.url), 'scenarios')

const PROVIDER = z.enum(['smstob', 'aspsms', 'allmysms', 'isendpro'])
const TRANSPORT = z.enum(['http', 'mail', 'json', 'soap', 'xml', 'app'])
const FLAG = z.enum(['optional', 'ours', 'free'])
/** Keys a step may carry besides its one verb. */
const STEP_KEYS = new Set(['expect', 'save', 'note'])

const GIVEN = z.union([z.string().min(1), z.looseObject({ state: z.string().min(1) })])
const STEP = z
  .record(z.string(), z.unknown())
  .refine((step) => Object.keys(step).filter((k) => !STEP_KEYS.has(k)).length === 1, {
    message: 'a step has exactly one verb (plus expect, save, note)',
  })
const SCENARIO = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase words joined by "-"'),
  title: z.string().min(1),
  spec: z.string().min(1),
  flags: z.array(FLAG).default([]),
  codes: z.array(z.number().int()).default([]),
  transports: z.array(TRANSPORT).min(1).optional(),
  given: z.array(GIVEN).default([]),
  steps: z.array(STEP).min(1),
})
const SUITE = z.strictObject({
  suite: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  title: z.string().min(1),
  provider: PROVIDER,
  transports: z.array(TRANSPORT).min(1),
  description: z.string().optional(),
  scenarios: z.array(SCENARIO).min(1),
})

export type SuiteFile = z.infer<typeof SUITE>

/** A loaded suite: its scenarios, one per transport. */
export interface Suite {
  name: string
  title: string
  provider: ProviderId
  transports: Transport[]
  file: string
  scenarios: Scenario[]
}

export interface LoadOptions {
  actions?: readonly ActionSet[]
  states?: readonly StateDef[]
}

/**
 * The integration suites: their verb `trigger` runs an application, so only an integration run
 * (`--app`, conformance/integration/app.ts) loads them.
 */
export const INTEGRATION_SUITES_DIR = join(SCENARIOS_DIR, 'integration')

/**
 * The certification suite: its state "the school's account" comes with `smsim certify`
 * (conformance/certify/states.ts), so only certify loads it.
 */
export const CERTIFICATION_SUITES_DIR = join(SCENARIOS_DIR, 'certification')

/** The providers, each with its folder of suites under `scenarios/`. */
export const PROVIDER_IDS = [
  'smstob',
  'aspsms',
  'allmysms',
  'isendpro',
] as const satisfies readonly ProviderId[]

/**
 * The provider suites under `dir`: the YAML files at its top and those in its provider
 * folders (of `providers` only, default all). The other folders (`integration`,
 * `certification`) hold suites with verbs or states of their own, run by `--app` and
 * `smsim certify`.
 *
 * @example
 * loadProviderSuites(SCENARIOS_DIR, ['smstob']).map((s) => s.name) // ['smstob-http', 'smstob-mail']
 */
export function loadProviderSuites(
  dir = SCENARIOS_DIR,
  providers: readonly ProviderId[] = PROVIDER_IDS,
  options: LoadOptions = {},
): Suite[] {
  const top = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => loadSuite(join(dir, name), options))
  const nested = providers
    .map((provider) => join(dir, provider))
    .filter((folder) => existsSync(folder) && statSync(folder).isDirectory())
    .flatMap((folder) => loadSuites(folder, options))
  return [...top, ...nested].filter((s) => providers.includes(s.provider))
}

/** Folders whose suites only their own runner loads. */
const OWN_RUNNER_DIRS = [INTEGRATION_SUITES_DIR, CERTIFICATION_SUITES_DIR]

/**
 * Every `*.yaml` suite under a directory (default: smsim's own `scenarios/`), sorted; the
 * integration and certification suites only when `dir` is their own folder.
 */
export function loadSuites(dir = SCENARIOS_DIR, options: LoadOptions = {}): Suite[] {
  const asked = resolve(dir)
  return yamlFiles(dir)
    .filter((file) => {
      const folder = dirname(resolve(file))
      return asked === folder || !OWN_RUNNER_DIRS.includes(folder)
    })
    .map((file) => loadSuite(file, options))
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) return yamlFiles(path)
      return /\.ya?ml$/.test(name) ? [path] : []
    })
}

/** One suite file, checked and expanded. Throws {@link BadSuiteError}. */
export function loadSuite(file: string, options: LoadOptions = {}): Suite {
  const where = relative(process.cwd(), file)
  let text: string
  try {
    text = readTextFile(file, MAX_SUITE_FILE_BYTES)
  } catch (error) {
    throw new BadSuiteError(`${where}: cannot read it: ${(error as Error).message}`)
  }
  let data: unknown
  try {
    data = parseYaml(text)
  } catch (error) {
    throw new BadSuiteError(`${where}: not YAML: ${(error as Error).message}`)
  }
  const parsed = SUITE.safeParse(data)
  if (!parsed.success)
    throw new BadSuiteError(
      `${where}: ${parsed.error.issues.map((i) => `${issuePath(data, i.path)}: ${i.message}`).join('; ')}`,
    )
  return expandSuite(parsed.data, where, options)
}

/**
 * Where a schema issue is, with the scenario named by its id (`scenario "x", step 1`) rather
 * than its index, as the other refusals name it: the id is what a suite's author searches for.
 */
function issuePath(data: unknown, path: readonly PropertyKey[]): string {
  const [head, index, ...rest] = path
  const id = (data as { scenarios?: { id?: unknown }[] } | null)?.scenarios?.[index as number]?.id
  if (head !== 'scenarios' || typeof index !== 'number' || typeof id !== 'string')
    return path.map(String).join('.')
  // Steps are counted from 1, as the verb and state refusals count them.
  const [key, step, ...more] = rest
  const inner =
    key === 'steps' && typeof step === 'number'
      ? [`step ${step + 1}`, more.map(String).join('.')]
      : [rest.map(String).join('.')]
  return [`scenario "${id}"`, ...inner].filter(Boolean).join(', ')
}

/** A parsed suite's scenarios, one per transport, with their givens and steps resolved. */
export function expandSuite(suite: SuiteFile, file: string, options: LoadOptions = {}): Suite {
  const actions = options.actions ?? ACTION_SETS
  const states = options.states ?? STATES
  const seen = new Set<string>()
  const scenarios = suite.scenarios.flatMap((s) => {
    if (seen.has(s.id)) throw new BadSuiteError(`${file}: two scenarios are called "${s.id}"`)
    seen.add(s.id)
    const transports = s.transports ?? suite.transports
    const where = `${file}: scenario "${s.id}"`
    const given = s.given.map((g) => resolveGiven(g, states, where))
    return transports.map((transport): Scenario => {
      const steps = s.steps.map((raw, i) => {
        const step = toStep(raw)
        if (!findAction(suite.provider, transport, step.action, actions))
          throw new BadSuiteError(
            `${where}, step ${i + 1}: ${suite.provider} over ${transport} has no verb "${step.action}"`,
          )
        return step
      })
      return {
        id: `${suite.suite}/${s.id}${transports.length > 1 ? `@${transport}` : ''}`,
        title: s.title,
        suite: suite.suite,
        provider: suite.provider,
        transport,
        spec: s.spec,
        flags: s.flags,
        codes: s.codes,
        given,
        steps,
        file,
      }
    })
  })
  return {
    name: suite.suite,
    title: suite.title,
    provider: suite.provider,
    transports: suite.transports,
    file,
    scenarios,
  }
}

function toStep(raw: Record<string, unknown>): Step {
  const action = Object.keys(raw).find((k) => !STEP_KEYS.has(k))!
  return {
    action,
    args: raw[action],
    ...(raw.expect !== undefined ? { expect: raw.expect } : {}),
    ...(raw.save !== undefined ? { save: raw.save as Record<string, string> } : {}),
    ...(typeof raw.note === 'string' ? { note: raw.note } : {}),
  }
}

/**
 * A given, written `"account has 10 credits"` or `{ state: 'account has {credits} credits',
 * credits: 10, options: {…} }`, matched against the registered state patterns.
 */
export function resolveGiven(
  given: string | { state: string; [key: string]: unknown },
  states: readonly StateDef[],
  where: string,
): Given {
  const text = typeof given === 'string' ? given : given.state
  const extra = typeof given === 'string' ? {} : given
  for (const def of states) {
    const names: string[] = []
    const source = def.pattern
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1]
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        names.push(name)
        return '(.+?)'
      })
      .join('')
    const match = new RegExp(`^${source}$`).exec(text)
    if (!match) continue
    const params: Record<string, unknown> = {}
    names.forEach((name, i) => {
      const value = match[i + 1]!
      if (value !== `{${name}}`)
        params[name] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value
    })
    for (const [key, value] of Object.entries(extra)) if (key !== 'state') params[key] = value
    const missing = names.filter((n) => !(n in params))
    if (missing.length)
      throw new BadSuiteError(`${where}: state "${def.pattern}" needs ${missing.join(', ')}`)
    return { state: def.pattern, params }
  }
  throw new BadSuiteError(
    `${where}: no state reads "${text}" (known: ${states.map((s) => `"${s.pattern}"`).join(', ')})`,
  )
}
