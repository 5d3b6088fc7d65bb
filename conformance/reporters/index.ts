/**
 * Reporters by name (STYLE.md §26, vitest's `ReportersMap`): the command line names them, this
 * module builds them. The file reporters write fixed names into one output directory, so CI
 * configurations can point at `reports/junit.xml` without reading any output.
 */
import { join } from 'node:path'
import { defaultReporter, type ProgressStream } from './default.ts'
import { HTML_REPORT_FILE, htmlReporter } from './html.ts'
import { JSON_REPORT_FILE, jsonReporter } from './json.ts'
import { JUNIT_REPORT_FILE, junitReporter } from './junit.ts'
import type { Reporter } from './reporter.ts'

export { renderHtmlReport, escapeHtml } from './html.ts'
export { renderJsonReport } from './json.ts'
export { renderJunitReport } from './junit.ts'
export type { Reporter } from './reporter.ts'

export const REPORTER_NAMES = ['default', 'json', 'junit', 'html'] as const
export type ReporterName = (typeof REPORTER_NAMES)[number]

/** What every reporter may need; each takes its part. */
export interface ReporterOptions {
  /** Where the file reporters write (created if missing). */
  outputDir: string
  /** The console: stdout's writer. */
  write: (text: string) => void
  color?: boolean
  /** A terminal for the progress display (absent on a pipe). */
  progress?: ProgressStream
}

/** The file each file reporter writes, relative to the output directory. */
export const REPORT_FILES: Readonly<Partial<Record<ReporterName, string>>> = {
  json: JSON_REPORT_FILE,
  junit: JUNIT_REPORT_FILE,
  html: HTML_REPORT_FILE,
}

export const REPORTERS: Readonly<Record<ReporterName, (options: ReporterOptions) => Reporter>> = {
  default: (o) =>
    defaultReporter({
      write: o.write,
      ...(o.color !== undefined ? { color: o.color } : {}),
      ...(o.progress ? { progress: o.progress } : {}),
    }),
  json: (o) => jsonReporter(o),
  junit: (o) => junitReporter(o),
  html: (o) => htmlReporter(o),
}

/**
 * Whether a name is a reporter's.
 *
 * @example
 * isReporterName('junit') // true
 */
export function isReporterName(name: string): name is ReporterName {
  return (REPORTER_NAMES as readonly string[]).includes(name)
}

/**
 * The reporters named, in order.
 *
 * @example
 * const reporters = createReporters(['default', 'junit'], { outputDir: 'reports', write: (s) => process.stdout.write(s) })
 */
export function createReporters(
  names: readonly ReporterName[],
  options: ReporterOptions,
): Reporter[] {
  return names.map((name) => REPORTERS[name](options))
}

/**
 * The files the named reporters write, as paths under the output directory.
 *
 * @example
 * reportFiles(['default', 'junit'], 'reports') // ['reports/junit.xml']
 */
export function reportFiles(names: readonly ReporterName[], outputDir: string): string[] {
  return names.flatMap((name) => (REPORT_FILES[name] ? [join(outputDir, REPORT_FILES[name])] : []))
}
