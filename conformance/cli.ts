/**
 * `smsim conformance`: loads the provider suites, keeps those the filters name, runs them
 * against a target and hands the report to the reporters chosen by name. With `--app`, it
 * certifies an application instead (the integration suites, conformance/integration/app.ts).
 *
 * Exit status: 0 when every result is what was expected of it (`runSucceeded`), 1 when some
 * result is not or the run broke, 2 when the command line or a suite cannot be used as written,
 * 3 when the run checked nothing (every scenario NOTRUN or PRECONDITION_FAILED: `nothingChecked`)
 * — always with a one-line message, never a stack trace.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { relative } from 'node:path'
import { CommanderError, Option, type Command } from 'commander'
import { BadConfigError } from '../simulators/core/errors.ts'
import {
  CONFORMANCE_OPTIONS,
  normalizeConformanceOptions,
  PROVIDER_IDS,
  type ConformanceConfig,
  type ConformanceFlags,
} from './cli-options.ts'
import { BadSuiteError } from './context.ts'
import { expectedStatuses, loadExpectations, matchesId } from './expectations.ts'
import { AppConfigError, loadAppConfig, runIntegration } from './integration/app.ts'
import { loadProviderSuites, type Suite } from './load.ts'
import { nothingChecked, runSucceeded, type RunReport, type Scenario } from './model.ts'
import type { ProgressStream } from './reporters/default.ts'
import { createReporters, reportFiles } from './reporters/index.ts'
import { runScenarios } from './runner.ts'
import { embeddedTarget, urlTarget, type Target } from './target.ts'

/** Where the command writes: commander's output configuration, so tests can capture it. */
export interface ConformanceConsole {
  out(text: string): void
  err(text: string): void
  color: boolean
  /** A terminal for the progress display; absent on a pipe (CI logs get plain lines). */
  progress?: ProgressStream
}

/**
 * Exit statuses: the run's verdict, or a command line that cannot be used. `nothingChecked` is
 * a status of its own, neither a success (a CI job that checked nothing must not pass) nor a
 * failure of the target (nothing it answered was wrong): a script can tell "give the
 * credentials or a smsim" from "fix the integration".
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, nothingChecked: 3 } as const

/**
 * Adds `conformance` to the `smsim` program. Commander's own refusals (an unknown option, a
 * missing value) exit with 2 like ours; `main` turns the thrown CommanderError into the exit.
 *
 * @example
 * const program = new Command('smsim')
 * registerConformance(program)
 * await program.parseAsync(['node', 'smsim', 'conformance', '--provider', 'smstob'])
 */
export function registerConformance(program: Command): Command {
  const command = program
    .command('conformance')
    .description('run the provider conformance suites against smsim or another endpoint')
  for (const o of CONFORMANCE_OPTIONS) {
    const option = new Option(o.flags, o.description)
    if (o.default !== undefined && typeof o.default !== 'boolean') option.default(o.default)
    command.addOption(option)
  }
  command.exitOverride((error) => {
    throw error.exitCode === 1 ? new CommanderError(EXIT.usage, error.code, error.message) : error
  })
  command.action(async (flags: ConformanceFlags, cmd: Command) => {
    const output = cmd.configureOutput()
    const io: ConformanceConsole = {
      out: (text) => output.writeOut?.(text),
      err: (text) => output.writeErr?.(text),
      color: Boolean(output.getOutHasColors?.()),
      ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
    }
    // Options left at their default must not override an application config's own values.
    const given = (name: string) => cmd.getOptionValueSource(name) === 'cli'
    process.exitCode = await conformanceCommand(flags, io, given)
  })
  return command
}

/**
 * Errors that mean "the command line or a file it names is wrong": exit 2. Anything else (a
 * port taken, a report that could not be written) is a run that broke: exit 1.
 */
function isUsageError(error: unknown): boolean {
  return (
    error instanceof BadConfigError ||
    error instanceof AppConfigError ||
    error instanceof BadSuiteError
  )
}

/**
 * The command, as a function of its flags: returns the exit status and never throws.
 *
 * @example
 * const status = await conformanceCommand({ provider: 'smstob' }, io)
 */
export async function conformanceCommand(
  flags: ConformanceFlags,
  io: ConformanceConsole,
  given: (option: string) => boolean = () => true,
): Promise<number> {
  let target: Target | undefined
  try {
    const config = normalizeConformanceOptions(flags)
    if (config.app) checkAppFlags(config)
    const prepared = config.app ? undefined : prepareRun(config, io)
    if (prepared && config.list) {
      io.out(listing(prepared.scenarios))
      return EXIT.ok
    }
    if (config.reporters.some((r) => r !== 'default')) makeOutputDir(config.outputDir)
    const app = config.app ? await loadAppConfig(config.app) : undefined
    target = await openTarget(config)
    if (target.kind === 'foreign') {
      if (app)
        throw new BadConfigError(
          `${target.label} is not smsim: certifying an application needs smsim's control API (--target embedded or a running smsim)`,
        )
      io.err(
        `smsim conformance: ${target.label} is not smsim (no /_smsim/health): only the scenarios flagged free run${config.credentials ? '' : ', and they need --account and --secret'}\n`,
      )
    }
    const reporters = createReporters(config.reporters, {
      outputDir: config.outputDir,
      write: io.out,
      color: io.color,
      ...(io.progress ? { progress: io.progress } : {}),
    })
    let report: RunReport
    if (app)
      report = await runIntegration({
        config: app,
        target,
        reporters,
        ...(given('timeout') ? { timeoutMs: config.timeoutMs } : {}),
        ...(flags.suitesDir !== undefined ? { suitesDir: config.suitesDir } : {}),
        ...(config.scenarios ? { select: (s) => selected(s, config.scenarios!) } : {}),
      })
    else
      report = await runScenarios({
        target,
        scenarios: prepared!.scenarios,
        concurrency: config.concurrency,
        timeoutMs: config.timeoutMs,
        reporters,
        expectations: prepared!.expectations,
      })
    const files = reportFiles(config.reporters, config.outputDir)
    if (files.length) io.out(`Reports    ${files.map(shown).join(', ')}\n`)
    if (nothingChecked(report)) return EXIT.nothingChecked
    return runSucceeded(report) ? EXIT.ok : EXIT.failed
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.err(`smsim conformance: ${message.split('\n')[0]}\n`)
    return isUsageError(error) ? EXIT.usage : EXIT.failed
  } finally {
    await target?.close().catch(() => {})
  }
}

