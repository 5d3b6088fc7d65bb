/**
 * Certifies schools: runs the certification suite once per school, with the school's own
 * UserKey, Password, test phone and originator, and tells each scenario result as a check of
 * the school's certificate.
 *
 * A school's scenarios run one after the other (they share the school's account); schools run
 * side by side, a few at a time, except two rows with the same UserKey, which run one after
 * the other for the same reason.
 */
import { join } from 'node:path'
import type { AspsmsResult } from '../../client/aspsms/common.ts'
import { ACTION_SETS } from '../actions/index.ts'
import type { ActionSet } from '../context.ts'
import { loadSuite, SCENARIOS_DIR } from '../load.ts'
import type { RunReport, Scenario } from '../model.ts'
import { runScenarios, SMSIM_VERSION } from '../runner.ts'
import { STATES } from '../states.ts'
import { urlTarget, type Target } from '../target.ts'
import { judgeCheck, type CallRecord, type CheckOutcome } from './checks.ts'
import { certificateName, maskUserKey, type BadRow, type School } from './school.ts'
import { CERTIFY_STATES } from './states.ts'

/** The certification suite shipped with smsim. */
export const CERTIFICATION_SUITE = join(SCENARIOS_DIR, 'certification', 'aspsms.yaml')

/** The interfaces a school's software may use; SOAP is the one the Syndicat's document names. */
export const CERTIFY_TRANSPORTS = ['soap', 'http', 'json', 'xml'] as const
export type CertifyTransport = (typeof CERTIFY_TRANSPORTS)[number]

/** Where the schools are certified. */
export type CertifyMode =
  /** smsim (embedded or at a URL): every check runs, the school's account is made in it. */
  | { kind: 'simulator'; target: Target }
  /** The real ASPSMS (or any endpoint taken as real) at this URL: free checks only. */
  | { kind: 'live'; url: string }

/** How to certify: where, over which interface, with which thresholds. */
export interface CertifyOptions {
  mode: CertifyMode
  transport: CertifyTransport
  /** Credits of the school's simulated account (not used live). */
  credits: number
  /** Below this balance a school is not certified. */
  minCredits: number
  /** Schools at once (default 4). */
  parallel?: number
  /** Per call, in milliseconds (default 10 s). */
  timeoutMs?: number
  /** Epoch milliseconds of the run's real date (the CLI passes `Date.now`). */
  wallClock: () => number
  /** Told as each school starts and ends (the console's progress). */
  onSchool?: (event: SchoolEvent) => void
  /** Scenarios to run instead of the shipped suite's (tests). */
  scenarios?: readonly Scenario[]
}

/** What the console's progress is told: a school started, a school's certificate is done. */
export type SchoolEvent =
  { kind: 'start'; school: School } | { kind: 'end'; certificate: Certificate }

/** A school's certificate, as written to `<code>-<slug>.json` and rendered as HTML. */
export interface Certificate {
  school: {
    name: string
    code: string
    /** The UserKey's first characters only. */
    userKey: string
    phone: string
    phoneE164: string
    originator: string
    originatorGiven: boolean
    line?: number
  }
  verdict: 'CERTIFIED' | 'NOT CERTIFIED'
  /** One sentence per failed check: which, and why. */
  reasons: string[]
  mode: 'simulator' | 'live'
  target: string
  transport: CertifyTransport
  minCredits: number
  /** Epoch milliseconds: when the school's checks started and ended (real time). */
  date: number
  finished: number
  checks: CheckOutcome[]
  /** Checks not done because the run was live. */
  notDoneLive: string[]
  /** The file name of the certificate, without extension. */
  file: string
  report: RunReport
}

/** What a batch gives: a certificate per school, and the rows that could not be certified. */
export interface BatchResult {
  certificates: Certificate[]
  bad: BadRow[]
  started: number
  finished: number
  mode: 'simulator' | 'live'
  target: string
  transport: CertifyTransport
}

/**
 * The certification scenarios over one interface.
 *
 * @example
 * certificationScenarios('soap').map((s) => s.id)[0] // 'certification/credentials-accepted@soap'
 */
export function certificationScenarios(transport: CertifyTransport): Scenario[] {
  const suite = loadSuite(CERTIFICATION_SUITE, { states: [...STATES, ...CERTIFY_STATES] })
  return suite.scenarios.filter((s) => s.transport === transport)
}

