/**
 * The `smsim` command. `smsim start` runs every simulator until interrupted; the conformance
 * commands come with the runner.
 */
import { Command, InvalidArgumentError, Option } from 'commander'
import { SmsimError } from '../core/errors.ts'
import { PROVIDERS } from '../providers.ts'
import { startSmsim } from './app.ts'
import { START_OPTIONS, optionsMarkdown } from './cli-options.ts'
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
}

/** Builds the program; exported so that tests can parse without exiting. */
export function buildProgram(): Command {
  const program = new Command('smsim')
    .description('SMS provider simulator and conformance harness')
    .version('0.1.0')
  const start = program
    .command('start')
    .description('start every simulated provider (HTTP, SMTP; control API under /_smsim/)')
  for (const o of START_OPTIONS) {
    const option = new Option(o.flags, o.description)
    if (o.default !== undefined && typeof o.default !== 'boolean') option.default(o.default)
    if (o.flags.includes('port')) option.argParser(port)
    start.addOption(option)
  }
  start.action(async (opts: StartFlags) => {
    const config = opts.config ? await loadConfig(opts.config, PROVIDERS) : undefined
    const running = await startSmsim({
      host: opts.host,
      httpPort: opts.httpPort,
      smtpPort: opts.smtpPort,
      ...(opts.relay ? { relay: opts.relay } : {}),
      demo: opts.demo && (config?.demo ?? true),
      ...(config ? { accounts: config.accounts, numbers: config.numbers } : {}),
      ...(config?.clock ? { clock: config.clock } : {}),
    })
    console.log(running.banner())
    const stop = () => {
      void running.close().then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  program
    .command('options-table', { hidden: true })
    .description('print the README table of `smsim start` options')
    .action(() => console.log(optionsMarkdown()))
  return program
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv)
  } catch (error) {
    if (error instanceof SmsimError) {
      console.error(`smsim: ${error.message}`)
      process.exit(2)
    }
    throw error
  }
}
