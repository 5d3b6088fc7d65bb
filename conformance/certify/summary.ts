/**
 * The batch's summary — one row per school, certified or not and why — as HTML for the
 * Syndicat, CSV for its spreadsheet and JSON for its tools; and the writing of every file of a
 * batch (a certificate per school, the summary) into the output directory.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { SMSIM_VERSION } from '../../simulators/version.ts'
import type { ScenarioResult } from '../model.ts'
import { escapeHtml as e } from '../reporters/html.ts'
import { renderJunitReport } from '../reporters/junit.ts'
import { CERTIFY_STYLE, frenchDate, renderCertificate } from './certificate.ts'
import type { BatchResult } from './run.ts'

/** One school of the summary, certified or not, with why. */
export interface SummaryRow {
  code: string
  name: string
  /** Line in the CSV of schools, when it came from one. */
  line?: number
  verdict: 'CERTIFIED' | 'NOT CERTIFIED'
  reasons: string[]
  /** The certificate's HTML file (none for a row that could not be certified at all). */
  certificate?: string
}

/** The summary's files in the output directory. */
export const SUMMARY_FILES = {
  html: 'summary.html',
  csv: 'summary.csv',
  json: 'summary.json',
  junit: 'junit.xml',
} as const

/**
 * Rows in the order of the CSV of schools (a row without a line number comes first).
 *
 * @example
 * summaryRows(batch)[0] // { code: '73001', name: 'ESF Tignes', line: 2, verdict: 'CERTIFIED', reasons: [], certificate: '73001-esf-tignes.html' }
 */
export function summaryRows(batch: BatchResult): SummaryRow[] {
  const rows: SummaryRow[] = [
    ...batch.certificates.map((c) => ({
      code: c.school.code,
      name: c.school.name,
      ...(c.school.line !== undefined ? { line: c.school.line } : {}),
      verdict: c.verdict,
      reasons: c.reasons,
      certificate: `${c.file}.html`,
    })),
    ...batch.bad.map((b) => ({
      code: b.code,
      name: b.name,
      ...(b.line !== undefined ? { line: b.line } : {}),
      verdict: 'NOT CERTIFIED' as const,
      reasons: b.reasons.map((r) => `Ligne refusée : ${r}`),
    })),
  ]
  return rows.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
}

/**
 * A text cell a spreadsheet will not run: the file is opened in Excel, and a school name
 * written `=HYPERLINK(…)` in the CSV of schools would otherwise become a formula there.
 */
function cell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/**
 * The summary as CSV (comma-separated, a header row; reasons joined by ` | `).
 *
 * @example
 * renderSummaryCsv(batch)
 * // 'line,code,name,verdict,reasons,certificate\n2,73001,ESF Tignes,CERTIFIED,,73001-esf-tignes.html\n…'
 */
export function renderSummaryCsv(batch: BatchResult): string {
  return stringify(
    summaryRows(batch).map((r) => [
      r.line ?? '',
      r.code,
      cell(r.name),
      r.verdict,
      cell(r.reasons.join(' | ')),
      r.certificate ?? '',
    ]),
    { header: true, columns: ['line', 'code', 'name', 'verdict', 'reasons', 'certificate'] },
  )
}

/**
 * The summary as JSON: the batch's facts and the rows (no credential).
 *
 * @example
 * JSON.parse(renderSummaryJson(batch)) // { started: '2026-01-06T09:00:00.000Z', …, total: 4, certified: 2, schools: [...] }
 */
export function renderSummaryJson(batch: BatchResult): string {
  const rows = summaryRows(batch)
  return `${JSON.stringify(
    {
      started: new Date(batch.started).toISOString(),
      finished: new Date(batch.finished).toISOString(),
      mode: batch.mode,
      target: batch.target,
      transport: batch.transport,
      total: rows.length,
      certified: rows.filter((r) => r.verdict === 'CERTIFIED').length,
      schools: rows,
    },
    null,
    2,
  )}\n`
}

/**
 * The summary as one HTML page, in French, each school linked to its certificate.
 *
 * @example
 * await writeFile('reports/certify/summary.html', renderSummaryHtml(batch))
 */
