/**
 * `smsim certify`: the ESF Syndicat certifies a ski school's ASPSMS setup — or a CSV of
 * schools — before switching its SMS alerts on. Writes a certificate per school and a summary,
 * and prints a line per school as it is done.
 *
 * Exit status: 0 when every school is certified, 1 when one is not (a bad row included), 2
 * when the command line, the CSV file or the target cannot be used — with a one-line message,
 * never a stack trace.
 */
import { MAX_SCHOOLS_FILE_BYTES, readTextFile } from '../input-files.ts'
import { join, relative } from 'node:path'
import { CommanderError, Option, type Command } from 'commander'
import { createColors } from 'picocolors'
import { BadConfigError, SmsimError } from '../../simulators/core/errors.ts'
import { BadSuiteError } from '../context.ts'
import { embeddedTarget, urlTarget, type Target } from '../target.ts'
import {
  CERTIFY_OPTIONS,
  normalizeCertifyOptions,
  type CertifyConfig,
  type CertifyFlags,
} from './cli-options.ts'
import { batchCertified, certifyBatch, type CertifyMode, type SchoolEvent } from './run.ts'
import { readSchoolsCsv, validateSchool, type BadRow, type SchoolBatch } from './school.ts'
import { SUMMARY_FILES, writeBatch } from './summary.ts'

/** Exit statuses. */
export const CERTIFY_EXIT = { certified: 0, notCertified: 1, usage: 2 } as const

/** Where the command writes (commander's output configuration, so tests can capture it). */
export interface CertifyConsole {
  out(text: string): void
  err(text: string): void
  color: boolean
}

/**
 * Adds `certify` to the `smsim` program.
 *
 * @example
 * const program = new Command('smsim')
 * registerCertify(program)
 * await program.parseAsync(['node', 'smsim', 'certify', '--schools', 'examples/schools.csv'])
 */
export function registerCertify(
  program: Command,
  options: { wallClock?: () => number } = {},
): Command {
  const command = program
    .command('certify')
    .description(
      "certify ski schools' ASPSMS setup for the ESF Syndicat's SMS alerts: a certificate per school, a summary per batch",
    )
  for (const o of CERTIFY_OPTIONS) {
    const option = new Option(o.flags, o.description)
    if (o.default !== undefined && typeof o.default !== 'boolean') option.default(o.default)
    command.addOption(option)
  }
  command.exitOverride((error) => {
    throw error.exitCode === 1
      ? new CommanderError(CERTIFY_EXIT.usage, error.code, error.message)
      : error
  })
  command.action(async (flags: CertifyFlags, cmd: Command) => {
    const output = cmd.configureOutput()
    process.exitCode = await certifyCommand(
      flags,
      {
        out: (text) => output.writeOut?.(text),
        err: (text) => output.writeErr?.(text),
        color: Boolean(output.getOutHasColors?.()),
      },
      options.wallClock ?? Date.now,
    )
  })
  return command
}

/** The schools the command line or the CSV names. */
async function schoolsOf(config: CertifyConfig): Promise<SchoolBatch> {
  if (config.input.kind === 'school') {
    const checked = validateSchool(config.input)
    return checked.ok ? { schools: [checked.school], bad: [] } : { schools: [], bad: [checked.bad] }
  }
  let text: string
  try {
    text = readTextFile(config.input.file, MAX_SCHOOLS_FILE_BYTES)
  } catch (error) {
    throw new BadConfigError(
      `--schools: cannot read ${shown(config.input.file)}: ${(error as Error).message}`,
    )
  }
  const batch = readSchoolsCsv(text)
  if (!batch.schools.length && !batch.bad.length)
    throw new BadConfigError(`--schools: ${shown(config.input.file)} lists no school`)
  return batch
}

