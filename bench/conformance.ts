/**
 * How long the conformance suites take against the embedded simulator: every provider suite
 * (`scenarios/{smstob,aspsms,allmysms,isendpro}`), run as `smsim conformance` runs them. The
 * target is "the full suite against the embedded simulator under 10 s on this machine". Run by
 * hand, never in tests:
 *
 *   npx tsx bench/conformance.ts                 # 1 warm-up, 5 measured runs, 3 fresh processes
 *   npx tsx bench/conformance.ts --runs 10 --cold 0 --quiet-wait 0
 *
 * What each figure is:
 * - **full suite**: start the embedded target, run every scenario, close it — the wall time of
 *   all three, at the runner's default concurrency (8) and at concurrency 1, alternately;
 * - **per suite**: each suite alone, on one target started beforehand, at the default
 *   concurrency (the target's start is the separate "target start" row);
 * - **fresh process**: a new `node --import tsx` process that imports the runner, loads the
 *   suites, starts the target, runs them all and exits, timed from spawn to exit: what a user of
 *   the command waits, TypeScript transpiling and the first run's JIT included;
 * - **CPU time**: the runner, the reference clients and the simulator share this process's one
 *   thread, so its CPU time is the figure other processes on a shared machine change least;
 *   before each measure the script waits (`--quiet-wait`, 60 s at most) for them to go idle, and
 *   reports the cores they used during it.
 * The figures go to bench/README.md ("Conformance suites against the embedded simulator").
 */
import { spawn } from 'node:child_process'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadProviderSuites, PROVIDER_IDS, type Suite } from '../conformance/load.ts'
import { countStatuses, type RunReport, type Scenario } from '../conformance/model.ts'
import { DEFAULT_CONCURRENCY, runScenarios } from '../conformance/runner.ts'
import { embeddedTarget } from '../conformance/target.ts'
import { log, median } from './lib/format.ts'
import { sleep } from './lib/processes.ts'
import { CPUS, machineTicks } from './lib/wrk.ts'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    cold: { type: 'string', default: '3' },
    /** Seconds to wait, before each measure, for other processes to leave the machine idle. */
    'quiet-wait': { type: 'string', default: '60' },
    /** Cores other processes may use for the machine to count as idle. */
    'max-foreign': { type: 'string', default: '0.25' },
    /** Internal: the fresh process of a `--cold` measure. */
    child: { type: 'boolean', default: false },
  },
})

interface FullRun {
  /** Start of the target to its close, in ms. */
  total: number
  /** `embeddedTarget()` alone. */
  start: number
  /** CPU time of this process meanwhile (runner, clients and simulator share it), in ms. */
  cpu: number
  /** Cores the other processes of the machine used meanwhile (this machine is shared). */
  foreign: number
  report: RunReport
}

/** One full run: target start, every scenario, target close. */
async function fullRun(scenarios: Scenario[], concurrency?: number): Promise<FullRun> {
  const machine = machineTicks()
  const cpu = process.cpuUsage()
  const t0 = performance.now()
  const target = await embeddedTarget()
  const t1 = performance.now()
  try {
    const report = await runScenarios({
      target,
      scenarios,
      ...(concurrency ? { concurrency } : {}),
    })
    await target.close()
    const total = performance.now() - t0
    const used = process.cpuUsage(cpu)
    const after = machineTicks()
    const own = (used.user + used.system) / 1000
    const busy = ((after.busy - machine.busy) / (after.total - machine.total)) * CPUS
    return {
      total,
      start: t1 - t0,
      cpu: own,
      foreign: Math.max(0, busy - own / total),
      report,
    }
  } catch (error) {
    await target.close()
    throw error
  }
}

/** Waits until other processes leave the machine idle, or `--quiet-wait` seconds have passed. */
async function waitQuiet(): Promise<void> {
  const deadline = performance.now() + Number(values['quiet-wait']) * 1000
  for (let said = false; ; said = true) {
    const before = machineTicks()
    await sleep(1000)
    const after = machineTicks()
    const busy = ((after.busy - before.busy) / (after.total - before.total)) * CPUS
    if (busy <= Number(values['max-foreign']) || performance.now() > deadline) return
    if (!said) log(`waiting for the machine to be idle (${busy.toFixed(2)} cores busy)`)
  }
}

/** Each suite alone on one target: its wall time. */
async function perSuite(suites: Suite[]): Promise<Map<string, number>> {
  const target = await embeddedTarget()
  const times = new Map<string, number>()
  try {
    for (const suite of suites) {
      const t0 = performance.now()
      await runScenarios({ target, scenarios: suite.scenarios })
      times.set(suite.name, performance.now() - t0)
    }
  } finally {
    await target.close()
  }
  return times
}

/** A fresh process doing one full run, timed from spawn to exit. */
function coldRun(): Promise<{ wall: number; child: { load: number; run: number } }> {
  const script = fileURLToPath(import.meta.url)
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--child'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the fresh process exited with ${code}`))
      resolve({ wall: performance.now() - t0, child: JSON.parse(out) })
    })
  })
}