export function renderSummaryHtml(batch: BatchResult): string {
  const rows = summaryRows(batch)
  const certified = rows.filter((r) => r.verdict === 'CERTIFIED').length
  const where =
    batch.mode === 'live'
      ? `ASPSMS en direct (${batch.target}) : seuls les contrôles gratuits ont été faits`
      : `simulateur smsim (${batch.target})`
  const body = rows
    .map((r) => {
      const ok = r.verdict === 'CERTIFIED'
      const name = r.certificate
        ? `<a href="${e(encodeURI(r.certificate))}">${e(r.name || '—')}</a>`
        : e(r.name || '—')
      const reasons = r.reasons.length
        ? `<ul>${r.reasons.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`
        : ''
      return `<tr><td>${e(r.line ?? '')}</td><td>${e(r.code)}</td><td>${name}</td><td class="${ok ? 'v-ok' : 'v-bad'}">${e(r.verdict)}</td><td>${reasons}</td></tr>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Certification Alerte SMS — ${certified} école(s) certifiée(s) sur ${rows.length}</title>
<style>${CERTIFY_STYLE}body{max-width:72rem}</style>
</head>
<body>
<p class="kicker">Syndicat ESF — application « Alerte SMS » par ASPSMS</p>
<h1>Certification des écoles : ${certified} certifiée(s) sur ${rows.length}</h1>
<dl>
<dt>Date</dt><dd>${e(frenchDate(batch.started))}</dd>
<dt>Vérifié contre</dt><dd>${e(where)}, interface ${e(batch.transport.toUpperCase())}</dd>
</dl>
<h2>Écoles</h2>
<table>
<thead><tr><th>Ligne</th><th>Code</th><th>École</th><th>Verdict</th><th>Pourquoi</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`
}

/**
 * The batch as JUnit XML, for a CI job that certifies schools: one test suite per school
 * (named by its certificate file), one test case per check; a row that could not be certified
 * at all is a failed case of its own.
 *
 * @example
 * renderSummaryJunit(batch) // '<?xml …?><testsuites …><testsuite name="73001-esf-tignes" …>'
 */
export function renderSummaryJunit(batch: BatchResult): string {
  const first = batch.certificates[0]?.report
  const results: ScenarioResult[] = [
    ...batch.certificates.flatMap((c) =>
      c.report.results.map((r) => ({ ...r, test: `${c.file}/${r.test.replace(/^[^/]*\//, '')}` })),
    ),
    ...batch.bad.map((row): ScenarioResult => ({
      test: `${row.code || `line-${row.line ?? '?'}`}/row`,
      title: `${row.name || row.code}: the row of the CSV`,
      provider: 'aspsms',
      transport: first?.results[0]?.transport ?? 'soap',
      spec: '',
      status: 'FAIL',
      expected: 'PASS',
      message: row.reasons.join('; '),
      duration: 0,
      subtests: [],
    })),
  ]
  return renderJunitReport({
    run_info: {
      target: batch.target,
      provider: 'aspsms',
      transport: batch.transport,
      suite: 'certification',
      smsimVersion: SMSIM_VERSION,
    },
    status: 'OK',
    time_start: batch.started,
    time_end: batch.finished,
    results,
  })
}

/**
 * Writes a batch: `<code>-<slug>.html` and `.json` per school, and `summary.html`, `.csv`,
 * `.json` and `junit.xml`. Returns the paths written.
 *
 * @example
 * await writeBatch(batch, 'reports/certify') // ['reports/certify/73001-esf-tignes.html', …]
 */
export async function writeBatch(batch: BatchResult, outputDir: string): Promise<string[]> {
  await mkdir(outputDir, { recursive: true })
  const files: [string, string][] = [
    ...batch.certificates.flatMap((c): [string, string][] => [
      [`${c.file}.html`, renderCertificate(c)],
      [`${c.file}.json`, `${JSON.stringify(c, null, 2)}\n`],
    ]),
    [SUMMARY_FILES.html, renderSummaryHtml(batch)],
    [SUMMARY_FILES.csv, renderSummaryCsv(batch)],
    [SUMMARY_FILES.json, renderSummaryJson(batch)],
    [SUMMARY_FILES.junit, renderSummaryJunit(batch)],
  ]
  const paths: string[] = []
  for (const [name, text] of files) {
    const path = join(outputDir, name)
    await writeFile(path, text)
    paths.push(path)
  }
  return paths
}
