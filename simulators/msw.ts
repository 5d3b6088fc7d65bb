/**
 * smsim in-process, for a team's own vitest or jest tests: msw request handlers that answer the
 * providers' real URLs (`http://www.smstob.com/http.php`…) from the same decision code as the
 * standalone server — no server to start.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { createSimulator, smsimHandlers } from 'smsim/msw'
 *
 * const sim = createSimulator({ accounts: [{ provider: 'smstob', id: 'me@example.fr', secret: 'pw', credits: 10 }] })
 * const server = setupServer(...smsimHandlers(sim))
 * server.listen({ onUnhandledRequest: 'error' })
 * // the code under test calls fetch('http://www.smstob.com/http.php?…') and gets "80"
 * sim.store.messages({ provider: 'smstob' }) // what the phones received
 */
import { http, HttpResponse, type HttpHandler } from 'msw'
import { setupServer, type SetupServer } from 'msw/node'
import { responseBytes, type SimRequest } from './core/provider.ts'
import { MAX_BODY_BYTES, MAX_URL_BYTES } from './server/limits.ts'
import { Simulator, type SimulatorOptions } from './server/simulator.ts'

export { Simulator, type SimulatorOptions } from './server/simulator.ts'
export { Clock } from './core/clock.ts'

/**
 * What to do with a request to a provider's real host at a path no endpoint serves
 * (STYLE.md §13): answer 404 as the standalone server does (`'error'`, the default), let it
 * through to msw's own `onUnhandledRequest` (`'bypass'`), or a function of your own.
 */
export type UnknownPathPolicy = 'error' | 'bypass' | ((request: Request) => Response | undefined)

export interface SmsimHandlerOptions {
  onUnknownPath?: UnknownPathPolicy
  /**
   * Origins at which the `/<provider>/…` prefixes are also served, for code configured with
   * smsim's URLs (e.g. `['http://smsim.test']`). By default only the real hosts are answered.
   */
  origins?: string[]
}

/** A simulator with no demo accounts unless asked: tests should say what they rely on. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return new Simulator({ demo: false, ...options })
}

/** The msw handlers of every HTTP provider, answering from `sim`. */
export function smsimHandlers(sim: Simulator, options: SmsimHandlerOptions = {}): HttpHandler[] {
  const origins = new Set((options.origins ?? []).map((o) => new URL(o).origin))
  const policy = options.onUnknownPath ?? 'error'
  return [
    http.all('*', async ({ request }) => {
      const url = new URL(request.url)
      const host = url.hostname.toLowerCase()
      const ours = sim.isProviderHost(host) || origins.has(url.origin)
      if (!ours) return undefined
      const route = sim.route(host, url.pathname)
      if (!route) {
        if (policy === 'bypass') return undefined
        if (typeof policy === 'function') return policy(request)
        return new HttpResponse('Not Found', {
          status: 404,
          headers: { 'content-type': 'text/plain' },
        })
      }
      if (url.pathname.length + url.search.length > MAX_URL_BYTES)
        return new HttpResponse('URI Too Long', { status: 414 })
      const body = new Uint8Array(await request.arrayBuffer())
      if (body.byteLength > MAX_BODY_BYTES)
        return new HttpResponse('Payload Too Large', { status: 413 })
      const simRequest: SimRequest = {
        method: request.method,
        host,
        path: url.pathname,
        query: url.search.slice(1),
        headers: Object.fromEntries(request.headers),
        body,
      }
      const outcome = await sim.handleHttp(route, simRequest)
      if (outcome.kind === 'drop') return HttpResponse.error()
      const { status, headers } = outcome.response
      return new HttpResponse(
        status === 204 || request.method === 'HEAD' ? null : responseBytes(outcome.response),
        { status, headers },
      )
    }),
  ]
}

/**
 * An msw server answering from `sim`: `setupServer(...smsimHandlers(sim, options))` with the msw
 * smsim itself uses. Under Jest's default configuration this is the way in: msw 2.11 and later
 * need ESM-only packages that Jest's CommonJS runtime cannot load, and smsim's CommonJS build
 * carries them inside (ADR 016).
 *
 * @example
 * const { createSimulator, smsimServer } = require('smsim/msw')
 * const sim = createSimulator({ accounts: [{ provider: 'smstob', id: 'me@example.fr', secret: 'pw', credits: 10 }] })
 * const server = smsimServer(sim)
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * afterAll(() => server.close())
 */
export function smsimServer(sim: Simulator, options: SmsimHandlerOptions = {}): SetupServer {
  return setupServer(...smsimHandlers(sim, options))
}