async function openMode(config: CertifyConfig): Promise<{ mode: CertifyMode; target?: Target }> {
  const where = config.where
  if (where.kind === 'live') return { mode: { kind: 'live', url: where.url } }
  if (where.kind === 'embedded') {
    const target = await embeddedTarget()
    return { mode: { kind: 'simulator', target }, target }
  }
  const target = await urlTarget(
    where.url,
    where.controlToken ? { controlToken: where.controlToken } : {},
  )
  if (target.kind !== 'smsim')
    throw new BadConfigError(
      `--target: ${where.url} is not smsim (no /_smsim/health); to certify against the real ASPSMS, use --live`,
    )
  return { mode: { kind: 'simulator', target }, target }
}

function badLine(bad: BadRow): string {
  const where = bad.line !== undefined ? `line ${bad.line}` : 'school'
  return `${where} ${bad.code || '?'} ${bad.name || '?'}: ${bad.reasons.join('; ')}`
}

/**
 * The command, as a function of its flags: returns the exit status and never throws.
 *
 * @example
 * const status = await certifyCommand({ schools: 'examples/schools.csv' }, io, Date.now)
 */
export async function certifyCommand(
  flags: CertifyFlags,
  io: CertifyConsole,
  wallClock: () => number,
): Promise<number> {
  const c = createColors(io.color)
  let target: Target | undefined
  try {
    const config = normalizeCertifyOptions(flags)
    const { schools, bad } = await schoolsOf(config)
    const opened = await openMode(config)
    target = opened.target
    const where =
      opened.mode.kind === 'live'
        ? `live ${opened.mode.url} (free checks only)`
        : opened.mode.target.kind === 'embedded'
          ? 'smsim (embedded)'
          : `smsim at ${opened.mode.target.label}`
    const total = schools.length + bad.length
    io.out(
      `smsim certify: ${total} school${total === 1 ? '' : 's'} over ${config.transport.toUpperCase()} against ${where}\n`,
    )
    for (const row of bad) io.out(`${c.red('✗ NOT CERTIFIED')} ${badLine(row)}\n`)
    const onSchool = (event: SchoolEvent) => {
      if (event.kind !== 'end') return
      const cert = event.certificate
      const passed = cert.checks.filter((k) => k.verdict === 'passed').length
      const head = `${cert.school.code} ${cert.school.name} (${passed}/${cert.checks.length} checks)`
      if (cert.verdict === 'CERTIFIED') io.out(`${c.green('✓ CERTIFIED')}     ${head}\n`)
      else {
        // The failed checks by name; when none ran (the target could not be reached), why.
        const failed = cert.checks.filter((k) => k.verdict === 'failed').map((k) => k.title)
        io.out(
          `${c.red('✗ NOT CERTIFIED')} ${head}: ${(failed.length ? failed : cert.reasons).join(', ')}\n`,
        )
      }
    }
    const batch = await certifyBatch(schools, bad, {
      mode: opened.mode,
      transport: config.transport,
      credits: config.credits,
      minCredits: config.minCredits,
      parallel: config.parallel,
      timeoutMs: config.timeoutMs,
      wallClock,
      onSchool,
    })
    await writeBatch(batch, config.outputDir)
    const certified = batch.certificates.filter((x) => x.verdict === 'CERTIFIED').length
    io.out(
      `${certified} of ${total} certified. Certificates in ${shown(config.outputDir)}/, summary: ${shown(join(config.outputDir, SUMMARY_FILES.html))}\n`,
    )
    return batchCertified(batch) ? CERTIFY_EXIT.certified : CERTIFY_EXIT.notCertified
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.err(`smsim certify: ${message.split('\n')[0]}\n`)
    const usage = error instanceof SmsimError || error instanceof BadSuiteError
    return usage ? CERTIFY_EXIT.usage : CERTIFY_EXIT.notCertified
  } finally {
    await target?.close().catch(() => {})
  }
}

/** A path as the user would type it: relative below the working directory, else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel.startsWith('..') ? path : rel || '.'
}