/** What a run needs before any target starts: the scenarios and what to expect of each. */
function prepareRun(config: ConformanceConfig, io: ConformanceConsole) {
  const suites = providerSuites(config)
  const all = suites.flatMap((s) => s.scenarios)
  if (config.suites) {
    const known = new Set(suites.map((s) => s.name))
    const unknown = config.suites.filter((name) => !known.has(name))
    if (unknown.length)
      throw new BadConfigError(
        `--suite: no suite ${unknown.map((u) => `"${u}"`).join(', ')} in ${shown(config.suitesDir)} (known: ${[...known].join(', ') || 'none'})`,
      )
  }
  const scenarios = all.filter(
    (s) =>
      (!config.suites || config.suites.includes(s.suite)) &&
      (!config.transports || config.transports.includes(s.transport)) &&
      (!config.scenarios || selected(s, config.scenarios)),
  )
  if (!scenarios.length) {
    const filters = (['providers', 'suites', 'transports', 'scenarios'] as const)
      .filter((key) => config[key])
      .map((key) => `--${key.slice(0, -1)} ${config[key]!.join(',')}`)
    throw new BadConfigError(
      `no scenario in ${shown(config.suitesDir)} matches ${filters.join(' ') || 'at all'}`,
    )
  }
  if (!config.expectations) return { scenarios, expectations: {} }
  const { statuses, unused } = expectedStatuses(loadExpectations(config.expectations), all)
  // With filters, entries for the scenarios left out are expected to match nothing.
  const filtered = config.providers || config.suites || config.transports || config.scenarios
  if (!filtered && unused.length)
    io.err(
      `smsim conformance: ${shown(config.expectations)} names no loaded scenario with ${unused.map((u) => `"${u}"`).join(', ')}\n`,
    )
  return { scenarios, expectations: statuses }
}

function selected(scenario: Scenario, patterns: readonly string[]): boolean {
  return patterns.some((p) => matchesId(p, scenario.id))
}

/** The suites of the providers asked for, from `--suites-dir`. */
function providerSuites(config: ConformanceConfig): Suite[] {
  const dir = config.suitesDir
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new BadConfigError(`--suites-dir: ${shown(dir)} is not a directory`)
  return loadProviderSuites(dir, config.providers ?? PROVIDER_IDS)
}

/** `--list`: one line per scenario, columns aligned. */
function listing(scenarios: readonly Scenario[]): string {
  const width = Math.max(...scenarios.map((s) => s.id.length))
  const codes = (s: Scenario) => (s.codes.length ? s.codes.join(',') : '-')
  const codesWidth = Math.max(5, ...scenarios.map((s) => codes(s).length))
  const flags = (s: Scenario) => (s.flags.length ? s.flags.join(',') : '-')
  const flagsWidth = Math.max(5, ...scenarios.map((s) => flags(s).length))
  const lines = scenarios.map(
    (s) =>
      `${s.id.padEnd(width)}  ${codes(s).padEnd(codesWidth)}  ${flags(s).padEnd(flagsWidth)}  ${s.title}`,
  )
  const header = `${'id'.padEnd(width)}  ${'codes'.padEnd(codesWidth)}  ${'flags'.padEnd(flagsWidth)}  title`
  const n = scenarios.length
  return `${[header, ...lines].join('\n')}\n${n} scenario${n === 1 ? '' : 's'}\n`
}

/** `--app` runs the application's own suites: the provider filters would silently do nothing. */
function checkAppFlags(config: ConformanceConfig): void {
  const ignored = [
    ['--list', config.list],
    ['--provider', config.providers],
    ['--suite', config.suites],
    ['--transport', config.transports],
    ['--expectations', config.expectations],
  ]
    .filter(([, value]) => value)
    .map(([name]) => name)
  if (ignored.length)
    throw new BadConfigError(
      `${ignored.join(', ')} ${ignored.length === 1 ? 'does' : 'do'} not apply to --app: it runs the integration suites of the application's provider (--scenario picks among them; its expectations go in the app config)`,
    )
}

async function openTarget(config: ConformanceConfig): Promise<Target> {
  if (config.target === 'embedded') return embeddedTarget()
  return urlTarget(config.target, {
    ...(config.smtp ? { smtp: config.smtp } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    ...(config.controlToken ? { controlToken: config.controlToken } : {}),
  })
}

/** Fails before the run, not after it, when the reports could not be written. */
function makeOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
  } catch (error) {
    throw new BadConfigError(
      `--output-dir: cannot create ${shown(dir)}: ${(error as Error).message}`,
    )
  }
}

/** A path as the user would type it: relative below the working directory, else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel.startsWith('..') ? path : rel || '.'
}
