import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { escapeHtml, htmlReporter, renderHtmlReport } from './html.ts'
import { sampleReport } from './report.fixture.ts'

describe('the HTML reporter', () => {
  it('escapes markup from a message, so a target cannot inject a script', () => {
    const html = renderHtmlReport(sampleReport())
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;')
  })

  it('escapes the run info too', () => {
    const report = sampleReport()
    report.run_info.target = 'http://x/"><img src=x onerror=alert(1)>'
    const html = renderHtmlReport(report)
    expect(html).not.toContain('<img')
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;')
  })

  it('is self-contained: no script, stylesheet, image or link to load', () => {
    const html = renderHtmlReport(sampleReport())
    expect(html).not.toMatch(/\b(src|href)=/i)
    expect(html).not.toMatch(/@import|url\(/)
  })

  it('shows the run info, the counts by status, the verdict and one row per scenario', () => {
    const html = renderHtmlReport(sampleReport())
    expect(html).toContain('<dt>Target</dt><dd>http://127.0.0.1:8780</dd>')
    expect(html).toContain('<dt>Started</dt><dd>2026-01-06T09:00:00Z</dd>')
    expect(html).toContain('<span class="s-FAIL">FAIL <b>2</b></span>')
    expect(html).toContain('<span class="s-PASS">PASS <b>2</b></span>')
    expect(html).toContain('FAILED — 3 unexpected results')
    expect(html.match(/<tr class="s-/g)).toHaveLength(7)
    expect(html).toContain('<tr class="s-FAIL known">')
    expect(html).toContain('001_3f6d8b77c0e17a78.txt — §4 « 80 : Le message a été envoyé »')
  })

  it('says OK with the known deviations when nothing unexpected happened', () => {
    const report = sampleReport()
    report.results = report.results.filter((r) => r.status === r.expected)
    expect(renderHtmlReport(report)).toContain('<p class="verdict ok">OK — 1 known deviation</p>')
  })

  it('says NOTHING CHECKED, not OK, when every scenario was NOTRUN or PRECONDITION_FAILED', () => {
    const report = sampleReport()
    report.results = report.results.filter(
      (r) => r.status === 'NOTRUN' || r.status === 'PRECONDITION_FAILED',
    )
    expect(renderHtmlReport(report)).toContain(
      '<p class="verdict bad">NOTHING CHECKED — every scenario was NOTRUN or PRECONDITION_FAILED: nothing was checked</p>',
    )
  })

  it('writes report.html into the output directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-html-'))
    await htmlReporter({ outputDir: dir }).onRunEnd!(sampleReport())
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(renderHtmlReport(sampleReport()))
  })

  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toMatchInlineSnapshot(
      `"&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"`,
    )
  })
})
