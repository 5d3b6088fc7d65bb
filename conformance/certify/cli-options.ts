/**
 * Every option of `smsim certify`, declared once (STYLE.md §27): the parser, `--help` and the
 * option table of docs/certify.md are built from this list, and {@link normalizeCertifyOptions}
 * is the one place where their values are checked and their defaults applied.
 */
import { resolve } from 'node:path'
import { ASPSMS_DEFAULT_URLS } from '../../client/aspsms/common.ts'
import { BadConfigError } from '../../simulators/core/errors.ts'
import { optionsMarkdown, type CliOption } from '../../simulators/core/cli-option.ts'
import { CERTIFY_TRANSPORTS, type CertifyTransport } from './run.ts'
import { DEFAULT_CREDITS, DEFAULT_MIN_CREDITS } from './states.ts'

/**
 * The interface the schools' software uses by default: the Syndicat's document lists ASPSMS's
 * interfaces as "SOAP WS, Java, PHP,…", SOAP first.
 *
 * @see shared/specs/000_1690dff4744eafa7.txt — « Tarifs indicatif » : « SOAP WS, Java, PHP,.... »
 */
export const DEFAULT_TRANSPORT: CertifyTransport = 'soap'
/** Schools at once: each has its own account; a small number keeps a 2-core machine responsive. */
export const DEFAULT_PARALLEL = 4
/** Per call: the simulator answers in milliseconds, ASPSMS in well under this. */
export const DEFAULT_TIMEOUT_MS = 10_000
export const DEFAULT_OUTPUT_DIR = 'reports/certify'

/** The options, in the order `--help` and the docs list them. */
export const CERTIFY_OPTIONS: readonly CliOption[] = [
  {
    flags: '--school <name>',
    description: 'one school: its name (with --code, --user-key, --password, --phone)',
  },
  { flags: '--code <code>', description: "the school's code (names its certificate)" },
  { flags: '--user-key <key>', description: "the school's ASPSMS UserKey" },
  { flags: '--password <password>', description: "the school's ASPSMS Password" },
  { flags: '--phone <number>', description: 'the test phone the test SMS goes to (06…, +336…)' },
  {
    flags: '--originator <text>',
    description:
      'the sender name (11 characters at most) or unlocked number the alerts show (default: ESF)',
  },
  {
    flags: '--schools <file>',
    description:
      'a batch: CSV with the header name,code,userKey,password,phone,originator (, or ;)',
  },
  {
    flags: '--target <url>',
    description: 'a running smsim instead of the one started in this process',
  },
  {
    flags: '--control-token <token>',
    description:
      'with --target: the control token that smsim was started with (default: the SMSIM_CONTROL_TOKEN environment variable)',
  },
  {
    flags: '--live [url]',
    description:
      'the real ASPSMS (default: its URL for --transport): only the free checks run (credentials, credit, originator)',
  },
  {
    flags: '--transport <name>',
    description: `the interface the school's software uses (${CERTIFY_TRANSPORTS.join(', ')})`,
    default: DEFAULT_TRANSPORT,
  },
  {
    flags: '--credits <n>',
    description: "credits of the school's account in the simulator",
    default: DEFAULT_CREDITS,
  },
  {
    flags: '--min-credits <n>',
    description: 'below this balance a school is not certified',
    default: DEFAULT_MIN_CREDITS,
  },
  { flags: '--parallel <n>', description: 'schools certified at once', default: DEFAULT_PARALLEL },
  { flags: '--timeout <ms>', description: 'per call to ASPSMS', default: DEFAULT_TIMEOUT_MS },
  {
    flags: '--output-dir <dir>',
    description:
      "where each school's certificate (CODE-name.html and .json) and the summary (summary.html, .csv, .json, junit.xml) go",
    default: DEFAULT_OUTPUT_DIR,
  },
]

/** What commander hands the action (CERTIFY_OPTIONS, camel-cased; numbers still text). */
export interface CertifyFlags {
  school?: string
  code?: string
  userKey?: string
  password?: string
  phone?: string
  originator?: string
  schools?: string
  target?: string
  controlToken?: string
  live?: string | boolean
  transport?: string
  credits?: string | number
  minCredits?: string | number
  parallel?: string | number
  timeout?: string | number
  outputDir?: string
}

/** The options checked, with their defaults. */
export interface CertifyConfig {
  /** One school from the command line, or a CSV file of schools. */
  input:
    | {
        kind: 'school'
        name: string
        code: string
        userKey: string
        password: string
        phone: string
        originator: string
      }
    | { kind: 'csv'; file: string }
  where:
    | { kind: 'embedded' }
    | { kind: 'smsim'; url: string; controlToken?: string }
    | { kind: 'live'; url: string }
  transport: CertifyTransport
  credits: number
  minCredits: number
  parallel: number
  timeoutMs: number
  outputDir: string
}

