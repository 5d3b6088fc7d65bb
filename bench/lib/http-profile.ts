/** `--profile`: one target under V8's CPU profiler, and a summary of where the time goes. */
import { mkdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { fmt, log } from './format.ts'
import type { Options } from './http-options.ts'
import { check, startNodeTarget, wrkTarget } from './http-servers.ts'
import { ROOT, target } from './http-targets.ts'
import { wrk, type WrkResult } from './wrk.ts'

/** Profiles one target during one round, after the warm-up. */
export async function profile(opts: Options, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true })
  const t = target(opts.profileTarget)
  const server = await startNodeTarget(t.id, opts)
  const file = join(dir, `${t.id}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`)
  let result: WrkResult
  try {
    await check(server.port, t)
    const { url, script } = wrkTarget(t, server.port, dir)
    const more = script ? { script } : {}
    log(`profile: ${t.id}, warm-up ${opts.warmup} s, then ${opts.duration} s profiled`)
    await wrk(opts, url, opts.warmup, more)
    if (t.smsim && !t.smsim.full) await server.reset()
    result = await server.profile(file, () => wrk(opts, url, opts.duration, more))
  } finally {
    await server.stop()
  }
  return (
    `Profile of ${t.id} during one ${opts.duration} s round: ${fmt(result.reqPerSec)} req/s ` +
    `under the profiler; ${file}\n\n` +
    summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)
  )
}

export interface CpuProfile {
  nodes: {
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
    hitCount?: number
    children?: number[]
  }[]
}

/** Self time by file and by function, and total (inclusive) time by function. */
export function summariseProfile(prof: CpuProfile): string {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const total = prof.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0)
  const fileOf = (url: string) => {
    if (!url) return '(V8)'
    if (url.startsWith('node:')) return url
    const path = url.startsWith('file://') ? fileURLToPath(url) : url
    const nm = path.lastIndexOf('node_modules/')
    if (nm < 0) return relative(ROOT, path)
    const [scope, name] = path.slice(nm + 'node_modules/'.length).split('/')
    return `npm:${scope!.startsWith('@') ? `${scope}/${name}` : scope}`
  }
  // tsx compiles each file to one line: function names, not line numbers, tell them apart.
  const fnOf = (n: CpuProfile['nodes'][number]) =>
    `${n.callFrame.functionName || '(anonymous)'}  ${fileOf(n.callFrame.url)}`
  const self = new Map<string, number>()
  const selfFile = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, n: number) =>
    map.set(key, (map.get(key) ?? 0) + n)
  for (const n of prof.nodes) {
    const hits = n.hitCount ?? 0
    if (!hits) continue
    add(self, fnOf(n), hits)
    add(selfFile, fileOf(n.callFrame.url), hits)
    const seen = new Set<string>()
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const key = fnOf(byId.get(id)!)
      if (!seen.has(key)) add(inclusive, key, hits)
      seen.add(key)
    }
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, hits]) => `  ${((100 * hits) / total).toFixed(1).padStart(5)} %  ${key}`)
  return [
    `Self time by file (${fmt(total)} samples):`,
    ...top(selfFile, 12),
    '',
    'Self time by function:',
    ...top(self, 20),
    '',
    'Total time by function (self + callees):',
    ...top(inclusive, 35),
  ].join('\n')
}
