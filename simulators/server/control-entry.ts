/**
 * The door of the control API (`/_smsim/…` and the dashboard at `/`): the express app of
 * control.ts is loaded on the first request that needs it, not at start. express, its body
 * parsers and their tables are half of what `smsim start` would otherwise compile before it is
 * healthy (bench/README.md, "Start time"); CI jobs and container health checks wait on
 * `/_smsim/health`, which is answered here at once, the same answer as the app's (health.ts),
 * under the same Host check. Once loaded, the app answers everything, health included.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ControlAccessOptions, HostAllowList } from './control-guard.ts'
import { health } from './health.ts'
import type { LiveLimits } from './live-limits.ts'
import type { Simulator } from './simulator.ts'

type Handler = (req: IncomingMessage, res: ServerResponse) => void

/**
 * @example
 * const control = controlEntry(sim, console, { hosts }, {})
 * control(req, res) // health at once; anything else once control.ts is loaded
 */
export function controlEntry(
  sim: Simulator,
  logger: Pick<Console, 'error'>,
  access: ControlAccessOptions & { hosts: HostAllowList },
  liveLimits: Partial<LiveLimits> | undefined,
): Handler {
  let app: Handler | undefined
  let loading: Promise<Handler> | undefined
  const load = () =>
    (loading ??= import('./control.ts').then(
      ({ createControlApp }) => (app = createControlApp(sim, logger, access, liveLimits)),
    ))
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (app) return app(req, res)
    if (
      req.method === 'GET' &&
      req.url?.split('?', 1)[0] === '/_smsim/health' &&
      access.hosts.allows(req.headers.host)
    ) {
      const { status, body } = health(sim)
      const json = JSON.stringify(body)
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(json),
      })
      return void res.end(json)
    }
    load().then(
      (loaded) => loaded(req, res),
      (error: unknown) => {
        logger.error('smsim: the control API could not be loaded:', error)
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('Internal Server Error')
      },
    )
  }
  return handler
}
