/**
 * `GET /_smsim/messages?otp=<regex>`: the one-time code read with the client's own pattern
 * rather than the default one (core/otp.ts), for codes that are not 4 to 8 digits
 * (`Code: AB12-CD34`). The pattern is the client's: it is checked, and run with a time budget.
 *
 * A regular expression can backtrack exponentially (`(a+)+$`, `(a|a)*b`): thirty characters
 * are enough to freeze a process for minutes, so the bounded length of SMS texts (2,448
 * characters at most, ASPSMS's 16 parts: docs/reliability.md) does not protect by itself. The
 * pattern therefore runs in a `node:vm` context with a timeout, which interrupts V8's regular
 * expression engine too: a pattern that takes too long is refused (400) and smsim goes on.
 */
import { createContext, runInContext, Script, type Context } from 'node:vm'
import { ControlError } from '../core/errors.ts'

/** Longest pattern accepted: a code's shape needs a few dozen characters, not a program. */
export const MAX_OTP_PATTERN_CHARS = 200

/**
 * Longest time one read may spend applying a pattern to its texts. An ordinary pattern reads
 * 200,000 stored SMS (MAX_RECORDS) in about 150 ms on the project's machine; a backtracking one
 * is stopped here, having held the event loop no longer than this.
 */
export const OTP_PATTERN_BUDGET_MS = 500

/**
 * Checks a pattern as given in `?otp=`: its length and its syntax (JavaScript, flag `u`).
 *
 * @example
 * checkOtpPattern('Code: ([A-Z0-9-]+)') // the pattern; a ControlError(400) if it cannot be used
 */
export function checkOtpPattern(source: string): string {
  if (source.length > MAX_OTP_PATTERN_CHARS)
    throw new ControlError(400, `otp: a pattern of ${MAX_OTP_PATTERN_CHARS} characters at most`)
  try {
    new RegExp(source, 'u')
  } catch (error) {
    throw new ControlError(400, `otp: not a regular expression: ${(error as Error).message}`)
  }
  return source
}

/** The context the patterns run in, made on the first `?otp=`; it keeps no input between reads. */
let sandbox: { context: Context & { input?: unknown }; script: Script } | undefined

/**
 * The code in each text by `source` (checked by {@link checkOtpPattern}): the first capture
 * group when the pattern has one and it took part, else the whole match; `undefined` where it
 * does not match (or matches nothing but the empty string). Throws ControlError(400) when the
 * texts took longer than {@link OTP_PATTERN_BUDGET_MS}.
 *
 * @example
 * otpsBy('Code: ([A-Z0-9-]+)', ['Code: AB12-CD34', 'Bonjour']) // ['AB12-CD34', undefined]
 */
export function otpsBy(source: string, texts: readonly string[]): (string | undefined)[] {
  if (!sandbox) {
    const context = createContext({})
    runInContext(`globalThis.extract = ${EXTRACT}`, context)
    sandbox = { context, script: new Script('extract(input.source, input.texts)') }
  }
  const { context, script } = sandbox
  context.input = { source, texts }
  try {
    return script.runInContext(context, { timeout: OTP_PATTERN_BUDGET_MS }) as (
      string | undefined
    )[]
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error
    throw new ControlError(
      400,
      `otp: the pattern took more than ${OTP_PATTERN_BUDGET_MS} ms over ${texts.length} text${texts.length === 1 ? '' : 's'} (it backtracks): simplify it, or read fewer SMS (limit=, to=)`,
    )
  } finally {
    context.input = undefined
  }
}

/** The extraction, defined in the sandbox (a function of smsim's realm could not be called there). */
const EXTRACT = `(function extract(source, texts) {
  const pattern = new RegExp(source, 'u')
  const found = new Array(texts.length)
  for (let i = 0; i < texts.length; i++) {
    const match = pattern.exec(texts[i])
    const code = match === null ? undefined : match[1] ?? match[0]
    found[i] = code === '' ? undefined : code
  }
  return found
})`
