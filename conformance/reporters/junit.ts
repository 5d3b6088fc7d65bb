/**
 * The JUnit reporter, for CI dashboards: one `<testsuite>` per suite, one `<testcase>` per
 * scenario (`classname` the suite, `name` the title and the id). What fails the run is a
 * `<failure>`; what did not run, and the deviations the expectations file lists, are
 * `<skipped>` — so the dashboard goes red exactly when the exit status is 1.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { XMLBuilder } from 'fast-xml-parser'
import type { RunReport, ScenarioResult } from '../model.ts'
import type { Reporter } from './reporter.ts'
import { explain, isoTime, outcomeOf, suiteOf } from './outcome.ts'

/** The file it writes in the output directory. */
export const JUNIT_REPORT_FILE = 'junit.xml'

/**
 * Characters XML 1.0 cannot carry even escaped (control characters a provider's answer may
 * hold): the builder escapes markup, not these, and one of them makes the file unreadable.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const clean = (text: string) => text.replace(NOT_XML, '\uFFFD')
/** Parsers fold a newline in an attribute into a space anyway; do it visibly. */
const attr = (text: string) => clean(text).replace(/\s*\n\s*/g, ' ')
const seconds = (ms: number) => (ms / 1000).toFixed(3)

/**
 * What a failure carries in its body: the message, the spec, and how far the steps went (the
 * failing step's own message is the result's).
 */
function details(result: ScenarioResult): string {
  const steps = result.subtests.map((s) => `${s.status} ${s.name}`)
  return clean([explain(result), '', `spec: ${result.spec}`, ...steps].join('\n'))
}

function testcase(result: ScenarioResult): Record<string, unknown> {
  const node: Record<string, unknown> = {
    '@_classname': suiteOf(result),
    '@_name': `${result.title} [${result.test}]`,
    '@_time': seconds(result.duration),
  }
  switch (outcomeOf(result)) {
    case 'failed':
      node.failure = {
        '@_message': attr(explain(result)),
        '@_type': result.status,
        '#text': details(result),
      }
      break
    case 'known':
    case 'skipped':
      node.skipped = { '@_message': attr(`${result.status}: ${explain(result)}`) }
      break
    case 'passed':
      break
  }
  return node
}

function counts(results: readonly ScenarioResult[]) {
  const outcomes = results.map(outcomeOf)
  return {
    '@_tests': results.length,
    '@_failures': outcomes.filter((o) => o === 'failed').length,
    '@_errors': 0,
    '@_skipped': outcomes.filter((o) => o === 'skipped' || o === 'known').length,
  }
}

/**
 * The report as JUnit XML. Markup in titles and messages is escaped by the builder.
 *
 * @example
 * writeFileSync('reports/junit.xml', renderJunitReport(report))
 */
export function renderJunitReport(report: RunReport): string {
  const suites = new Map<string, ScenarioResult[]>()
  for (const result of report.results) {
    const suite = suiteOf(result)
    suites.set(suite, [...(suites.get(suite) ?? []), result])
  }
  const info = report.run_info
  const properties = {
    property: [
      { '@_name': 'target', '@_value': attr(info.target) },
      { '@_name': 'smsimVersion', '@_value': info.smsimVersion },
    ],
  }
  const timestamp = isoTime(report.time_start).replace(/Z$/, '')
  const testsuite = [...suites].map(([name, results]) => ({
    '@_name': name,
    ...counts(results),
    '@_time': seconds(results.reduce((sum, r) => sum + r.duration, 0)),
    '@_timestamp': timestamp,
    properties,
    testcase: results.map(testcase),
  }))
  if (report.status === 'ERROR')
    // The run itself broke (no target, a bad suite): CI must see it even with no scenario run.
    testsuite.push({
      '@_name': 'run',
      '@_tests': 1,
      '@_failures': 0,
      '@_errors': 1,
      '@_skipped': 0,
      '@_time': '0.000',
      '@_timestamp': timestamp,
      properties,
      testcase: [
        {
          '@_classname': 'run',
          '@_name': 'the conformance run completes',
          '@_time': '0.000',
          error: { '@_message': attr(report.error ?? 'the run failed') },
        },
      ],
    })
  const total = counts(report.results)
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
  })
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': `smsim conformance — ${attr(info.target)}`,
      ...total,
      '@_errors': report.status === 'ERROR' ? 1 : 0,
      '@_time': seconds(report.time_end - report.time_start),
      '@_timestamp': timestamp,
      testsuite,
    },
  }) as string
}

/**
 * Writes `junit.xml` into `outputDir` (created if missing) when the run ends.
 *
 * @example
 * await runScenarios({ target, scenarios, reporters: [junitReporter({ outputDir: 'reports' })] })
 */
export function junitReporter(options: { outputDir: string }): Reporter {
  return {
    async onRunEnd(report) {
      await mkdir(options.outputDir, { recursive: true })
      await writeFile(join(options.outputDir, JUNIT_REPORT_FILE), renderJunitReport(report))
    },
  }
}