const SCHOOL_FLAGS = ['school', 'code', 'userKey', 'password', 'phone', 'originator'] as const
const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`

function number(
  value: string | number | undefined,
  option: string,
  fallback: number,
  min: number,
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < min || (min > 0 && !Number.isInteger(n)))
    throw new BadConfigError(
      `${option} is a ${min > 0 ? 'whole number above 0' : 'number ≥ 0'}, not "${value}"`,
    )
  return n
}

function httpUrl(value: string, option: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !/^https?:$/.test(url.protocol))
    throw new BadConfigError(`${option} is an http(s) URL, not "${value}"`)
  return value.replace(/\/+$/, '')
}

/**
 * Checks the flags and applies the defaults. Throws BadConfigError (exit status 2) naming the
 * option. A school's own fields are not judged here: a bad phone is a NOT CERTIFIED school,
 * reported like a bad row of a CSV.
 *
 * @example
 * normalizeCertifyOptions({ school: 'ESF Tignes', code: '73001', userKey: 'K', password: 'P', phone: '0612345678' })
 * // { input: { kind: 'school', … }, where: { kind: 'embedded' }, transport: 'soap', credits: 1000, … }
 */
export function normalizeCertifyOptions(
  flags: CertifyFlags,
  env: NodeJS.ProcessEnv = process.env,
): CertifyConfig {
  const given = SCHOOL_FLAGS.filter((k) => flags[k] !== undefined)
  if (flags.schools !== undefined && given.length)
    throw new BadConfigError(
      `--schools certifies the schools of a file: ${given.map(flagName).join(', ')} do not go with it`,
    )
  if (flags.schools === undefined && flags.school === undefined)
    throw new BadConfigError(
      'name a school (--school, --code, --user-key, --password, --phone) or a CSV of schools (--schools)',
    )
  const transport = (flags.transport ?? DEFAULT_TRANSPORT).trim()
  if (!(CERTIFY_TRANSPORTS as readonly string[]).includes(transport))
    throw new BadConfigError(
      `--transport: unknown "${transport}" (known: ${CERTIFY_TRANSPORTS.join(', ')})`,
    )
  if (flags.target !== undefined && flags.live !== undefined)
    throw new BadConfigError(
      '--target (a running smsim) and --live (the real ASPSMS) exclude each other',
    )
  if (flags.controlToken !== undefined && flags.target === undefined)
    throw new BadConfigError(
      '--control-token applies only to --target (a running smsim started with a token)',
    )
  const controlToken = flags.controlToken || env.SMSIM_CONTROL_TOKEN || undefined
  const where: CertifyConfig['where'] =
    flags.live !== undefined
      ? {
          kind: 'live',
          url:
            typeof flags.live === 'string'
              ? httpUrl(flags.live, '--live')
              : ASPSMS_DEFAULT_URLS[transport as CertifyTransport],
        }
      : flags.target !== undefined
        ? {
            kind: 'smsim',
            url: httpUrl(flags.target, '--target'),
            ...(controlToken ? { controlToken } : {}),
          }
        : { kind: 'embedded' }
  return {
    input:
      flags.schools !== undefined
        ? { kind: 'csv', file: resolve(flags.schools) }
        : {
            kind: 'school',
            name: flags.school ?? '',
            code: flags.code ?? '',
            userKey: flags.userKey ?? '',
            password: flags.password ?? '',
            phone: flags.phone ?? '',
            originator: flags.originator ?? '',
          },
    where,
    transport: transport as CertifyTransport,
    credits: number(flags.credits, '--credits', DEFAULT_CREDITS, 0),
    minCredits: number(flags.minCredits, '--min-credits', DEFAULT_MIN_CREDITS, 0),
    parallel: number(flags.parallel, '--parallel', DEFAULT_PARALLEL, 1),
    timeoutMs: number(flags.timeout, '--timeout', DEFAULT_TIMEOUT_MS, 1),
    outputDir: resolve(flags.outputDir ?? DEFAULT_OUTPUT_DIR),
  }
}

/**
 * The option table of docs/certify.md, as Markdown.
 *
 * @example
 * certifyOptionsMarkdown().split('\n')[0] // '| option | what it does | default |'
 */
export function certifyOptionsMarkdown(): string {
  return optionsMarkdown(CERTIFY_OPTIONS)
}
