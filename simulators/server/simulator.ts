/**
 * The engine as smsim's package and its command use it: every provider unless told otherwise,
 * and delivery notifications sent over the network where the callback guard allows. The
 * engine itself (engine/) is given both and imports neither.
 */
import type { Provider } from '../core/provider.ts'
import { Engine, type EngineOptions } from '../engine/engine.ts'
import type { CallbackSender } from '../engine/callbacks.ts'
import { PROVIDERS } from '../providers.ts'
import { CallbackGuard, type CallbackLookup } from './callback-guard.ts'
import { guardedHttpSender } from './callback-sender.ts'

export interface SimulatorOptions extends Omit<EngineOptions, 'providers' | 'callbackSender'> {
  /** The providers to simulate (default: all of them, simulators/providers.ts). */
  providers?: readonly Provider[]
  /**
   * How delivery-notification URLs are called (default: a GET over node:http, checked by
   * {@link Simulator.callbackGuard}). Under msw, pass one to route them to your handlers.
   */
  callbackSender?: CallbackSender
  /** Hosts, addresses and CIDRs notifications may go to besides loopback (`--callback-allow`). */
  callbackAllow?: readonly string[]
  /** How the default sender resolves names (default: the system's resolver). */
  callbackLookup?: CallbackLookup
}

/**
 * @example
 * const sim = new Simulator({ clock: new Clock({ now: '2026-01-05T09:00:00Z', frozen: true }) })
 * const request = { method: 'GET', host: 'www.smstob.com', path: '/http.php', query: 'email=…', headers: {}, body: new Uint8Array() }
 * const outcome = await sim.handleHttp(sim.route(request.host, request.path)!, request)
 */
export class Simulator extends Engine {
  /** Where notifications may go; the server tells it smsim's own ports once it listens. */
  readonly callbackGuard: CallbackGuard
  /** Where the SMTP gateway listens once started (health shows it to remote runners). */
  smtp: { host: string; port: number } | undefined

  constructor(options: SimulatorOptions = {}) {
    const { providers, callbackSender, callbackAllow, callbackLookup, ...engine } = options
    const guard = new CallbackGuard({
      ...(callbackAllow ? { allow: callbackAllow } : {}),
      ...(callbackLookup ? { lookup: callbackLookup } : {}),
    })
    super({
      ...engine,
      providers: providers ?? PROVIDERS,
      callbackSender: callbackSender ?? guardedHttpSender(guard),
    })
    this.callbackGuard = guard
  }
}
