/**
 * Starting the whole simulator: the state, the HTTP side, the SMTP gateway, the outbox relay
 * when asked, the real-time ticker. Used by the CLI (`smsim start`) and by the test helper
 * (`smsim/testing`).
 */
import type { AddressInfo } from 'node:net'
import { Clock } from '../core/clock.ts'
import type { MemoryStoreOptions } from '../core/memory-store.ts'
import type { StoreLimits } from '../core/store-limits.ts'
import type { SqliteStore } from '../core/sqlite-store.ts'
import type { AccountInput } from '../core/model.ts'
import type { NumberState } from '../core/numbers.ts'
import type { Provider } from '../core/provider.ts'
import { parseRelayUrl, startRelay, type Relay } from '../mail/relay.ts'
import {
  startSmtpGateway,
  type GatewayLimits,
  type SmtpGatewayHandle,
} from '../mail/smtp-gateway.ts'
import { startHttpServer, type HttpLimits, type HttpServerHandle } from './http-server.ts'
import type { CallbackLookup } from './callback-guard.ts'
import type { LiveLimits } from './live-limits.ts'
import { checkAllowHosts, checkControlToken, exposureWarning } from './control-guard.ts'
import { followJournal, type RequestLogOptions } from './request-log.ts'
import { Simulator } from './simulator.ts'

/** How often a running clock releases what fell due when nobody asks (ms). */
export const TICK_INTERVAL_MS = 1000

export interface StartOptions {
  /** The address both sides listen on (default 127.0.0.1). */
  host?: string
  /** 0 picks a free port. Default 8780. */
  httpPort?: number
  /** The SMTP gateway's port; 0 picks a free port. Default 2525. */
  smtpPort?: number
  /** `smtp://host:port`: also deliver every outbox mail there (see simulators/mail/relay.ts). */
  relay?: string
  demo?: boolean
  accounts?: AccountInput[]
  numbers?: { number: string; state: NumberState }[]
  clock?: { now: string; frozen: boolean }
  /** Where unexpected errors are reported (default: the console's error). */
  logger?: Pick<Console, 'error'>
  /**
   * The log a person reads: one line per journal entry, as it is kept (request-log.ts). None by
   * default: `smsim start` passes its `--log-level` and `--log-format`, tests pass theirs.
   */
  requestLog?: RequestLogOptions
  /** The providers to simulate (default: all of them); tests add a fake one. */
  providers?: readonly Provider[]
  /** Lower SMTP limits, for tests that reach them (simulators/mail/limits.ts). */
  smtpLimits?: Partial<GatewayLimits>
  /** Lower HTTP timeouts and connection cap, for tests that reach them (simulators/server/limits.ts). */
  httpLimits?: Partial<HttpLimits>
  /**
   * Lower bounds of `GET /_smsim/events` (streams, keep-alive interval, unread bytes) and of the
   * reads that wait, for tests that reach them (simulators/server/live-limits.ts).
   */
  liveLimits?: Partial<LiveLimits>
  /**
   * Required as `Authorization: Bearer <token>` on every control route but `/_smsim/health`
   * (`--control-token`, `SMSIM_CONTROL_TOKEN`; 16 characters at least).
   */
  controlToken?: string
  /** More Host names the control API answers to (`--allow-host`): names, `*.domain`, `*`. */
  allowHosts?: readonly string[]
  /** Hosts, addresses and CIDRs notifications may be sent to besides loopback (`--callback-allow`). */
  callbackAllow?: readonly string[]
  /** How notification host names are resolved (default: the system's resolver). */
  callbackLookup?: CallbackLookup
  /**
   * Keep the state in this directory (SQLite, docs/decisions/021-persistence.md) so that it
   * survives a restart; without it the state is in memory.
   */
  dataDir?: string
  /** Empty the data directory's state first (`--reset-data`). */
  resetData?: boolean
  /** Retention bounds of the store (records and bytes kept); tests lower them. */
  storeLimits?: Partial<StoreLimits>
  /**
   * HTTPS and SMTP TLS with smsim's local CA (`--tls`, ADR 020). Given, STARTTLS is offered on
   * the SMTP port and HTTPS listens on `httpsPort` (default 8443).
   */
  tls?: TlsOptions
}

