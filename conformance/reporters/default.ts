/**
 * The console reporter. On a terminal it draws one progress line (scenarios done out of the
 * total, passed and failed so far) and prints failures above it as they come; in a CI log it
 * prints one plain line per failure, since a redrawn bar there is only noise. It ends with the
 * results that are not a plain PASS and a summary by status: on a terminal all of them (the
 * failures above the bar went to the progress stream, stderr, which a redirected stdout lacks);
 * in a CI log all but the failures, already printed there once each.
 */
import cliProgress from 'cli-progress'
import { createColors } from 'picocolors'
import {
  countStatuses,
  nothingChecked,
  type RunReport,
  type ScenarioResult,
  type Status,
} from '../model.ts'
import type { Reporter } from './reporter.ts'
import { explain, NOTHING_CHECKED, outcomeOf, STATUS_ORDER } from './outcome.ts'

/**
 * A terminal the progress display can redraw: cli-progress only writes to it (readline's
 * cursor moves are escape sequences) and reads its width.
 */
export interface ProgressStream {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

export interface DefaultReporterOptions {
  /** Where the lines go (the command's stdout). */
  write: (text: string) => void
  /** Colour the output: the command passes false on a pipe or when NO_COLOR is set. */
  color?: boolean
  /** A terminal to draw the progress display on; without one, plain lines (CI logs). */
  progress?: ProgressStream
}

type Colors = ReturnType<typeof createColors>

/** How each status is painted: red for what failed, yellow for what did not run. */
function paint(c: Colors, status: Status, text: string = status): string {
  switch (status) {
    case 'PASS':
      return c.green(text)
    case 'FAIL':
    case 'TIMEOUT':
      return c.red(text)
    default:
      return c.yellow(text)
  }
}

/** Messages can span lines (a dumped answer); a log line must not. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}

/** Ids line up after FAIL, PASS, NOTRUN and TIMEOUT; PRECONDITION_FAILED is let run over. */
const STATUS_WIDTH = 'TIMEOUT'.length

/**
 * @example
 * const reporter = defaultReporter({ write: (s) => process.stdout.write(s), color: true })
 * await runScenarios({ target, scenarios, reporters: [reporter] })
 */
export function defaultReporter(options: DefaultReporterOptions): Reporter {
  const c = createColors(options.color ?? false)
  const write = options.write
  const line = (result: ScenarioResult) =>
    `${paint(c, result.status, result.status.padEnd(STATUS_WIDTH))} ${c.bold(result.test)} — ${oneLine(explain(result))}`
  let bars: cliProgress.MultiBar | undefined
  let bar: cliProgress.SingleBar | undefined
  let passed = 0
  let failed = 0

  return {
    onRunStart(info, total) {
      const suites = info.suite ? info.suite.split(',') : []
      const which = suites.length > 3 ? `${suites.length} suites` : suites.join(', ')
      const what = `${total} scenario${total === 1 ? '' : 's'} against ${info.target}${which ? ` (${which})` : ''}`
      write(`smsim conformance: ${what}\n`)
      if (!options.progress) return
      bars = new cliProgress.MultiBar(
        {
          stream: options.progress as NodeJS.WritableStream,
          format: `{bar} {value}/{total} scenarios | ${c.green('{passed} passed')} | ${c.red('{failed} failed')}`,
          barsize: 24,
          // Ctrl-C must stop the run, not just the bar; and a hidden cursor would outlive it.
          gracefulExit: false,
          hideCursor: false,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      )
      bar = bars.create(total, 0, { passed, failed })
    },

    onScenarioResult(result) {
      const outcome = outcomeOf(result)
      if (outcome === 'passed' || outcome === 'known') passed++
      if (outcome === 'failed') failed++
      if (bars && bar) {
        if (outcome === 'failed') bars.log(`${line(result)}\n`)
        bar.increment(1, { passed, failed })
      } else if (outcome === 'failed') {
        write(`${line(result)}\n`)
      }
    },

    onRunEnd(report) {
      if (bars) {
        // stop() alone drops the lines logged since the last redraw.
        bars.update()
        bars.stop()
        bars = undefined
      }
      // On a pipe the failures went through `write` as they came: not a second time.
      write(summary(report, c, line, !options.progress))
    },
  }
}

/**
 * Every result that is not a plain PASS (but the failures when `failuresPrinted`), then the
 * counts and the verdict.
 */
function summary(
  report: RunReport,
  c: Colors,
  line: (r: ScenarioResult) => string,
  failuresPrinted: boolean,
): string {
  const out: string[] = ['']
  const notable = report.results.filter(
    (r) => outcomeOf(r) !== 'passed' && !(failuresPrinted && outcomeOf(r) === 'failed'),
  )
  const rank = (r: ScenarioResult) => STATUS_ORDER.indexOf(r.status)
  // Against a live endpoint most scenarios share one reason not to run: say it once.
  const groups = new Map<string, ScenarioResult[]>()
  for (const result of [...notable].sort((a, b) => rank(a) - rank(b))) {
    const key = `${result.status}\u0000${explain(result)}`
    groups.set(key, [...(groups.get(key) ?? []), result])
  }
  for (const results of groups.values()) {
    const [first] = results as [ScenarioResult]
    if (results.length === 1) out.push(line(first))
    else {
      const status = paint(c, first.status, first.status.padEnd(STATUS_WIDTH))
      out.push(`${status} ${results.length} scenarios — ${oneLine(explain(first))}:`)
      for (const r of results) out.push(`${' '.repeat(STATUS_WIDTH)}   ${c.bold(r.test)}`)
    }
  }
  if (notable.length) out.push('')
  const counts = countStatuses(report.results)
  const parts = STATUS_ORDER.filter((s) => counts[s] > 0).map((s) =>
    paint(c, s, `${counts[s]} ${s}`),
  )
  out.push(`Scenarios  ${parts.join(c.dim(' | ')) || 'none'} (${report.results.length} in all)`)
  const unexpected = report.results.filter((r) => outcomeOf(r) === 'failed').length
  const known = report.results.filter((r) => outcomeOf(r) === 'known').length
  const knownNote = known ? ` (${known} known deviation${known === 1 ? '' : 's'})` : ''
  if (report.status === 'ERROR') out.push(`Result     ${c.red('ERROR')}: ${report.error ?? ''}`)
  else if (nothingChecked(report))
    out.push(`Result     ${c.yellow('NOTHING CHECKED')}: ${NOTHING_CHECKED}`)
  else if (unexpected)
    out.push(
      `Result     ${c.red('FAILED')}: ${unexpected} unexpected result${unexpected === 1 ? '' : 's'}${failuresPrinted ? ' above' : ''}${knownNote}`,
    )
  else out.push(`Result     ${c.green('OK')}${knownNote}`)
  out.push(`Duration   ${((report.time_end - report.time_start) / 1000).toFixed(2)} s`)
  return `${out.join('\n')}\n`
}
