/**
 * The `smsim` command, and the one place where its parts are put together (ADR 014): `smsim
 * start` runs every simulator until interrupted (start.ts); `smsim conformance` runs the
 * conformance suites (conformance/cli.ts); `smsim certify` certifies ski schools' ASPSMS setup
 * (conformance/certify/cli.ts). Nothing under simulators/ or conformance/ imports this folder.
 */
import { Command, CommanderError, type OutputConfiguration } from 'commander'
import { SmsimError } from '../simulators/core/errors.ts'
import { SMSIM_VERSION } from '../simulators/version.ts'
import { registerCa } from './ca.ts'
import { registerStart, type UntilStopped } from './start.ts'
import { startOptionsMarkdown } from './start-options.ts'

/** What a test changes of the program to run it in its own process. */
export interface ProgramOptions {
  /** Where the commands write (default: the process's stdout and stderr). */
  output?: OutputConfiguration
  /** How `smsim start` waits to be stopped (default: until SIGINT or SIGTERM). */
  untilStopped?: UntilStopped
  /**
   * `start` builds the program with `smsim start` alone: the conformance runner, its reporters
   * and its schemas are then never loaded, which is most of the time `smsim start` would spend
   * before it answers (ADR 016). Default: every command.
   */
  commands?: 'all' | 'start'
}

/**
 * Builds the program. Commander's own refusals throw a CommanderError instead of exiting (see
 * {@link runProgram}), so that the program can run in a test's process.
 */
export async function buildProgram(options: ProgramOptions = {}): Promise<Command> {
  const program = new Command('smsim')
    .description('SMS provider simulator and conformance harness')
    .version(SMSIM_VERSION)
    .exitOverride()
  // Before the commands are added: they inherit the program's output.
  if (options.output) program.configureOutput(options.output)
  registerStart(program, options.untilStopped)
  if (options.commands === 'start') return program
  registerCa(program)
  const [
    { registerConformance },
    { registerCertify },
    { certifyOptionsMarkdown },
    { markdownTable },
  ] = await Promise.all([
    import('../conformance/cli.ts'),
    import('../conformance/certify/cli.ts'),
    import('../conformance/certify/cli-options.ts'),
    import('../conformance/cli-options.ts'),
  ])
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

/**
 * Runs the program on `argv`. Resolves with the exit status of a command that ended early (help,
 * version, a refusal), or undefined when it ran; a command that sets `process.exitCode` itself
 * (conformance, certify) leaves it set.
 */
export async function runProgram(program: Command, argv: string[]): Promise<number | undefined> {
  try {
    await program.parseAsync(argv)
    return undefined
  } catch (error) {
    // A refusal of commander's or a command's own (conformance exits with 2 on a bad option):
    // commander has already printed the one-line message; help and version end with 0.
    if (error instanceof CommanderError) return error.exitCode
    if (error instanceof SmsimError) {
      program.configureOutput().writeErr?.(`smsim: ${error.message}\n`)
      return 2
    }
    throw error
  }
}

export async function main(argv: string[]): Promise<void> {
  const commands = argv[2] === 'start' ? 'start' : 'all'
  const status = await runProgram(await buildProgram({ commands }), argv)
  if (status !== undefined) process.exit(status)
}
