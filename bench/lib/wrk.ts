/** The wrk runner, and the CPU each side used during a round (from /proc/stat). */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { log } from './format.ts'
import type { Options } from './http-options.ts'
import { run, sleep, track } from './processes.ts'

export interface WrkResult {
  requests: number
  reqPerSec: number
  p50Ms: number
  p99Ms: number
  errors: string[]
}

/** CPU used during a round, in cores (1 = one core busy the whole round). */
export interface CpuShare {
  server: number
  wrk: number
  /** Every other process on the machine, and time stolen by the hypervisor. */
  foreign: number
}

export interface Round extends WrkResult {
  cpu: CpuShare
  /** Runs of this round thrown away because other processes were busy. */
  retried: number
}

/** The machine's cores (not this process's affinity): /proc/stat counts them all. */
export const CPUS = cpus().length

/** Busy and total ticks of the whole machine, from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as number[]
  const busy = user! + nice! + system! + irq! + softirq! + (steal ?? 0)
  return { busy, total: busy + idle! + iowait! }
}

/** CPU ticks of a process (utime + stime) and of its reaped children (cutime + cstime). */
export function processTicks(stat: string): { self: number; children: number } {
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number)
  return { self: f[11]! + f[12]!, children: f[13]! + f[14]! }
}

/**
 * Waits until the machine is idle (less than `maxForeign` cores busy over one second, our
 * idle server included) or `quietWait` seconds have passed: this machine is shared.
 */
export async function waitQuiet(opts: Options, label: string): Promise<void> {
  const deadline = Date.now() + opts.quietWait * 1000
  for (let said = false; ; said = true) {
    const before = machineTicks()
    await sleep(1000)
    const after = machineTicks()
    const busy = ((after.busy - before.busy) / (after.total - before.total)) * CPUS
    if (busy <= opts.maxForeign || Date.now() > deadline) return
    if (!said) log(`${label}: waiting for the machine to be idle (${busy.toFixed(2)} cores busy)`)
  }
}

/** One measured round: wrk's figures, and who used the CPU meanwhile. */
export async function round(
  opts: Options,
  url: string,
  serverPid: number,
  script?: { file: string; args: string[] },
): Promise<Round> {
  const serverBefore = processTicks(readFileSync(`/proc/${serverPid}/stat`, 'utf8')).self
  const before = machineTicks()
  // The shell reports its reaped children's CPU time: wrk's.
  const out = await run('sh', [
    '-c',
    'taskset -c "$0" wrk "$@" && echo "@@stat $(cat /proc/$$/stat)"',
    opts.loadCpu,
    '-t1',
    `-c${opts.connections}`,
    `-d${opts.duration}s`,
    '--latency',
    ...(script ? ['-s', script.file, url, '--', ...script.args] : [url]),
  ])
  const after = machineTicks()
  const serverAfter = processTicks(readFileSync(`/proc/${serverPid}/stat`, 'utf8')).self
  const wallTicks = (after.total - before.total) / CPUS
  const wrkTicks = processTicks(/^@@stat (.*)$/m.exec(out)![1]!).children
  const server = (serverAfter - serverBefore) / wallTicks
  const wrkCores = wrkTicks / wallTicks
  const machine = (after.busy - before.busy) / wallTicks
  return {
    ...parseWrk(out),
    cpu: { server, wrk: wrkCores, foreign: Math.max(0, machine - server - wrkCores) },
    retried: 0,
  }
}

/**
 * Runs wrk (one thread, pinned) against `url` for `seconds`. With `stopWhen`, wrk is told to
 * stop (SIGINT: it reports what it measured) as soon as that turns true.
 */
export async function wrk(
  opts: Options,
  url: string,
  seconds: number,
  more: { script?: { file: string; args: string[] }; stopWhen?: () => Promise<boolean> } = {},
): Promise<WrkResult> {
  const { script, stopWhen } = more
  const args = [
    '-c',
    opts.loadCpu,
    'wrk',
    '-t1',
    `-c${opts.connections}`,
    `-d${seconds}s`,
    '--latency',
    ...(script ? ['-s', script.file, url, '--', ...script.args] : [url]),
  ]
  const child = track(spawn('taskset', args, { stdio: ['ignore', 'pipe', 'pipe'] }))
  let out = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  let finished = false
  const exited = new Promise<number | null>((done) =>
    child.once('close', (code) => {
      finished = true
      done(code)
    }),
  )
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000)
  while (stopWhen && !finished) {
    await sleep(100)
    if (!finished && (await stopWhen())) {
      child.kill('SIGINT')
      break
    }
  }
  const code = await exited
  clearTimeout(killer)
  if (code !== 0) throw new Error(`wrk exited ${code}: ${out}`)
  return parseWrk(out)
}

/** Reads wrk's report: `Requests/sec:`, the latency distribution, the error lines. */
export function parseWrk(out: string): WrkResult {
  const match = (re: RegExp) => {
    const m = re.exec(out)
    if (!m) throw new Error(`unexpected wrk output:\n${out}`)
    return m
  }
  const latencyMs = (pct: number) => {
    const m = match(new RegExp(`^\\s+${pct}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm'))
    return Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2] as 'us' | 'ms' | 's']
  }
  return {
    requests: Number(match(/^\s+(\d+) requests in/m)[1]),
    reqPerSec: Number(match(/^Requests\/sec:\s+([\d.]+)/m)[1]),
    p50Ms: latencyMs(50),
    p99Ms: latencyMs(99),
    errors: [/^\s+Socket errors:.*$/m, /^\s+Non-2xx or 3xx responses:.*$/m]
      .map((re) => re.exec(out)?.[0].trim())
      .filter((e): e is string => e !== undefined),
  }
}
