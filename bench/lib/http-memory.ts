/** The memory phase: smsim's heap sampled as accepted sends with distinct texts pile up. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fmt, log, mib } from './format.ts'
import type { Options } from './http-options.ts'
import { startNodeTarget } from './http-servers.ts'
import { ACCOUNT, PATH, type Stats } from './http-targets.ts'
import { wrk } from './wrk.ts'

/**
 * wrk script for the memory phase: a distinct text per send (as in a real load test; each
 * text also leaves a duplicate-check key), and no more than `limit` requests answered.
 */
export const DISTINCT_SENDS_LUA = `
local base, first, limit, n, answered
init = function(args)
  base = args[1]
  first = tonumber(args[2])
  limit = tonumber(args[3])
  n = 0
  answered = 0
end
request = function()
  n = n + 1
  return wrk.format("GET", base .. (first + n))
end
response = function(status, headers, body)
  answered = answered + 1
  if answered >= limit then wrk.thread:stop() end
end
`

export interface MemoryPoint {
  sends: number
  stats: Stats
}

export async function measureMemory(opts: Options, scratch: string): Promise<MemoryPoint[]> {
  const lua = join(scratch, 'distinct-sends.lua')
  writeFileSync(lua, DISTINCT_SENDS_LUA)
  const server = await startNodeTarget('smsim-80', opts)
  try {
    const points: MemoryPoint[] = []
    const sample = async () => {
      const stats = (await server.stats(true))!
      points.push({ sends: stats.requests, stats })
      log(
        `memory: ${fmt(stats.requests)} sends: rss ${mib(stats.rss)} MiB, ` +
          `heapUsed ${mib(stats.heapUsed)} MiB, ${fmt(stats.sms ?? 0)} SMS kept`,
      )
    }
    await sample()
    const base = `${PATH}?email=${ACCOUNT}&pass=pw&numero=0660919010&message=Bonjour+`
    for (const goal of opts.memorySends) {
      const done = points.at(-1)!.sends
      if (goal <= done) continue
      await wrk(opts, `http://127.0.0.1:${server.port}/`, 3600, {
        script: { file: lua, args: [base, String(done), String(goal - done)] },
        stopWhen: async () => (await server.count()) >= goal,
      })
      await sample()
    }
    return points
  } finally {
    await server.stop()
  }
}
