/** The Markdown tables bench/http-throughput.ts prints. */
import { fmt, median, mib, pct } from './format.ts'
import type { MemoryPoint } from './http-memory.ts'
import type { Options } from './http-options.ts'
import type { Target } from './http-targets.ts'
import type { Round } from './wrk.ts'

export interface TargetResult {
  target: Target
  rounds: Round[]
  /** Rounds at whose end the journal held MAX_RECORDS entries (smsim). */
  roundsAtCap: number
}

export function report(opts: Options, results: TargetResult[], memory: MemoryPoint[]): string {
  const rps = (r: TargetResult) => median(r.rounds.map((x) => x.reqPerSec))
  const node = results.find((r) => r.target.id === 'node')
  const bare = node && rps(node)
  const lines = [
    '',
    `wrk -t1 -c${opts.connections} on cpu ${opts.loadCpu}, server on cpu ${opts.serverCpu}; ` +
      `${opts.passes} passes × ${opts.rounds} rounds of ${opts.duration} s, each pass after a ` +
      `${opts.warmup} s warm-up (WireMock ${opts.jvmWarmup} s); medians over the rounds`,
    '',
    '| target | req/s | rounds min–max | p99 | share of bare Node | server / wrk cores |',
    '|---|--:|--:|--:|--:|--:|',
  ]
  for (const r of results) {
    const all = r.rounds.map((x) => x.reqPerSec)
    const atCap = r.roundsAtCap && !r.target.smsim?.full ? ` (cap hit in ${r.roundsAtCap})` : ''
    lines.push(
      `| ${r.target.label} | ${fmt(rps(r))} | ${fmt(Math.min(...all))}–${fmt(Math.max(...all))}${atCap} | ` +
        `${median(r.rounds.map((x) => x.p99Ms)).toFixed(1)} ms | ` +
        `${bare ? pct((100 * rps(r)) / bare) : '—'} | ` +
        `${median(r.rounds.map((x) => x.cpu.server)).toFixed(2)} / ` +
        `${median(r.rounds.map((x) => x.cpu.wrk)).toFixed(2)} |`,
    )
  }
  const send = results.find((r) => r.target.id === 'smsim-80')
  const wiremock = results.find((r) => r.target.id === 'wiremock')
  if (send && bare) {
    const share = (100 * rps(send)) / bare
    lines.push(
      '',
      `Target (DESIGN.md): accepted send ≥ 60 % of bare Node: ${pct(share)}, ` +
        (share >= 60 ? 'met' : 'MISSED') +
        (wiremock ? `; ahead of WireMock: ${rps(send) > rps(wiremock) ? 'yes' : 'NO'}` : ''),
    )
  }
  const rounds = results.flatMap((r) => r.rounds)
  const retried = rounds.reduce((n, x) => n + x.retried, 0)
  const dirty = rounds.filter((x) => x.cpu.foreign > opts.maxForeign).length
  lines.push(
    '',
    `Other processes: median ${median(rounds.map((x) => x.cpu.foreign)).toFixed(2)} cores during ` +
      `the rounds kept; ${retried} runs thrown away and run again; ${dirty} rounds kept above ` +
      `${opts.maxForeign} cores.`,
  )
  const errors = results.flatMap((r) =>
    r.rounds.flatMap((x) => x.errors.map((e) => `${r.target.id}: ${e}`)),
  )
  if (errors.length) lines.push('', 'wrk reported errors:', ...errors.map((e) => `- ${e}`))
  if (memory.length) {
    const first = memory[0]!.stats
    lines.push(
      '',
      'smsim memory, accepted sends with distinct texts (after two forced GCs):',
      '',
      '| accepted sends | SMS kept | rss | heapUsed | heap growth per kept SMS |',
      '|--:|--:|--:|--:|--:|',
    )
    for (const { sends, stats } of memory) {
      const kept = stats.sms ?? 0
      const per = kept ? `${fmt((stats.heapUsed - first.heapUsed) / kept)} B` : '—'
      lines.push(
        `| ${fmt(sends)} | ${fmt(kept)} | ${mib(stats.rss)} MiB | ${mib(stats.heapUsed)} MiB | ${per} |`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}
