/**
 * The HTML reporter: one page a person reads, self-contained (styles inline, no script, no
 * external asset) so that it can be attached to a CI run or mailed as it is. Every value
 * from the report is escaped: messages quote what the target answered, and a target is not
 * trusted to answer harmless text.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  countStatuses,
  nothingChecked,
  STATUSES,
  type RunReport,
  type ScenarioResult,
} from '../model.ts'
import type { Reporter } from './reporter.ts'
import { explain, isoTime, NOTHING_CHECKED, outcomeOf, STATUS_ORDER } from './outcome.ts'

/** The file it writes in the output directory. */
export const HTML_REPORT_FILE = 'report.html'

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/**
 * Text made safe for HTML content and quoted attributes.
 *
 * @example
 * escapeHtml('<script>') // '&lt;script&gt;'
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]!)
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d1d1f;background:#fff}
h1{font-size:1.4rem;margin:0 0 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}
dt{color:#666}dd{margin:0}
.counts span{display:inline-block;margin:0 .5rem .5rem 0;padding:.2rem .6rem;border-radius:1rem;background:#eee}
.verdict{font-weight:600;font-size:1.1rem;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e3e3e3}
th{background:#f6f6f6;position:sticky;top:0}
td.status{font-weight:600;white-space:nowrap}
.s-PASS td.status,.ok{color:#1a7f37}
.s-FAIL td.status,.s-TIMEOUT td.status,.bad{color:#cf222e}
.s-NOTRUN td.status,.s-PRECONDITION_FAILED td.status{color:#9a6700}
tr.known td.status::after{content:" (expected)";font-weight:400;color:#666}
code,.msg{font-family:ui-monospace,monospace;font-size:12px;white-space:pre-wrap;word-break:break-word}
.title{color:#555}
details summary{cursor:pointer;color:#555}
ul{margin:.3rem 0;padding-left:1.2rem}
label{margin-right:1rem}
${STATUSES.map((s) => `body:has(#hide-${s}:checked) tr.s-${s}{display:none}`).join('\n')}
`

function row(result: ScenarioResult): string {
  const outcome = outcomeOf(result)
  const message = outcome === 'passed' ? '' : explain(result)
  const steps = result.subtests.length
    ? `<details><summary>${result.subtests.length} step${result.subtests.length === 1 ? '' : 's'}</summary><ul>${result.subtests
        .map(
          (s) =>
            `<li><b>${escapeHtml(s.status)}</b> ${escapeHtml(s.name)}${s.message ? ` — <span class="msg">${escapeHtml(s.message)}</span>` : ''}</li>`,
        )
        .join('')}</ul></details>`
    : ''
  return `<tr class="s-${escapeHtml(result.status)} ${outcome}">
<td class="status">${escapeHtml(result.status)}</td>
<td><code>${escapeHtml(result.test)}</code><div class="title">${escapeHtml(result.title)}</div></td>
<td>${escapeHtml(result.spec)}</td>
<td><div class="msg">${escapeHtml(message)}</div>${steps}</td>
<td>${escapeHtml(result.duration)} ms</td>
</tr>`
}

/**
 * The whole report as one HTML page.
 *
 * @example
 * writeFileSync('reports/report.html', renderHtmlReport(report))
 */
export function renderHtmlReport(report: RunReport): string {
  const info = report.run_info
  const counts = countStatuses(report.results)
  const failed = report.results.filter((r) => outcomeOf(r) === 'failed').length
  const known = report.results.filter((r) => outcomeOf(r) === 'known').length
  const verdict =
    report.status === 'ERROR'
      ? `<p class="verdict bad">Run error: ${escapeHtml(report.error ?? '')}</p>`
      : nothingChecked(report)
        ? `<p class="verdict bad">NOTHING CHECKED — ${escapeHtml(NOTHING_CHECKED)}</p>`
        : failed
          ? `<p class="verdict bad">FAILED — ${failed} unexpected result${failed === 1 ? '' : 's'}</p>`
          : `<p class="verdict ok">OK${known ? ` — ${known} known deviation${known === 1 ? '' : 's'}` : ''}</p>`
  const fields: [string, string][] = [
    ['Target', info.target],
    ['Provider', info.provider],
    ['Transport', info.transport],
    ['Suite', info.suite],
    ['smsim', info.smsimVersion],
    ['Started', isoTime(report.time_start)],
    ['Duration', `${((report.time_end - report.time_start) / 1000).toFixed(2)} s`],
  ]
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>smsim conformance — ${escapeHtml(info.target)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>smsim conformance — ${escapeHtml(info.target)}</h1>
<dl>${fields.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
<div class="counts">${STATUS_ORDER.map((s) => `<span class="s-${s}">${s} <b>${counts[s]}</b></span>`).join('')}</div>
${verdict}
<p>Hide: ${STATUS_ORDER.map((s) => `<label><input type="checkbox" id="hide-${s}">${s}</label>`).join('')}</p>
<table>
<thead><tr><th>Status</th><th>Scenario</th><th>Specification</th><th>Message</th><th>Time</th></tr></thead>
<tbody>
${report.results.map(row).join('\n')}
</tbody>
</table>
</body>
</html>
`
}

/**
 * Writes `report.html` into `outputDir` (created if missing) when the run ends.
 *
 * @example
 * await runScenarios({ target, scenarios, reporters: [htmlReporter({ outputDir: 'reports' })] })
 */
export function htmlReporter(options: { outputDir: string }): Reporter {
  return {
    async onRunEnd(report) {
      await mkdir(options.outputDir, { recursive: true })
      await writeFile(join(options.outputDir, HTML_REPORT_FILE), renderHtmlReport(report))
    },
  }
}
