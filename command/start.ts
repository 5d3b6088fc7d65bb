/**
 * `smsim start`: every simulated provider on HTTP and SMTP, with the control API under
 * `/_smsim/`, until interrupted. The options are declared in start-options.ts.
 */
import { InvalidArgumentError, Option, type Command } from 'commander'
import { PROVIDERS, startSmsim } from '../simulators/index.ts'
import type { TlsOptions } from '../simulators/server/app.ts'
import { loadConfig } from '../simulators/server/config.ts'
import type { LogFormat, LogLevel } from '../simulators/server/request-log.ts'
import { START_OPTIONS, collectList } from './start-options.ts'

function port(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535')
  return n
}

/** What commander hands the `start` action (START_OPTIONS, camel-cased). */
interface StartFlags {
  httpPort: number
  smtpPort: number
  host: string
  config?: string
  dataDir?: string
  resetData?: boolean
  relay?: string
  demo: boolean
  controlToken?: string
  allowHost?: string[]
  callbackAllow?: string[]
  logLevel: LogLevel
  logFormat: LogFormat
  tls?: boolean
  httpsPort?: number
  smtpsPort?: number
  tlsDir?: string
  tlsName?: string[]
}

/** The TLS options of the flags, or none: `--tls`, or a TLS port, turns TLS on. */
function tlsOptions(opts: StartFlags): TlsOptions | undefined {
  if (!opts.tls && opts.httpsPort === undefined && opts.smtpsPort === undefined) return undefined
  return {
    ...(opts.tlsDir ? { dir: opts.tlsDir } : {}),
    ...(opts.tlsName ? { names: opts.tlsName } : {}),
    ...(opts.httpsPort !== undefined ? { httpsPort: opts.httpsPort } : {}),
    ...(opts.smtpsPort !== undefined ? { smtpsPort: opts.smtpsPort } : {}),
  }
}

/**
 * How a started smsim waits to be stopped, handed the function that closes it. The command's
 * own: SIGINT or SIGTERM closes it, then the process exits 0. Tests pass theirs, to run the
 * command in their own process and close it themselves.
 */
export type UntilStopped = (stop: () => Promise<void>) => void

export const stopOnSignals: UntilStopped = (stop) => {
  const onSignal = () => void stop().then(() => process.exit(0))
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
}

/**
 * Adds `start` to the `smsim` program. A wrong config file or a port taken throws SmsimError,
 * which `runProgram` (smsim.ts) turns into exit status 2. The banner, the warnings and the log
 * go to the program's output (commander's `configureOutput`): the log to its stdout, coloured
 * when commander says that stdout takes colours (a terminal, no `NO_COLOR`). With
 * `--log-format json` the banner goes to stderr, so that stdout holds nothing but JSON lines.
 */
export function registerStart(
  program: Command,
  untilStopped: UntilStopped = stopOnSignals,
): Command {
  const start = program
    .command('start')
    .description('start every simulated provider (HTTP, SMTP; control API under /_smsim/)')
  for (const o of START_OPTIONS) {
    const option = new Option(o.flags, o.description)
    if (o.default !== undefined && typeof o.default !== 'boolean') option.default(o.default)
    if (o.flags.includes('port')) option.argParser(port)
    if (o.list) option.argParser(collectList)
    if (o.choices) option.choices(o.choices)
    if (o.env) option.env(o.env)
    start.addOption(option)
  }
  start.action(async (opts: StartFlags, cmd: Command) => {
    const output = cmd.configureOutput()
    const config = opts.config ? await loadConfig(opts.config, PROVIDERS) : undefined
    // The config file's callbackAllow and the option's (or environment's) hosts add up.
    const callbackAllow = [...(config?.callbackAllow ?? []), ...(opts.callbackAllow ?? [])]
    const tls = tlsOptions(opts)
    const running = await startSmsim({
      ...(tls ? { tls } : {}),
      host: opts.host,
      httpPort: opts.httpPort,
      smtpPort: opts.smtpPort,
      ...(opts.relay ? { relay: opts.relay } : {}),
      // --data-dir (or SMSIM_DATA_DIR) wins over the config file's dataDir.
      ...((opts.dataDir ?? config?.dataDir) ? { dataDir: opts.dataDir ?? config?.dataDir } : {}),
      ...(opts.resetData ? { resetData: true } : {}),
      demo: opts.demo && (config?.demo ?? true),
      ...(config ? { accounts: config.accounts, numbers: config.numbers } : {}),
      ...(config?.clock ? { clock: config.clock } : {}),
      // An empty SMSIM_CONTROL_TOKEN= is no token, as a shell user means it.
      ...(opts.controlToken ? { controlToken: opts.controlToken } : {}),
      ...(opts.allowHost ? { allowHosts: opts.allowHost } : {}),
      ...(callbackAllow.length ? { callbackAllow } : {}),
      requestLog: {
        level: opts.logLevel,
        format: opts.logFormat,
        color: Boolean(output.getOutHasColors?.()),
        write: (line) => output.writeOut?.(`${line}\n`),
      },
    })
    for (const warning of running.warnings) output.writeErr?.(`${warning}\n`)
    const banner = `${running.banner()}\n`
    if (opts.logFormat === 'json') output.writeErr?.(banner)
    else output.writeOut?.(banner)
    untilStopped(() => running.close())
  })
  return start
}
