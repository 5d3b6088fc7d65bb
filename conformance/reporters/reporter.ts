/**
 * A reporter renders the one report model (STYLE.md §26) and may follow the run as it goes.
 * Reporters are chosen by name (`default`, `json`, `junit`, `html`); the hooks are optional.
 */
import type { RunInfo, RunReport, ScenarioResult } from '../model.ts'

export interface Reporter {
  onRunStart?(info: RunInfo, total: number): void | Promise<void>
  onScenarioResult?(result: ScenarioResult): void | Promise<void>
  onRunEnd?(report: RunReport): void | Promise<void>
}
