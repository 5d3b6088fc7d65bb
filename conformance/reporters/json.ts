/**
 * The JSON reporter: the report model exactly as the runner built it (STYLE.md §26), for tools
 * that compare runs or render their own views. Nothing is added or renamed on the way out.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunReport } from '../model.ts'
import type { Reporter } from './reporter.ts'

/** The file it writes in the output directory. */
export const JSON_REPORT_FILE = 'conformance.json'

/**
 * The model as indented JSON, ending with a newline.
 *
 * @example
 * JSON.parse(renderJsonReport(report)) // deep-equals report
 */
export function renderJsonReport(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

/**
 * Writes `conformance.json` into `outputDir` (created if missing) when the run ends.
 *
 * @example
 * await runScenarios({ target, scenarios, reporters: [jsonReporter({ outputDir: 'reports' })] })
 */
export function jsonReporter(options: { outputDir: string }): Reporter {
  return {
    async onRunEnd(report) {
      await mkdir(options.outputDir, { recursive: true })
      await writeFile(join(options.outputDir, JSON_REPORT_FILE), renderJsonReport(report))
    },
  }
}
