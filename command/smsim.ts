/**
 * The `smsim` command, and the one place where its parts are put together (ADR 014): `smsim
 * start` runs every simulator until interrupted (start.ts); `smsim conformance` runs the
 * conformance suites (conformance/cli.ts); `smsim certify` certifies ski schools' ASPSMS setup
 * (conformance/certify/cli.ts). Nothing under simulators/ or conformance/ imports this folder.
 */
import { Command, CommanderError } from 'commander'
import { registerCertify } from '../conformance/certify/cli.ts'
import { certifyOptionsMarkdown } from '../conformance/certify/cli-options.ts'
import { registerConformance } from '../conformance/cli.ts'
import { markdownTable } from '../conformance/cli-options.ts'
import { SmsimError } from '../simulators/core/errors.ts'
import { SMSIM_VERSION } from '../simulators/version.ts'
import { registerStart } from './start.ts'
import { startOptionsMarkdown } from './start-options.ts'

/** Builds the program; exported so that tests can parse without exiting. */
export function buildProgram(): Command {
  const program = new Command('smsim')
    .description('SMS provider simulator and conformance harness')
    .version(SMSIM_VERSION)
  registerStart(program)
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
          ? startOptionsMarkdown()
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
