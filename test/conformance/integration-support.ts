/**
 * What the integration certification tests share: the sample application's configs with another
 * command in place (a broken app from fixtures/), a run against a target, and readers of the
 * report by scenario name.
 */
import { resolve } from 'node:path'
import { loadAppConfig, runIntegration, type AppConfig } from '../../conformance/integration/app.ts'
import type { RunReport } from '../../conformance/model.ts'
import type { Target } from '../../conformance/target.ts'

export const SAMPLE = resolve('examples/sample-app')
export const fixture = (name: string) => resolve('test/conformance/fixtures', name)

/** The sample's config with another command in its place (same env, same account). */
export async function withCommand(file: string, command: string): Promise<AppConfig> {
  const config = await loadAppConfig(resolve(SAMPLE, file))
  return { ...config, trigger: { ...config.trigger, command } }
}

/** Runs the config's integration suite against `target`, report times fixed. */
export const runOn = (
  target: Target,
  config: AppConfig,
  extra: Partial<Parameters<typeof runIntegration>[0]> = {},
) => runIntegration({ config, target, wallClock: () => 0, timeoutMs: 10_000, ...extra })

/** The names (without the suite) of the scenarios that did not pass, sorted. */
export const failed = (report: RunReport) =>
  report.results
    .filter((r) => r.status !== 'PASS')
    .map((r) => r.test.split('/')[1])
    .sort()

/** The runner's message for a scenario, by name. */
export const messageOf = (report: RunReport, id: string) =>
  report.results.find((r) => r.test.endsWith(`/${id}`))?.message ?? ''
