/**
 * Integration certification: the team's application is the client. (Interface only; the
 * implementation comes with the integration suites.)
 */
import type { ProviderId } from '../../simulators/core/model.ts'
import type { ActionSet } from '../context.ts'

/** How the runner triggers the application: a shell command, or an HTTP call to it. */
export type AppTrigger =
  | { command: string; cwd?: string; env?: Record<string, string> }
  | {
      http: {
        url: string
        method?: string
        headers?: Record<string, string>
        body?: unknown
      }
    }

/** The application's certification config file (`smsim.app.yaml`). */
export interface AppConfig {
  /** The provider the application uses. */
  provider: ProviderId
  /** The account the application is configured with (smsim creates it for each scenario). */
  account: { id: string; secret: string }
  trigger: AppTrigger
  /** How long one trigger may take (default 30 s). */
  timeoutMs?: number
  /** The file it was read from. */
  file: string
}

/** Reads and checks an application config file. Throws BadSuiteError-like errors. */
export async function loadAppConfig(file: string): Promise<AppConfig> {
  throw new Error(`not implemented yet: ${file}`)
}

/** The `trigger` verb for the `app` transport of the config's provider. */
export function appActionSet(config: AppConfig): ActionSet {
  return { provider: config.provider, transport: 'app', actions: {} }
}

/**
 * Runs the integration suites of the config's provider against a smsim target (one scenario
 * at a time: they share the application's account) and returns the report.
 */
export async function runIntegration(options: {
  config: AppConfig
  target: import('../target.ts').Target
  reporters?: readonly import('../reporters/reporter.ts').Reporter[]
  timeoutMs?: number
}): Promise<import('../model.ts').RunReport> {
  throw new Error(`not implemented yet: ${options.config.file}`)
}
