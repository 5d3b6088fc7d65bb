/**
 * Every option of `smsim conformance`, declared once (STYLE.md §27): the parser, `--help` and
 * the option table of docs/conformance.md are built from this list, and
 * {@link normalizeConformanceOptions} is the one place where their values are checked and
 * their defaults applied.
 */
import { resolve } from 'node:path'
import { BadConfigError } from '../simulators/core/errors.ts'
import type { ProviderId } from '../simulators/core/model.ts'
import {
  markdownCell as cell,
  optionsMarkdown,
  type CliOption,
} from '../simulators/core/cli-option.ts'
import { ACTION_SETS } from './actions/index.ts'
import type { ActionDef, ActionSet, StateDef } from './context.ts'
import { PROVIDER_IDS, SCENARIOS_DIR } from './load.ts'
import type { Transport } from './model.ts'
import { isReporterName, REPORTER_NAMES, type ReporterName } from './reporters/index.ts'
import { STATES } from './states.ts'

export { PROVIDER_IDS }
export const TRANSPORTS = [
  'http',
  'mail',
  'json',
  'soap',
  'xml',
  'app',
] as const satisfies readonly Transport[]

/** Scenarios at once by default: each has its own account, so they do not disturb each other. */
export const DEFAULT_CONCURRENCY = 8
/** Per step: a simulator answers in milliseconds, a live endpoint in well under this. */
export const DEFAULT_TIMEOUT_MS = 10_000

export const CONFORMANCE_OPTIONS: readonly CliOption[] = [
  {
    flags: '--target <embedded|url>',
    description:
      'what to test: smsim started in this process, or a URL (a running smsim, found by /_smsim/health, or a foreign endpoint)',
    default: 'embedded',
  },
  {
    flags: '--smtp <host:port>',
    description:
      "the URL target's SMTP gateway, for the mail scenarios (default: where a smsim's health says it listens, else the URL's host, port 2525)",
  },
  {
    flags: '--account <id>',
    description: 'a foreign endpoint: the account the free scenarios use (with --secret)',
  },
  { flags: '--secret <secret>', description: "a foreign endpoint: that account's password or key" },
  {
    flags: '--control-token <token>',
    description:
      'a running smsim started with --control-token: the same token (default: the SMSIM_CONTROL_TOKEN environment variable)',
  },
  {
    flags: '--provider <ids>',
    description: `only these providers (comma-separated: ${PROVIDER_IDS.join(', ')})`,
  },
  {
    flags: '--suite <names>',
    description: 'only these suites (comma-separated, e.g. smstob-http)',
  },
  {
    flags: '--transport <names>',
    description: `only these transports (comma-separated: ${TRANSPORTS.join(', ')})`,
  },
  {
    flags: '--scenario <patterns>',
    description:
      'only these scenarios: ids or globs, comma-separated (`smstob-http/code-91-*`, `*code-82*`)',
  },
  {
    flags: '--suites-dir <dir>',
    description:
      "where the suites are (default: smsim's scenarios/); its provider folders and the YAML files at its top",
  },
  {
    flags: '--reporter <names>',
    description: `how to report (comma-separated: ${REPORTER_NAMES.join(', ')}; console = default)`,
    default: 'default',
  },
  {
    flags: '--output-dir <dir>',
    description: 'where json, junit and html write conformance.json, junit.xml and report.html',
    default: 'reports',
  },
  {
    flags: '--expectations <file>',
    description: 'YAML file of known deviations of the target: scenario id or glob → status',
  },
  {
    flags: '--concurrency <n>',
    description: 'scenarios run at once (clock and fault scenarios always run alone)',
    default: DEFAULT_CONCURRENCY,
  },
  {
    flags: '--timeout <ms>',
    description: 'per step: past it, the scenario is TIMEOUT',
    default: DEFAULT_TIMEOUT_MS,
  },
  {
    flags: '--list',
    description: 'print the scenarios that would run (id, codes, flags, title); run nothing',
  },
  {
    flags: '--app <file>',
    description:
      'integration certification: run the integration suites against the application this config file describes',
  },
]

/** What commander hands the action (CONFORMANCE_OPTIONS, camel-cased; numbers still text). */
export interface ConformanceFlags {
  target?: string
  smtp?: string
  account?: string
  secret?: string
  controlToken?: string
  provider?: string
  suite?: string
  transport?: string
  scenario?: string
  suitesDir?: string
  reporter?: string
  outputDir?: string
  expectations?: string
  concurrency?: string | number
  timeout?: string | number
  list?: boolean
  app?: string
}

