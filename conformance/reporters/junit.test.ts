import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { junitReporter, renderJunitReport } from './junit.ts'
import { HOSTILE, sampleReport } from './report.fixture.ts'

interface Case {
  '@_classname': string
  '@_name': string
  '@_time': string
  failure?: { '@_message': string; '@_type': string; '#text': string }
  skipped?: { '@_message': string }
}
interface Suite {
  '@_name': string
  '@_tests': string
  '@_failures': string
  '@_skipped': string
  testcase: Case[]
}

function parse(xml: string) {
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  })
  return parser.parse(xml) as {
    testsuites: { '@_tests': string; '@_failures': string; '@_skipped': string; testsuite: Suite[] }
  }
}

describe('the JUnit reporter', () => {
  it('writes well-formed XML even when a message holds markup and control characters', () => {
    const xml = renderJunitReport(sampleReport())
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(xml).not.toContain('\u0001')
  })

  it('has one testsuite per suite and one testcase per scenario, named by title and id', () => {
    const { testsuites } = parse(renderJunitReport(sampleReport()))
    expect(testsuites.testsuite.map((s) => [s['@_name'], s.testcase.length])).toEqual([
      ['smstob-http', 3],
      ['aspsms-send', 4],
    ])
    const first = testsuites.testsuite[0]!.testcase[0]!
    expect(first['@_classname']).toBe('smstob-http')
    expect(first['@_name']).toBe('title of smstob-http/code-80-sent [smstob-http/code-80-sent]')
    expect(first['@_time']).toBe('0.013')
  })

  it('counts as failures what fails the run and as skipped what did not run or was expected', () => {
    const { testsuites } = parse(renderJunitReport(sampleReport()))
    // FAIL, TIMEOUT, and a PASS the expectations file lists as FAIL.
    expect(testsuites['@_failures']).toBe('3')
    // NOTRUN, PRECONDITION_FAILED, and the known deviation.
    expect(testsuites['@_skipped']).toBe('3')
    const cases = testsuites.testsuite.flatMap((s) => s.testcase)
    expect(cases.filter((c) => c.failure)).toHaveLength(3)
    expect(cases.filter((c) => c.skipped)).toHaveLength(3)
    const [http, aspsms] = testsuites.testsuite
    expect([http!['@_failures'], http!['@_skipped']]).toEqual(['2', '0'])
    expect([aspsms!['@_failures'], aspsms!['@_skipped']]).toEqual(['1', '3'])
  })

  it('gives back the message as it was, markup included, once parsed', () => {
    const { testsuites } = parse(renderJunitReport(sampleReport()))
    const failure = testsuites.testsuite[0]!.testcase[1]!.failure!
    expect(failure['@_type']).toBe('FAIL')
    expect(failure['@_message']).toContain(HOSTILE.slice(0, -1))
    expect(failure['@_message']).not.toContain('\n')
    expect(failure['#text']).toContain('spec: 001_3f6d8b77c0e17a78.txt')
    expect(testsuites.testsuite[1]!.testcase[2]!.skipped!['@_message']).toBe(
      'FAIL: known deviation (expected FAIL): step 1: send: $.code: expected 1, got 2',
    )
  })

  it('adds an errored testcase when the run itself broke', () => {
    const report = { ...sampleReport(), status: 'ERROR' as const, error: 'no target', results: [] }
    const { testsuites } = parse(renderJunitReport(report))
    expect(testsuites.testsuite).toHaveLength(1)
    expect(renderJunitReport(report)).toContain('<error message="no target"/>')
  })

  it('writes junit.xml into the output directory, creating it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'smsim-junit-')), 'nested')
    await junitReporter({ outputDir: dir }).onRunEnd!(sampleReport())
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toBe(renderJunitReport(sampleReport()))
  })
})