/** Keeps what a certificate may show of an ASPSMS call: never the raw body. */
function callRecord(action: string, value: unknown): CallRecord {
  const r = (value ?? {}) as Partial<AspsmsResult>
  return {
    action,
    ...(r.ok !== undefined ? { ok: r.ok } : {}),
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.statusText !== undefined ? { statusText: r.statusText } : {}),
    ...(r.credits !== undefined ? { credits: r.credits } : {}),
    ...(r.authorized !== undefined ? { authorized: r.authorized } : {}),
    ...(r.records !== undefined ? { records: r.records } : {}),
  }
}

/**
 * The verbs, with ASPSMS's answers noted per scenario: the certificate explains a check from
 * what ASPSMS said, not from the runner's mismatch message.
 */
function recordingActions(log: Map<string, CallRecord[]>): ActionSet[] {
  return ACTION_SETS.map((set) =>
    set.provider !== 'aspsms'
      ? set
      : {
          ...set,
          actions: Object.fromEntries(
            Object.entries(set.actions).map(([name, def]) => [
              name,
              {
                ...def,
                run: async (args, ctx) => {
                  const calls = log.get(ctx.scenario.id) ?? []
                  log.set(ctx.scenario.id, calls)
                  try {
                    const value = await def.run(args, ctx)
                    calls.push(callRecord(name, value))
                    return value
                  } catch (error) {
                    calls.push({ action: name, error: (error as Error).message })
                    throw error
                  }
                },
              },
            ]),
          ),
        },
  )
}

/** The live target of one school: taken as foreign whatever answers there. */
async function liveTarget(url: string, school: School): Promise<Target> {
  const target = await urlTarget(url, {
    credentials: { id: school.userKey, secret: school.password },
    probeTimeoutMs: 1000,
  })
  const { control: _never, ...foreign } = target
  return { ...foreign, kind: 'foreign' }
}

/**
 * Certifies one school.
 *
 * @example
 * const target = await embeddedTarget()
 * const certificate = await certifySchool(school, { mode: { kind: 'simulator', target }, transport: 'soap', credits: 1000, minCredits: 100, wallClock: Date.now })
 * certificate.verdict // 'CERTIFIED'
 */
export async function certifySchool(school: School, options: CertifyOptions): Promise<Certificate> {
  const target =
    options.mode.kind === 'live' ? await liveTarget(options.mode.url, school) : options.mode.target
  const log = new Map<string, CallRecord[]>()
  const report = await runScenarios({
    target,
    scenarios: options.scenarios ?? certificationScenarios(options.transport),
    concurrency: 1,
    timeoutMs: options.timeoutMs ?? 10_000,
    actions: recordingActions(log),
    states: [...STATES, ...CERTIFY_STATES],
    wallClock: options.wallClock,
    info: { suite: 'certification', target: target.label },
    vars: {
      account: school.userKey,
      secret: school.password,
      phone: school.phoneE164,
      originator: school.originator,
      school: school.name,
      schoolCode: school.code,
      credits: options.credits,
      minCredits: options.minCredits,
    },
  })
  return certificateOf(school, options, target.label, scrub(report, school.password), log)
}

/**
 * Every occurrence of the password in a value's strings masked. Answers are not expected to
 * quote it, but a certificate is mailed around: it must not carry it even by accident.
 */
function scrub<T>(value: T, secret: string): T {
  // Masking a 1–2 character password would garble ordinary words, and hide nothing worth it.
  if (secret.length < 3) return value
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'string' ? v.split(secret).join('••••') : v,
  ) as T
}