const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`
const s = (n: number) => `${(n / 1000).toFixed(2)} s`
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
const stats = (values: number[], unit: (n: number) => string = s) =>
  [unit(median(values)), unit(Math.min(...values)), unit(Math.max(...values))] as const

function statusLine(report: RunReport): string {
  return Object.entries(countStatuses(report.results))
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ')
}

async function child(): Promise<void> {
  const t0 = performance.now()
  const suites = loadProviderSuites()
  const t1 = performance.now()
  await fullRun(suites.flatMap((x) => x.scenarios))
  process.stdout.write(JSON.stringify({ load: t1 - t0, run: performance.now() - t1 }))
}

async function main(): Promise<void> {
  const runs = Number(values.runs)
  const warmup = Number(values.warmup)
  const cold = Number(values.cold)
  const t0 = performance.now()
  const suites = loadProviderSuites()
  const loadMs = performance.now() - t0
  const scenarios = suites.flatMap((x) => x.scenarios)
  log(`${suites.length} suites, ${scenarios.length} scenarios, loaded in ${ms(loadMs)}`)

  const said = (what: string, run: FullRun) =>
    log(
      `${what}: ${s(run.total)} (target start ${ms(run.start)}, CPU ${s(run.cpu)}, ` +
        `other processes ${run.foreign.toFixed(2)} cores; ${statusLine(run.report)})`,
    )
  const firsts: FullRun[] = []
  for (let i = 1; i <= warmup; i++) {
    await waitQuiet()
    firsts.push(await fullRun(scenarios))
    said(`warm-up ${i}`, firsts.at(-1)!)
  }
  const atDefault: FullRun[] = []
  const atOne: FullRun[] = []
  const suiteTimes = new Map<string, number[]>()
  for (let i = 1; i <= runs; i++) {
    // Alternated, so that the machine's drift falls on both alike.
    for (const concurrency of i % 2 ? [undefined, 1] : [1, undefined]) {
      await waitQuiet()
      const run = await fullRun(scenarios, concurrency)
      ;(concurrency ? atOne : atDefault).push(run)
      said(`run ${i}, concurrency ${concurrency ?? DEFAULT_CONCURRENCY}`, run)
    }
    await waitQuiet()
    for (const [name, time] of await perSuite(suites))
      suiteTimes.set(name, [...(suiteTimes.get(name) ?? []), time])
  }
  const colds: Awaited<ReturnType<typeof coldRun>>[] = []
  for (let i = 1; i <= cold; i++) {
    await waitQuiet()
    colds.push(await coldRun())
    log(`fresh process ${i}: ${s(colds.at(-1)!.wall)}`)
  }

  const perProvider = PROVIDER_IDS.map(
    (p) => `${p} ${scenarios.filter((x) => x.provider === p).length}`,
  )
  const last = atDefault.at(-1) ?? firsts[0]
  const measured = (label: string, list: FullRun[]) => [
    row([label, list.length, ...stats(list.map((r) => r.total))]),
    row(['— CPU time of the process', list.length, ...stats(list.map((r) => r.cpu))]),
    row([
      '— other processes meanwhile (cores)',
      list.length,
      ...stats(
        list.map((r) => r.foreign),
        (n) => n.toFixed(2),
      ),
    ]),
  ]
  const lines: string[] = [
    `${scenarios.length} scenarios in ${suites.length} suites (${perProvider.join(', ')})` +
      (last ? `; last run: ${statusLine(last.report)}` : '') +
      `. ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}.`,
    '',
    row(['what', 'runs', 'median', 'min', 'max']),
    row(['---', '--:', '--:', '--:', '--:']),
    ...measured(
      `full suite, concurrency ${DEFAULT_CONCURRENCY} (default), target start included`,
      atDefault,
    ),
    ...measured('full suite, concurrency 1, target start included', atOne),
    row([
      'target start (`embeddedTarget()`)',
      runs * 2,
      ...stats(
        [...atDefault, ...atOne].map((r) => r.start),
        ms,
      ),
    ]),
  ]
  if (firsts.length) lines.push(...measured('first run of the process (concurrency 8)', firsts))
  if (colds.length)
    lines.push(
      row([
        'fresh process: tsx, imports, load, target, run, exit',
        colds.length,
        ...stats(colds.map((c) => c.wall)),
      ]),
      row([
        '— of which loading the suites',
        colds.length,
        ...stats(
          colds.map((c) => c.child.load),
          ms,
        ),
      ]),
    )
  lines.push(
    '',
    row(['suite (alone, concurrency 8)', 'scenarios', 'median', 'min', 'max']),
    row(['---', '--:', '--:', '--:', '--:']),
    ...suites.map((x) =>
      row([`\`${x.name}\``, x.scenarios.length, ...stats(suiteTimes.get(x.name) ?? [0], ms)]),
    ),
  )
  process.stdout.write(`${lines.join('\n')}\n`)
}

if (values.child) await child()
else await main()
