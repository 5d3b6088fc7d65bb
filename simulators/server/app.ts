/**
 * Starting the whole simulator: the state, the HTTP side, the real-time ticker. Used by the
 * CLI (`smsim start`) and by the test helper (`smsim/testing`).
 */
import { Clock } from '../core/clock.ts'
import type { AccountInput } from '../core/model.ts'
import type { NumberState } from '../core/numbers.ts'
import { startHttpServer, type HttpServerHandle } from './http-server.ts'
import { Simulator } from './simulator.ts'

/** How often a running clock releases what fell due when nobody asks (ms). */
export const TICK_INTERVAL_MS = 1000

export interface StartOptions {
  host?: string
  /** 0 picks a free port. */
  httpPort?: number
  demo?: boolean
  accounts?: AccountInput[]
  numbers?: { number: string; state: NumberState }[]
  clock?: { now: string; frozen: boolean }
  logger?: Pick<Console, 'error'>
}

export interface RunningSmsim {
  sim: Simulator
  http: HttpServerHandle
  /** The base URL of the HTTP side, e.g. `http://127.0.0.1:8780`. */
  url: string
  close(): Promise<void>
  /** What `smsim start` prints: URLs, demo accounts, how to try them. */
  banner(): string
}

/** Starts smsim. */
export async function startSmsim(options: StartOptions = {}): Promise<RunningSmsim> {
  const clock = options.clock ? new Clock(options.clock) : new Clock()
  const sim = new Simulator({
    clock,
    demo: options.demo ?? true,
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.numbers ? { numbers: options.numbers } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  })
  const http = await startHttpServer(sim, {
    host: options.host ?? '127.0.0.1',
    port: options.httpPort ?? 8780,
    ...(options.logger ? { logger: options.logger } : {}),
  })
  const ticker = setInterval(() => {
    if (sim.clock.mode !== 'frozen') sim.tick()
  }, TICK_INTERVAL_MS)
  ticker.unref()
  return {
    sim,
    http,
    url: http.url,
    async close() {
      clearInterval(ticker)
      await http.close()
    },
    banner: () => banner(sim, http.url, options.demo ?? true),
  }
}

function banner(sim: Simulator, url: string, demo: boolean): string {
  const lines = [
    `smsim — SMS provider simulator`,
    `  HTTP         ${url}`,
    `  control API  ${url}/_smsim/   (OpenAPI: ${url}/_smsim/openapi.json)`,
    `  clock        ${sim.clock.now().toISOString()} (${sim.clock.mode})`,
    '',
    'Providers:',
  ]
  for (const provider of sim.providers.values()) {
    for (const endpoint of provider.http) {
      // `/*` paths serve a method name: show it as a placeholder.
      const shown = (path: string | undefined) => (path ?? '').replace(/\/\*$/, '/<Method>')
      const local = shown((endpoint.prefixPaths ?? endpoint.paths)[0])
      const real = shown(endpoint.paths[0])
      lines.push(
        `  ${provider.name.padEnd(8)} ${url}${provider.prefix}${local}   (or Host: ${endpoint.hosts[0]}, path ${real})`,
      )
    }
  }
  if (demo) {
    lines.push('', 'Demo accounts:')
    for (const provider of sim.providers.values())
      lines.push(...provider.demo.usage(url).map((l) => `  ${l}`))
  }
  return lines.join('\n')
}