/** What `--tls`, `--https-port`, `--smtps-port`, `--tls-dir` and `--tls-name` ask for. */
export interface TlsOptions {
  /** Where the CA is kept (default: `$XDG_CONFIG_HOME/smsim`, local-ca.ts). */
  dir?: string
  /** More names the served certificate is valid for, besides the providers' hosts and loopback. */
  names?: readonly string[]
  /** Default 8443; 0 picks a free port. */
  httpsPort?: number
  /** An implicit-TLS SMTP port (SMTPS); none unless given. 0 picks a free port. */
  smtpsPort?: number
}

/** The names every served certificate covers besides the providers' hosts. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'] as const

export interface RunningSmsim {
  sim: Simulator
  http: HttpServerHandle
  /** The base URL of the HTTP side, e.g. `http://127.0.0.1:8780`. */
  url: string
  /** Where the SMTP gateway listens, e.g. `{ host: '127.0.0.1', port: 2525 }`. */
  smtp: { host: string; port: number }
  /** The HTTPS side, with `tls`: e.g. `https://127.0.0.1:8443`. */
  https?: { url: string; port: number }
  /** The implicit-TLS SMTP port, with `tls.smtpsPort`. */
  smtps?: { host: string; port: number }
  /** The CA the TLS side's certificate is signed by, and the names the certificate covers. */
  ca?: { certPath: string; fingerprint: string; names: string[] }
  /** What `smsim start` prints on stderr before the banner (a control API open to the network). */
  warnings: string[]
  /** Stops both sides (and the relay). */
  close(): Promise<void>
  /** What `smsim start` prints: the dashboard, URLs, mail addresses, demo accounts, usage. */
  banner(): string
}

/**
 * Starts smsim: HTTP first, then SMTP on the same host. A port that is taken fails the start
 * with a {@link PortInUseError}, and whatever had started is stopped again.
 *
 * @example
 * const smsim = await startSmsim({ httpPort: 0, smtpPort: 0 })
 * console.log(smsim.url, smsim.smtp.port)
 * await smsim.close()
 */
