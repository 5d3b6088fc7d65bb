/**
 * The application's certification config (`smsim.app.yaml`): which provider the application
 * uses, the account it is configured with, and how the runner makes it send one SMS. Read once,
 * checked with zod, refused with the file and the field named — a team meets these errors in CI,
 * where a stack trace helps nobody.
 */
import { MAX_CONFIG_FILE_BYTES, readTextFile } from '../input-files.ts'
import { dirname, relative, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { SmsimError } from '../../simulators/core/errors.ts'
import type { ProviderId } from '../../simulators/core/model.ts'
import type { Status } from '../model.ts'

/** How the runner triggers the application: a shell command, or an HTTP call to it. */
export type AppTrigger =
  | {
      /** Run by the shell, with the SMSIM_* and SMS_* variables in its environment. */
      command: string
      /** Absolute once loaded (written relative to the config file; default: its folder). */
      cwd?: string
      /** More environment; `${SMSIM_URL}`… in the values are replaced (see {@link TRIGGER_VARIABLES}). */
      env?: Record<string, string>
    }
  | {
      http: {
        url: string
        /** Default POST. */
        method?: string
        headers?: Record<string, string>
        /** A string is sent as is; anything else as JSON. `${to}` and `${text}` are replaced. */
        body?: unknown
      }
    }

/** The application's certification config file (`smsim.app.yaml`). */
export interface AppConfig {
  /** The provider the application uses. */
  provider: ProviderId
  /** The account the application is configured with (smsim creates it for each scenario). */
  account: {
    id: string
    secret: string
    /**
     * The account's settings at the provider, as smsim's account options: iSendPro's
     * `senderDomains` (the domains it accepts mail from) above all. A scenario's own options
     * win over these (the Sunday-night scenario turns `commercialExempt` off).
     */
    options?: Record<string, unknown>
  }
  trigger: AppTrigger
  /**
   * Which of the provider's interfaces the application uses, where it has two an application
   * chooses between: `mail` (the default: Mail2SMS, iSendPro's mail) or `http` (allmysms's HTTP
   * API 9.0, iSendPro's REST API), which runs the integration scenarios whose id starts with
   * `http-` (allmysms) or `rest-` (iSendPro); `mail` the others.
   */
  interface?: 'mail' | 'http'
  /** How long one trigger may take (default 30 s). */
  timeoutMs?: number
  /**
   * Known deviations the team accepts: scenario id → the status expected of it (a run still
   * succeeds when the scenario ends so). Each one is a decision to write down, not a mute button.
   */
  expectations?: Record<string, Status>
  /** The file it was read from. */
  file: string
}

/**
 * A config file that cannot be used as written (the CLI prints its message and exits 2).
 *
 * @example
 * try { await loadAppConfig('smsim.app.yaml') } catch (e) { if (e instanceof AppConfigError) console.error(e.message) }
 */
export class AppConfigError extends SmsimError {
  constructor(message: string, cause?: unknown) {
    super('SMSIM_BAD_APP_CONFIG', message, { cause })
  }
}

/**
 * The variables a trigger receives: in the command's environment, and as `${NAME}` in `env`
 * values and in the HTTP trigger's url, headers and body. `${to}` and `${text}` are the
 * lowercase aliases of SMS_TO and SMS_TEXT.
 *
 * @example
 * env: { SMSTOB_URL: '${SMSIM_URL}', SMSTOB_EMAIL: '${SMSIM_ACCOUNT}' } // in smsim.app.yaml
 */
export const TRIGGER_VARIABLES = {
  SMSIM_URL: "the provider's base URL on the target (`http://127.0.0.1:8780/smstob`)",
  SMSIM_HTTP: "smsim's root URL (`http://127.0.0.1:8780`)",
  SMSIM_SMTP_HOST: "the target's SMTP host (the mail providers' gateway)",
  SMSIM_SMTP_PORT: "the target's SMTP port",
  SMSIM_PROVIDER: 'the provider id (`smstob`, `aspsms`…)',
  SMSIM_ACCOUNT: "the account id of the config (SMStoB's e-mail, ASPSMS's UserKey…)",
  SMSIM_SECRET: "the account's secret of the config (pass, Password…)",
  SMS_TO:
    "the number to send to, as a user typed it (`0770123456`); the mail providers' suites also give two, comma-separated",
  SMS_TEXT: 'the text to send (UTF-8)',
} as const

/** A trigger waits this long by default: an application may start a runtime, log in, etc. */
export const DEFAULT_TRIGGER_TIMEOUT_MS = 30_000

const NAME = /\$\{([A-Za-z_]\w*)\}/g
const KNOWN = new Set([...Object.keys(TRIGGER_VARIABLES), 'to', 'text'])
const STATUS = z.enum(['PASS', 'FAIL', 'TIMEOUT', 'NOTRUN', 'PRECONDITION_FAILED'])

/** A string whose `${…}` all name a trigger variable. */
const templated = z.string().superRefine((value, ctx) => {
  for (const [, name] of value.matchAll(NAME))
    if (!KNOWN.has(name!))
      ctx.addIssue({
        code: 'custom',
        message: `unknown variable \${${name}} (known: ${[...KNOWN].join(', ')})`,
      })
})

const COMMAND = z.strictObject({
  command: z.string().min(1, 'the command to run is empty'),
  cwd: z.string().min(1).optional(),
  env: z.record(z.string(), z.union([templated, z.number().transform(String)])).optional(),
})
const HTTP = z.strictObject({
  http: z.strictObject({
    url: templated.refine((u) => /^https?:\/\//.test(u), 'an http:// or https:// URL'),
    method: z
      .string()
      .regex(/^[A-Za-z]+$/, 'an HTTP method')
      .optional(),
    headers: z.record(z.string(), templated).optional(),
    body: z.unknown().optional(),
  }),
})
/** One of the two, chosen by its key, so that the error speaks of the one the author meant. */
const TRIGGER = z.unknown().transform((value, ctx): z.infer<typeof COMMAND | typeof HTTP> => {
  const schema = value && typeof value === 'object' && 'http' in value ? HTTP : COMMAND
  if (!(value && typeof value === 'object' && ('http' in value || 'command' in value))) {
    ctx.addIssue({ code: 'custom', message: 'needs `command: …` or `http: { url: … }`' })
    return z.NEVER
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom' })
  return z.NEVER
})

const CONFIG = z.strictObject({
  provider: z.enum(['smstob', 'aspsms', 'allmysms', 'isendpro']),
  account: z.strictObject({
    id: z.string().min(1, 'the account id is empty'),
    secret: z.union([z.string(), z.number().transform(String)], {
      error: 'the secret the application sends (a string; empty when the provider has none)',
    }),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: TRIGGER,
  interface: z.enum(['mail', 'http']).optional(),
  timeoutMs: z.number().int().positive().optional(),
  expectations: z.record(z.string(), STATUS).optional(),
})

/**
 * Reads and checks an application config file. Relative `cwd` are resolved against the file's
 * folder, which is also the default working directory.
 *
 * @throws {AppConfigError} naming the file and every field that is wrong.
 * @example
 * const config = await loadAppConfig('examples/sample-app/smsim.app.yaml')
 * // { provider: 'smstob', account: { id: 'sample-app@ecole.test', … }, trigger: { command: 'node send.js', cwd: '/…/examples/sample-app', … } }
 */
export async function loadAppConfig(file: string): Promise<AppConfig> {
  const path = resolve(file)
  const where = relative(process.cwd(), path) || path
  let text: string
  try {
    text = readTextFile(path, MAX_CONFIG_FILE_BYTES)
  } catch (error) {
    throw new AppConfigError(`${where}: cannot read it: ${(error as Error).message}`, error)
  }
  let data: unknown
  try {
    data = parseYaml(text)
  } catch (error) {
    throw new AppConfigError(`${where}: not YAML: ${(error as Error).message}`, error)
  }
  return parseAppConfig(data, path)
}

/**
 * Checks a config already parsed (a test, or a config built in code); `file` names it in
 * errors and anchors a relative `cwd`.
 *
 * @example
 * parseAppConfig({ provider: 'smstob', account: { id: 'a@b.fr', secret: 'x' }, trigger: { command: 'node send.js' } }, '/app/smsim.app.yaml')
 */
export function parseAppConfig(data: unknown, file: string): AppConfig {
  const where = relative(process.cwd(), file) || file
  const parsed = CONFIG.safeParse(data)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    throw new AppConfigError(`${where}: ${problems.join('; ')}`)
  }
  const { trigger, ...rest } = parsed.data
  const base = dirname(resolve(file))
  return {
    ...rest,
    trigger: 'http' in trigger ? trigger : { ...trigger, cwd: resolve(base, trigger.cwd ?? '.') },
    file: resolve(file),
  } as AppConfig
}

/**
 * `${NAME}` replaced by the variable's value (URL-encoded when `encode` says so).
 *
 * @example
 * substitute('${SMSIM_URL}/json', { SMSIM_URL: 'http://127.0.0.1:8780/aspsms' }) // 'http://127.0.0.1:8780/aspsms/json'
 */
export function substitute(
  value: string,
  vars: Readonly<Record<string, string>>,
  encode: (v: string) => string = (v) => v,
): string {
  return value.replace(NAME, (whole, name: string) => (name in vars ? encode(vars[name]!) : whole))
}