/** The options checked, with their defaults. */
export interface ConformanceConfig {
  /** `embedded`, or a URL without its trailing slash. */
  target: string
  smtp?: { host: string; port: number }
  credentials?: { id: string; secret: string }
  /** The URL target's control token (`--control-token`, else SMSIM_CONTROL_TOKEN). */
  controlToken?: string
  providers?: ProviderId[]
  suites?: string[]
  transports?: Transport[]
  scenarios?: string[]
  suitesDir: string
  reporters: ReporterName[]
  outputDir: string
  expectations?: string
  concurrency: number
  timeoutMs: number
  list: boolean
  app?: string
}

/** `a, b,,c` → `['a', 'b', 'c']`; undefined when the option is absent. */
function list(value: string | undefined, option: string): string[] | undefined {
  if (value === undefined) return undefined
  const items = [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
  if (!items.length) throw new BadConfigError(`${option} needs at least one name`)
  return items
}

/** A list whose every item is one of `known`. */
function oneOf<T extends string>(
  value: string | undefined,
  option: string,
  known: readonly T[],
): T[] | undefined {
  const items = list(value, option)
  const unknown = items?.filter((i) => !(known as readonly string[]).includes(i))
  if (unknown?.length)
    throw new BadConfigError(
      `${option}: unknown ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${known.join(', ')})`,
    )
  return items as T[] | undefined
}

function positiveInteger(value: string | number | undefined, option: string, fallback: number) {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1)
    throw new BadConfigError(`${option} is a whole number above 0, not "${value}"`)
  return n
}

function hostPort(value: string): { host: string; port: number } {
  const match = /^(.+):(\d+)$/.exec(value.trim())
  const port = Number(match?.[2])
  if (!match || port < 1 || port > 65535)
    throw new BadConfigError(`--smtp is host:port (e.g. 127.0.0.1:2525), not "${value}"`)
  return { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port }
}

/**
 * Checks the flags and applies the defaults. Throws BadConfigError (exit status 2) with a
 * message naming the option.
 *
 * @example
 * normalizeConformanceOptions({ provider: 'smstob', reporter: 'default,junit' })
 * // { target: 'embedded', providers: ['smstob'], reporters: ['default', 'junit'], … }
 */
export function normalizeConformanceOptions(
  flags: ConformanceFlags,
  env: NodeJS.ProcessEnv = process.env,
): ConformanceConfig {
  const target = (flags.target ?? 'embedded').trim()
  if (target !== 'embedded') {
    let url: URL | undefined
    try {
      url = new URL(target)
    } catch {
      url = undefined
    }
    if (!url || !/^https?:$/.test(url.protocol))
      throw new BadConfigError(
        `--target is "embedded" or an http(s) URL (http://127.0.0.1:8780), not "${target}"`,
      )
  }
  const remoteOnly = (['smtp', 'account', 'secret', 'controlToken'] as const).filter(
    (k) => flags[k] !== undefined,
  )
  if (target === 'embedded' && remoteOnly.length)
    throw new BadConfigError(
      `${remoteOnly.map((k) => `--${k === 'controlToken' ? 'control-token' : k}`).join(', ')} ${remoteOnly.length === 1 ? 'applies' : 'apply'} only to a --target URL (the embedded smsim has its own SMTP port and accounts${remoteOnly.includes('controlToken') ? ', and no token' : ''})`,
    )
  // The environment variable serves every smsim the shell talks to; the embedded one has none.
  const controlToken =
    target === 'embedded' ? undefined : flags.controlToken || env.SMSIM_CONTROL_TOKEN || undefined
  if ((flags.account === undefined) !== (flags.secret === undefined))
    throw new BadConfigError('--account and --secret go together')
  // `console` is the issue's name for the default reporter; each reporter runs once.
  const reporters = [
    ...new Set(
      list(flags.reporter ?? 'default', '--reporter')!.map((r) =>
        r === 'console' ? 'default' : r,
      ),
    ),
  ]
  const unknown = reporters.filter((r) => !isReporterName(r))
  if (unknown.length)
    throw new BadConfigError(
      `--reporter: unknown ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${REPORTER_NAMES.join(', ')})`,
    )
  const providers = oneOf(flags.provider, '--provider', PROVIDER_IDS)
  const suites = list(flags.suite, '--suite')
  const transports = oneOf(flags.transport, '--transport', TRANSPORTS)
  const scenarios = list(flags.scenario, '--scenario')
  return {
    target: target.replace(/\/+$/, ''),
    ...(flags.smtp !== undefined ? { smtp: hostPort(flags.smtp) } : {}),
    ...(flags.account !== undefined
      ? { credentials: { id: flags.account, secret: flags.secret ?? '' } }
      : {}),
    ...(controlToken !== undefined ? { controlToken } : {}),
    ...(providers ? { providers } : {}),
    ...(suites ? { suites } : {}),
    ...(transports ? { transports } : {}),
    ...(scenarios ? { scenarios } : {}),
    suitesDir: flags.suitesDir !== undefined ? resolve(flags.suitesDir) : SCENARIOS_DIR,
    reporters: reporters as ReporterName[],
    outputDir: resolve(flags.outputDir ?? 'reports'),
    ...(flags.expectations !== undefined ? { expectations: resolve(flags.expectations) } : {}),
    concurrency: positiveInteger(flags.concurrency, '--concurrency', DEFAULT_CONCURRENCY),
    timeoutMs: positiveInteger(flags.timeout, '--timeout', DEFAULT_TIMEOUT_MS),
    list: flags.list ?? false,
    ...(flags.app !== undefined ? { app: flags.app } : {}),
  }
}