export async function startSmsim(options: StartOptions = {}): Promise<RunningSmsim> {
  const host = options.host ?? '127.0.0.1'
  // A --relay or a token that cannot be used fails the start before anything listens.
  if (options.relay) parseRelayUrl(options.relay)
  const token = checkControlToken(options.controlToken)
  checkAllowHosts(options.allowHosts ?? [], token)
  const clock = options.clock ? new Clock(options.clock) : new Clock()
  let onDisk: SqliteStore | undefined
  const { dataDir } = options
  // Loaded only for --data-dir: without it, smsim never loads the native module (better-sqlite3).
  const { SqliteStore } = dataDir
    ? await import('../core/sqlite-store.ts')
    : { SqliteStore: undefined }
  const sim = new Simulator({
    clock,
    ...(options.clock ? { configuredClock: options.clock } : {}),
    ...(dataDir
      ? {
          openStore: (storeOptions: MemoryStoreOptions) =>
            (onDisk = new SqliteStore!({
              ...storeOptions,
              dir: dataDir,
              reset: options.resetData === true,
            })),
        }
      : {}),
    demo: options.demo ?? true,
    ...(options.providers ? { providers: options.providers } : {}),
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.numbers ? { numbers: options.numbers } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.callbackAllow ? { callbackAllow: options.callbackAllow } : {}),
    ...(options.callbackLookup ? { callbackLookup: options.callbackLookup } : {}),
    ...(options.storeLimits ? { storeLimits: options.storeLimits } : {}),
  })
  if (onDisk) keepClock(sim.clock, onDisk)
  const logger = options.logger ? { logger: options.logger } : {}
  // Loaded only when asked for: the X.509 library and its Reflect polyfill stay out of a plain start.
  const tls = options.tls ? await tlsMaterial(sim, options.tls) : undefined
  // Listening before any server does: the first request is logged too.
  const stopLog = options.requestLog ? followJournal(sim, options.requestLog) : undefined
  let http: Awaited<ReturnType<typeof startHttpServer>>
  try {
    http = await startHttpServer(sim, {
      host,
      port: options.httpPort ?? 8780,
      ...logger,
      ...(options.httpLimits ? { limits: options.httpLimits } : {}),
      ...(options.liveLimits ? { liveLimits: options.liveLimits } : {}),
      access: {
        ...(token !== undefined ? { token } : {}),
        ...(options.allowHosts ? { allowHosts: options.allowHosts } : {}),
      },
      ...(tls ? { tls: { ...tls.served, port: options.tls?.httpsPort ?? 8443 } } : {}),
    })
  } catch (error) {
    // The lock on the data directory goes with the start that failed.
    onDisk?.close()
    stopLog?.()
    throw error
  }
  let smtp: SmtpGatewayHandle
  try {
    smtp = await startSmtpGateway(sim, {
      host,
      port: options.smtpPort ?? 2525,
      ...logger,
      ...(options.smtpLimits ? { limits: options.smtpLimits } : {}),
      ...(tls
        ? {
            tls: {
              ...tls.served,
              ...(options.tls?.smtpsPort !== undefined
                ? { securePort: options.tls.smtpsPort }
                : {}),
            },
          }
        : {}),
    })
  } catch (error) {
    await http.close()
    onDisk?.close()
    stopLog?.()
    throw error
  }
  sim.smtp = { host: smtp.host, port: smtp.port }
  // A notification to smsim itself would make it act on its own behalf (an SMS from any account).
  sim.callbackGuard.protect(http.port, 'HTTP')
  sim.callbackGuard.protect(smtp.port, 'SMTP')
  if (http.https) sim.callbackGuard.protect(http.https.port, 'HTTPS')
  if (smtp.securePort !== undefined) sim.callbackGuard.protect(smtp.securePort, 'SMTPS')
  const exposure = exposureWarning({
    boundAddress: (http.server.address() as AddressInfo).address,
    port: http.port,
    ...(token !== undefined ? { token } : {}),
  })
  const relay: Relay | undefined = options.relay
    ? startRelay(sim, options.relay, logger)
    : undefined
  const ticker = setInterval(() => {
    if (sim.clock.mode !== 'frozen') sim.tick()
  }, TICK_INTERVAL_MS)
  ticker.unref()
  return {
    sim,
    http,
    url: http.url,
    smtp: { host: smtp.host, port: smtp.port },
    ...(http.https ? { https: { url: http.https.url, port: http.https.port } } : {}),
    ...(smtp.securePort !== undefined ? { smtps: { host: smtp.host, port: smtp.securePort } } : {}),
    ...(tls ? { ca: tls.ca } : {}),
    warnings: exposure ? [exposure] : [],
    async close() {
      clearInterval(ticker)
      await Promise.all([http.close(), smtp.close(), relay?.close()])
      // Last: nothing writes to the store once the servers are closed.
      onDisk?.close()
      stopLog?.()
    },
    banner: () =>
      banner(
        sim,
        {
          url: http.url,
          smtp: smtp,
          relay: relay?.target.shown,
          ...(http.https ? { https: http.https.url } : {}),
          ...(smtp.securePort !== undefined ? { smtps: smtp.securePort } : {}),
          ...(tls ? { caPath: tls.ca.certPath } : {}),
          ...(onDisk ? { dataFile: onDisk.onDisk().file } : {}),
        },
        options.demo ?? true,
      ),
  }
}

/**
 * The CA (created on first use) and the certificate served, valid for every host a provider is
 * routed by, loopback and `names`.
 */
