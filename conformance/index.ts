/**
 * The conformance runner as a library (`smsim/conformance`): what `smsim conformance` and
 * `smsim certify` do, for a team that drives it from its own tests or scripts.
 *
 * @example
 * import { embeddedTarget, loadProviderSuites, runScenarios, runSucceeded } from 'smsim/conformance'
 * const target = await embeddedTarget()
 * const report = await runScenarios({
 *   target,
 *   scenarios: loadProviderSuites(undefined, ['smstob']).flatMap((s) => s.scenarios),
 * })
 * await target.close()
 * if (!runSucceeded(report)) process.exitCode = 1
 */
export {
  loadProviderSuites,
  loadSuite,
  loadSuites,
  PROVIDER_IDS,
  SCENARIOS_DIR,
  type LoadOptions,
  type Suite,
} from './load.ts'
export { runScenarios, DEFAULT_CONCURRENCY, type RunOptions } from './runner.ts'
export { embeddedTarget, urlTarget, EMBEDDED_CLOCK, type Target } from './target.ts'
export {
  countStatuses,
  runSucceeded,
  STATUSES,
  type RunReport,
  type Scenario,
  type ScenarioResult,
  type Status,
} from './model.ts'
export { ACTION_SETS } from './actions/index.ts'
export { STATES } from './states.ts'
export {
  BadSuiteError,
  PreconditionError,
  type ActionDef,
  type ActionSet,
  type ScenarioContext,
  type StateDef,
} from './context.ts'
export {
  createReporters,
  renderHtmlReport,
  renderJsonReport,
  renderJunitReport,
  REPORTER_NAMES,
  type Reporter,
} from './reporters/index.ts'
export { loadExpectations } from './expectations.ts'
export { loadAppConfig, runIntegration, type AppConfig } from './integration/app.ts'
