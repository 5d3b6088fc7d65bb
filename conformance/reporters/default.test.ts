import { describe, expect, it } from 'vitest'
import type { Reporter } from './reporter.ts'
import { defaultReporter } from './default.ts'
import { sampleReport } from './report.fixture.ts'

/** Plays a report through a reporter's hooks, as the runner would. */
async function play(reporter: Reporter, report = sampleReport()) {
  await reporter.onRunStart?.(report.run_info, report.results.length)
  for (const result of report.results) await reporter.onScenarioResult?.(result)
  await reporter.onRunEnd?.(report)
}

function plain(color = false) {
  const lines: string[] = []
  return {
    lines,
    text: () => lines.join(''),
    reporter: defaultReporter({ write: (s) => void lines.push(s), color }),
  }
}

describe('the default reporter, on a pipe (CI logs)', () => {
  it('prints one line per failure as it comes, and nothing for a pass', async () => {
    const { lines, reporter } = plain()
    const report = sampleReport()
    await reporter.onRunStart!(report.run_info, report.results.length)
    expect(lines).toEqual([
      'smsim conformance: 7 scenarios against http://127.0.0.1:8780 (smstob-http, aspsms-send)\n',
    ])
    await reporter.onScenarioResult!(report.results[0]!)
    expect(lines).toHaveLength(1)
    await reporter.onScenarioResult!(report.results[1]!)
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/^FAIL {4}smstob-http\/code-91-duplicate-24h — step 2: send: /)
    // A message over several lines stays one log line.
    expect(lines[1]!.trimEnd().split('\n')).toHaveLength(1)
  })

  it('does not print skipped scenarios or known deviations as they come', async () => {
    const { lines, reporter } = plain()
    const report = sampleReport()
    for (const index of [3, 4, 5]) await reporter.onScenarioResult!(report.results[index]!)
    expect(lines).toEqual([])
  })

  it('ends with every other result that is not a plain PASS, then the counts by status', async () => {
    const { text, reporter } = plain()
    await play(reporter)
    const summary = text().slice(text().indexOf('\n\n'))
    for (const id of [
      'aspsms-send/send-ok@soap',
      'aspsms-send/clock@soap',
      'aspsms-send/known@soap',
    ])
      expect(summary).toContain(id)
    expect(summary).not.toContain('smstob-http/code-80-sent')
    expect(summary).toContain('known deviation (expected FAIL)')
    expect(summary).toContain(
      'Scenarios  2 FAIL | 1 TIMEOUT | 1 PRECONDITION_FAILED | 1 NOTRUN | 2 PASS (7 in all)',
    )
    expect(summary).toContain('Result     FAILED: 3 unexpected results above (1 known deviation)')
    expect(summary).toContain('Duration   2.50 s')
  })

  it('prints each failure once: as it comes, not again in the summary', async () => {
    const { text, reporter } = plain()
    await play(reporter)
    for (const id of [
      'smstob-http/code-91-duplicate-24h',
      'smstob-http/code-81-deferred',
      'aspsms-send/fixed@soap',
    ]) {
      expect(text().split(id), id).toHaveLength(2)
      expect(text().indexOf(id), id).toBeLessThan(text().indexOf('\n\n'))
    }
    expect(text()).toContain('passed, but the expectations file lists it as FAIL')
  })

  it('says NOTHING CHECKED when every scenario was NOTRUN or PRECONDITION_FAILED', async () => {
    const { text, reporter } = plain()
    const report = sampleReport()
    report.results = report.results.filter(
      (r) => r.status === 'NOTRUN' || r.status === 'PRECONDITION_FAILED',
    )
    await play(reporter, report)
    expect(text()).toContain(
      'Result     NOTHING CHECKED: every scenario was NOTRUN or PRECONDITION_FAILED: nothing was checked',
    )
    expect(text()).not.toContain('Result     OK')
  })

  it('says why scenarios were left out once for all those left out for the same reason', async () => {
    const { text, reporter } = plain()
    const report = sampleReport()
    report.results = [report.results[3]!, { ...report.results[3]!, test: 'aspsms-send/other@soap' }]
    await play(reporter, report)
    expect(text()).toContain(
      'NOTRUN  2 scenarios — costs credits: not run against http://127.0.0.1:8780, a live endpoint:\n' +
        '          aspsms-send/send-ok@soap\n' +
        '          aspsms-send/other@soap\n',
    )
  })

  it('says OK when every result is what was expected', async () => {
    const { text, reporter } = plain()
    const report = sampleReport()
    report.results = report.results.filter((r) => r.status === r.expected)
    await play(reporter, report)
    expect(text()).toContain('Result     OK (1 known deviation)')
  })

  it('says ERROR with the reason when the run broke', async () => {
    const { text, reporter } = plain()
    await play(reporter, { ...sampleReport(), status: 'ERROR', error: 'target gone', results: [] })
    expect(text()).toContain('Result     ERROR: target gone')
  })

  it('colours only when asked to', async () => {
    const bare = plain(false)
    await play(bare.reporter)
    expect(bare.text()).not.toContain('\x1b[')
    const coloured = plain(true)
    await play(coloured.reporter)
    expect(coloured.text()).toContain('\x1b[31mFAIL')
  })
})

describe('the default reporter, on a terminal', () => {
  it('draws the progress with the pass and fail counts and prints failures above it', async () => {
    const drawn: string[] = []
    const lines: string[] = []
    const terminal = { isTTY: true, columns: 120, write: (s: string) => void drawn.push(s) }
    const reporter = defaultReporter({ write: (s) => void lines.push(s), progress: terminal })
    const report = sampleReport()
    await reporter.onRunStart!(report.run_info, report.results.length)
    for (const result of report.results) await reporter.onScenarioResult!(result)
    await reporter.onRunEnd!(report)
    const screen = drawn.join('')
    // The known deviation counts as passed; the PASS the expectations did not expect, as failed.
    expect(screen).toContain('7/7 scenarios | 2 passed | 3 failed')
    expect(screen).toContain('FAIL    smstob-http/code-91-duplicate-24h — ')
    // The failures go above the bar, not into the plain output; the summary still does.
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([])
    expect(lines.join('')).toContain('Result     FAILED: 3 unexpected results')
  })
})