/**
 * The option table of docs/conformance.md, as Markdown (`smsim options-table conformance`).
 *
 * @example
 * conformanceOptionsMarkdown().split('\n')[0] // '| option | what it does | default |'
 */
export function conformanceOptionsMarkdown(): string {
  return optionsMarkdown(CONFORMANCE_OPTIONS)
}

/**
 * The verbs a suite's steps can use, by provider, as Markdown: one row per verb, with the
 * transports it exists over (docs/conformance.md, `smsim options-table verbs`).
 *
 * @example
 * verbsMarkdown().split('\n')[0] // '| provider | verb | transports | what it does |'
 */
export function verbsMarkdown(sets: readonly ActionSet[] = ACTION_SETS): string {
  const rows = new Map<
    string,
    { provider: string; verb: string; transports: string[]; def: ActionDef }
  >()
  for (const set of sets)
    for (const [verb, def] of Object.entries(set.actions)) {
      const key = `${set.provider}\u0000${verb}\u0000${def.description}`
      const row = rows.get(key) ?? { provider: set.provider, verb, transports: [], def }
      row.transports.push(set.transport)
      rows.set(key, row)
    }
  const lines = [...rows.values()].map(({ provider, verb, transports, def }) => {
    const notes = [def.needsControl && 'needs smsim', def.exclusive && 'runs alone'].filter(Boolean)
    const what = `${def.description}${notes.length ? ` _(${notes.join(', ')})_` : ''}`
    return `| ${provider === '*' ? 'all' : provider} | \`${verb}\` | ${transports.includes('*') ? 'all' : transports.join(', ')} | ${cell(what)} |`
  })
  return ['| provider | verb | transports | what it does |', '|---|---|---|---|', ...lines].join(
    '\n',
  )
}

/**
 * The states a suite's `given` can name, as Markdown (docs/conformance.md,
 * `smsim options-table states`).
 *
 * @example
 * statesMarkdown().split('\n')[2] // '| `an account` | the scenario has an account … |'
 */
export function statesMarkdown(states: readonly StateDef[] = STATES): string {
  const rows = states.map((s) => `| \`${s.pattern}\` | ${cell(s.description)} |`)
  return ['| state | what it sets up |', '|---|---|', ...rows].join('\n')
}

/** The generated tables of docs/conformance.md, by the name `smsim options-table` takes. */
export const CONFORMANCE_TABLES: Readonly<Record<string, () => string>> = {
  conformance: conformanceOptionsMarkdown,
  verbs: () => verbsMarkdown(),
  states: () => statesMarkdown(),
}

/**
 * One of the generated tables, by name. Throws BadConfigError for a name it does not know.
 *
 * @example
 * markdownTable('states')
 */
export function markdownTable(name: string): string {
  const table = CONFORMANCE_TABLES[name]
  if (!table)
    throw new BadConfigError(
      `no table "${name}" (known: start, ${Object.keys(CONFORMANCE_TABLES).join(', ')})`,
    )
  return table()
}