async function tlsMaterial(sim: Simulator, options: TlsOptions) {
  const { defaultTlsDir, issueServerCertificate, loadOrCreateCa } = await import('./local-ca.ts')
  const ca = await loadOrCreateCa(options.dir ?? defaultTlsDir())
  const hosts = [...sim.providers.values()].flatMap((p) => p.http.flatMap((e) => e.hosts))
  const served = await issueServerCertificate(ca, [
    ...hosts,
    ...LOOPBACK_NAMES,
    ...(options.names ?? []),
  ])
  return {
    served: { cert: served.cert, key: served.key },
    ca: { certPath: ca.certPath, fingerprint: ca.fingerprint, names: served.names },
  }
}

/** The clock as the data directory keeps it: a frozen instant, or a running clock's offset. */
type KeptClock = { frozen: true; at: number } | { frozen: false; offsetMs: number }

/**
 * Restores the clock the data directory kept, and keeps it on every change: a frozen clock stays
 * frozen at its instant across a restart, a running one keeps its offset from the wall time.
 * What the directory kept wins over `--config`'s clock, as its accounts do (the config seeds a
 * new directory).
 */
function keepClock(clock: Clock, store: SqliteStore): void {
  const kept = store.setting('clock') as KeptClock | undefined
  if (kept?.frozen === true) clock.set(new Date(kept.at), true)
  else if (kept) clock.runAt(kept.offsetMs)
  const save = () => {
    const offsetMs = clock.offsetMs
    const value: KeptClock =
      offsetMs === undefined
        ? { frozen: true, at: clock.now().getTime() }
        : { frozen: false, offsetMs }
    store.saveSetting('clock', value)
  }
  save()
  clock.onChange(save)
}

function banner(
  sim: Simulator,
  where: {
    url: string
    smtp: { host: string; port: number }
    relay: string | undefined
    https?: string
    smtps?: number
    caPath?: string
    dataFile?: string
  },
  demo: boolean,
): string {
  const { url } = where
  const smtpHost = where.smtp.host.includes(':') ? `[${where.smtp.host}]` : where.smtp.host
  const addresses = sim.mailAddresses()
  const lines = [
    `smsim — SMS provider simulator`,
    `  dashboard    ${url}/   (the phones, outbox, accounts, journal, clock; try each provider)`,
    `  HTTP         ${url}`,
    ...(where.https ? [`  HTTPS        ${where.https}   (the same, over TLS)`] : []),
    `  SMTP         smtp://${smtpHost}:${where.smtp.port}   (${where.caPath ? 'STARTTLS offered' : 'no TLS'}, no login needed)`,
    ...(where.smtps !== undefined
      ? [`  SMTPS        smtps://${smtpHost}:${where.smtps}   (implicit TLS)`]
      : []),
    ...(where.caPath ? [`  TLS CA       ${where.caPath}   (trust it: see \`smsim ca\`)`] : []),
    `  control API  ${url}/_smsim/   (OpenAPI: ${url}/_smsim/openapi.json)`,
    `  outbox       ${url}/_smsim/mails   (relayed to ${where.relay ?? 'nowhere: add --relay smtp://host:port'})`,
    `  clock        ${sim.clock.now().toISOString()} (${sim.clock.mode})`,
    where.dataFile
      ? `  state        ${where.dataFile}   (kept across restarts)`
      : `  state        in memory   (lost at exit: add --data-dir DIR to keep it)`,
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
    for (const endpoint of provider.mail ?? []) {
      lines.push(`  ${provider.name.padEnd(8)} mail to ${endpoint.addresses.join(', ')}`)
    }
  }
  lines.push(
    '',
    addresses.length
      ? `Mail is accepted for these addresses only (domains in any case); every other is refused with 550.`
      : `No simulated provider takes mail: every recipient is refused with 550.`,
  )
  if (demo) {
    lines.push('', 'Demo accounts:')
    for (const provider of sim.providers.values())
      lines.push(...provider.demo.usage(url, where.smtp).map((l) => `  ${l}`))
  }
  return lines.join('\n')
}
