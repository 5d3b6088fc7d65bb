/**
 * The `smsim` command. `smsim start` runs every simulator until interrupted; `smsim conformance`
 * runs the conformance suites (conformance/cli.ts); `smsim certify` certifies ski schools'
 * ASPSMS setup (conformance/certify/cli.ts).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { registerCertify } from '../../conformance/certify/cli.ts'
import { certifyOptionsMarkdown } from '../../conformance/certify/cli-options.ts'
import { registerConformance } from '../../conformance/cli.ts'
import { markdownTable } from '../../conformance/cli-options.ts'
import { SmsimError } from '../core/errors.ts'
import { SMSIM_VERSION } from '../version.ts'
import { PROVIDERS } from '../providers.ts'
import { startSmsim } from './app.ts'
import { START_OPTIONS, collectList, optionsMarkdown } from './cli-options.ts'
import { loadConfig } from './config.ts'

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
  relay?: string
  demo: boolean
  controlToken?: string
  allowHost?: string[]
  callbackAllow?: string[]
}

/** Builds the program; exported so that tests can parse without exiting. */
export function buildProgram(): Command {
  const program = new Command('smsim')
    .description('SMS provider simulator and conformance harness')
    .version(SMSIM_VERSION)
  const start = program
    .command('start')
    .description('start every simulated provider (HTTP, SMTP; control API under /_smsim/)')
  for (const o of START_OPTIONS) {
    const option = new Option(o.flags, o.description)
    if (o.default !== undefined && typeof o.default !== 'boolean') option.default(o.default)
    if (o.flags.includes('port')) option.argParser(port)
    if (o.list) option.argParser(collectList)
    if (o.env) option.env(o.env)
    start.addOption(option)
  }
  start.action(async (opts: StartFlags) => {
    const config = opts.config ? await loadConfig(opts.config, PROVIDERS) : undefined
    // The config file's callbackAllow and the option's (or environment's) hosts add up.
    const callbackAllow = [...(config?.callbackAllow ?? []), ...(opts.callbackAllow ?? [])]
    const running = await startSmsim({
      host: opts.host,
      httpPort: opts.httpPort,
      smtpPort: opts.smtpPort,
      ...(opts.relay ? { relay: opts.relay } : {}),
      demo: opts.demo && (config?.demo ?? true),
      ...(config ? { accounts: config.accounts, numbers: config.numbers } : {}),
      ...(config?.clock ? { clock: config.clock } : {}),
      // An empty SMSIM_CONTROL_TOKEN= is no token, as a shell user means it.
      ...(opts.controlToken ? { controlToken: opts.controlToken } : {}),
      ...(opts.allowHost ? { allowHosts: opts.allowHost } : {}),
      ...(callbackAllow.length ? { callbackAllow } : {}),
    })
    for (const warning of running.warnings) console.error(warning)
    console.log(running.banner())
    const stop = () => {
      void running.close().then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  registerConformance(program)
  registerCertify(program)
  program
    .command('options-table [table]', { hidden: true })
    .description(
      'print a generated table: `smsim start` options (default), conformance, verbs, states',
    )
    .action((table?: string) =>
      console.log(
        !table || table === 'start'
          ? optionsMarkdown()
          : table === 'certify'
            ? certifyOptionsMarkdown()
            : markdownTable(table),
      ),
    )
  return program
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    // A command's own refusal (conformance exits with 2 on a bad option): commander has
    // already printed the one-line message.
    if (error instanceof CommanderError) process.exit(error.exitCode)
    if (error instanceof SmsimError) {
      console.error(`smsim: ${error.message}`)
      process.exit(2)
    }
    throw error
  }
}
