/**
 * How a suite writes the arguments of ASPSMS's verbs, and how they become the inputs of the
 * reference clients (client/aspsms/). YAML is loose where the clients are strict: a number
 * written unquoted is read as a number, a time as a string; these readers turn them into what
 * the client takes, and add the few conveniences a suite needs (`repeat` for long texts,
 * `codeIn` for a code read off a phone's screen).
 */
import type {
  AspsmsClientOptions,
  AspsmsRecipientInput,
  AspsmsSendInput,
  AspsmsTokenInput,
  AspsmsVerifyInput,
} from '../../client/aspsms/common.ts'
import { BadSuiteError, type ScenarioContext } from '../context.ts'

/** What every verb accepts: other credentials than the scenario account's (wrong or empty). */
export interface CredentialArgs {
  userKey?: string
  password?: string
}

/** A recipient as a suite writes it: `'+33612345678'` or `{ number, trn }`. */
type RecipientArg = string | number | { number: string | number; trn?: string | number }

export type SendArgs = CredentialArgs &
  Omit<AspsmsSendInput, 'recipients' | 'deferred'> & {
    recipients?: RecipientArg | RecipientArg[]
    /**
     * An ISO 8601 time with its offset (`2026-01-06T12:00:00+01:00`) becomes a Date, which each
     * client writes in its interface's format; any other text goes as it is (`tomorrow` → 22).
     */
    deferred?: string
    /** The text is `text` repeated this many times (a 161-character text, a 17-part one). */
    repeat?: number
  }

export type TokenArgs = CredentialArgs &
  Omit<AspsmsTokenInput, 'recipients'> & { recipients?: RecipientArg | RecipientArg[] }

export type VerifyArgs = CredentialArgs &
  Partial<AspsmsVerifyInput> & {
    /** A text holding the code (an SMS as the phone shows it): its first run of 4+ digits. */
    codeIn?: string
  }

/**
 * The client options of a step: the scenario's account unless the step names others.
 *
 * @example
 * clientOptions({ password: '' }, ctx) // { userKey: ctx.vars.account, password: '', timeoutMs: ctx.timeoutMs }
 */
export function clientOptions(args: CredentialArgs, ctx: ScenarioContext): AspsmsClientOptions {
  return {
    userKey: args.userKey ?? String(ctx.vars.account),
    password: args.password ?? String(ctx.vars.secret),
    timeoutMs: ctx.timeoutMs,
  }
}

/**
 * The step's arguments as an object (a verb written with no arguments gives `null`).
 *
 * @example
 * argsOf<{ trns?: string[] }>(null) // {}
 */
export function argsOf<T>(raw: unknown): T {
  return (raw ?? {}) as T
}

/**
 * Recipients as the clients take them, numbers and TRNs as strings (`+33600000010` unquoted is
 * a YAML number).
 *
 * @example
 * recipientsOf(['+33612345678', { number: 33600000010, trn: 7 }]) // ['+33612345678', { number: '33600000010', trn: '7' }]
 */
export function recipientsOf(value: RecipientArg | RecipientArg[] | undefined) {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value]
  return list.map((r): AspsmsRecipientInput =>
    typeof r === 'object'
      ? { number: String(r.number), ...(r.trn !== undefined ? { trn: String(r.trn) } : {}) }
      : String(r),
  )
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/**
 * A send's input for the clients.
 *
 * @example
 * sendInputOf({ recipients: '+33612345678', text: 'ab', repeat: 2, deferred: '2026-01-06T12:00:00+01:00' })
 * // { recipients: ['+33612345678'], text: 'abab', deferred: Date(2026-01-06T11:00:00Z) }
 */
export function sendInputOf(args: SendArgs): AspsmsSendInput {
  const { userKey: _u, password: _p, repeat, deferred, recipients, text, ...rest } = args
  const body = String(text ?? '')
  return {
    ...rest,
    recipients: recipientsOf(recipients),
    text: repeat === undefined ? body : body.repeat(repeat),
    // Parsing a given time, not reading the clock: the scenario names the instant.
    ...(deferred !== undefined
      ? {
          deferred: ISO_TIME.test(String(deferred)) ? new Date(String(deferred)) : String(deferred),
        }
      : {}),
  }
}

/**
 * A token's input for the clients.
 *
 * @example
 * tokenInputOf({ recipients: '+33612345678', verificationCode: 4711 }) // { recipients: ['+33612345678'], verificationCode: '4711' }
 */
export function tokenInputOf(args: TokenArgs): AspsmsTokenInput {
  const { userKey: _u, password: _p, recipients, verificationCode, ...rest } = args
  return {
    ...rest,
    recipients: recipientsOf(recipients),
    ...(verificationCode !== undefined ? { verificationCode: String(verificationCode) } : {}),
  }
}

/**
 * The code a step gives: `code` as written, or the one found in `codeIn`.
 *
 * @example
 * codeOf({ codeIn: 'Your ASPSMS originator unlock code: 65164424' }) // '65164424'
 */
export function codeOf(args: { code?: string | number; codeIn?: string }): string {
  if (args.code !== undefined) return String(args.code)
  if (args.codeIn === undefined) throw new BadSuiteError('give `code` or `codeIn`')
  const found = /\d{4,}/.exec(String(args.codeIn))
  // No code on the phone: send an empty one, and let the provider say what that is.
  return found ? found[0] : ''
}

/**
 * VerifyToken's input for the clients.
 *
 * @example
 * verifyInputOf({ phoneNumber: '+33612345678', codeIn: 'Votre code : 4711' }) // { phoneNumber: '+33612345678', code: '4711' }
 */
export function verifyInputOf(args: VerifyArgs): AspsmsVerifyInput {
  return {
    phoneNumber: String(args.phoneNumber ?? ''),
    ...(args.reference !== undefined ? { reference: String(args.reference) } : {}),
    code: codeOf(args),
  }
}