function certificateOf(
  school: School,
  options: CertifyOptions,
  label: string,
  report: RunReport,
  log: ReadonlyMap<string, CallRecord[]>,
): Certificate {
  const live = options.mode.kind === 'live'
  const context = { school, minCredits: options.minCredits, live }
  const checks = report.results.map((r) =>
    scrub(judgeCheck(r, log.get(r.test) ?? [], context), school.password),
  )
  // Live, what was not run is said, not held against the school; anywhere else a check that
  // did not pass is a reason not to certify.
  const failed = checks.filter((c) => c.verdict === 'failed' || (!live && c.verdict === 'not-done'))
  const certified = report.status === 'OK' && checks.length > 0 && failed.length === 0
  return {
    school: {
      name: school.name,
      code: school.code,
      userKey: maskUserKey(school.userKey),
      phone: school.phone,
      phoneE164: school.phoneE164,
      originator: school.originator,
      originatorGiven: school.originatorGiven,
      ...(school.line !== undefined ? { line: school.line } : {}),
    },
    verdict: certified ? 'CERTIFIED' : 'NOT CERTIFIED',
    reasons: [
      ...(report.error ? [report.error] : []),
      ...failed.map((c) => `${c.title} : ${c.observed}`),
    ],
    mode: live ? 'live' : 'simulator',
    target: label,
    transport: options.transport,
    minCredits: options.minCredits,
    date: report.time_start,
    finished: report.time_end,
    checks,
    notDoneLive: live ? checks.filter((c) => c.verdict === 'not-done').map((c) => c.title) : [],
    file: certificateName(school),
    report,
  }
}

/**
 * Certifies a batch: a few schools at a time, rows sharing a UserKey one after the other.
 * Certificates come back in the order of the schools.
 *
 * @example
 * const { schools, bad } = readSchoolsCsv(await readFile('examples/schools.csv', 'utf8'))
 * const batch = await certifyBatch(schools, bad, { mode: { kind: 'simulator', target }, transport: 'soap', credits: 1000, minCredits: 100, wallClock: Date.now })
 * await writeBatch(batch, 'reports/certify')
 */
export async function certifyBatch(
  schools: readonly School[],
  bad: readonly BadRow[],
  options: CertifyOptions,
): Promise<BatchResult> {
  const started = options.wallClock()
  const scenarios = options.scenarios ?? certificationScenarios(options.transport)
  const certificates: Certificate[] = new Array(schools.length)
  // One chain per UserKey: an account is one balance, one set of originators.
  const chains = new Map<string, Promise<unknown>>()
  let next = 0
  const worker = async () => {
    while (next < schools.length) {
      const index = next++
      const school = schools[index]!
      const before = chains.get(school.userKey) ?? Promise.resolve()
      const mine = before.then(async () => {
        options.onSchool?.({ kind: 'start', school })
        certificates[index] = await certifySchool(school, { ...options, scenarios }).catch(
          (error: unknown) => brokenCertificate(school, options, error),
        )
        options.onSchool?.({ kind: 'end', certificate: certificates[index] })
      })
      chains.set(
        school.userKey,
        mine.catch(() => {}),
      )
      await mine
    }
  }
  const workers = Math.max(1, Math.min(options.parallel ?? 4, schools.length))
  await Promise.all(Array.from({ length: workers }, worker))
  const mode = options.mode
  return {
    certificates,
    bad: [...bad],
    started,
    finished: options.wallClock(),
    mode: mode.kind,
    target: mode.kind === 'live' ? mode.url : mode.target.label,
    transport: options.transport,
  }
}

/**
 * The certificate of a school whose run broke (the target vanished mid-run): NOT CERTIFIED
 * with the reason, so that one school's trouble never stops the batch.
 */
function brokenCertificate(school: School, options: CertifyOptions, error: unknown): Certificate {
  const now = options.wallClock()
  const why = `la certification n’a pas pu se faire : ${(error as Error).message ?? String(error)}`
  const label = options.mode.kind === 'live' ? options.mode.url : options.mode.target.label
  const report: RunReport = {
    run_info: {
      target: label,
      provider: 'aspsms',
      transport: options.transport,
      suite: 'certification',
      smsimVersion: SMSIM_VERSION,
    },
    status: 'ERROR',
    time_start: now,
    time_end: now,
    results: [],
    error: why,
  }
  return certificateOf(school, options, label, scrub(report, school.password), new Map())
}

/**
 * Whether every school of the batch is certified (and there was at least one row): the
 * command's exit status 0.
 *
 * @example
 * process.exitCode = batchCertified(batch) ? 0 : 1
 */
export function batchCertified(batch: BatchResult): boolean {
  return (
    batch.bad.length === 0 &&
    batch.certificates.length > 0 &&
    batch.certificates.every((c) => c.verdict === 'CERTIFIED')
  )
}
