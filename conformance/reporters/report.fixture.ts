/**
 * A hand-built report for the reporters' tests: every status, a known deviation, a PASS the
 * expectations did not expect, two suites, and a message with markup and a control character
 * in it (a target's answer is quoted as it came).
 */
import type { RunReport, ScenarioResult } from '../model.ts'

const base = {
  provider: 'smstob',
  transport: 'http',
  spec: '001_3f6d8b77c0e17a78.txt — §4 « 80 : Le message a été envoyé »',
  expected: 'PASS',
  duration: 12.5,
  subtests: [],
} as const

function result(fields: Partial<ScenarioResult> & Pick<ScenarioResult, 'test' | 'status'>) {
  return { ...base, title: `title of ${fields.test}`, ...fields } as ScenarioResult
}

/** The hostile part of a message: markup, quotes, an ampersand, a control character. */
export const HOSTILE = `<script>alert("x")</script> & 'q'\u0001`

export function sampleReport(): RunReport {
  return {
    run_info: {
      target: 'http://127.0.0.1:8780',
      provider: 'smstob,aspsms',
      transport: 'http,soap',
      suite: 'smstob-http,aspsms-send',
      smsimVersion: '0.1.0',
    },
    status: 'OK',
    time_start: Date.UTC(2026, 0, 6, 9, 0, 0),
    time_end: Date.UTC(2026, 0, 6, 9, 0, 2, 500),
    results: [
      result({
        test: 'smstob-http/code-80-sent',
        status: 'PASS',
        subtests: [{ name: 'step 1: send', status: 'PASS' }],
      }),
      result({
        test: 'smstob-http/code-91-duplicate-24h',
        status: 'FAIL',
        message: `step 2: send: $.code: expected 91, got 80 — the answer was ${HOSTILE}\nsecond line`,
        subtests: [
          { name: 'step 1: send', status: 'PASS' },
          { name: 'step 2: send', status: 'FAIL', message: 'expected 91, got 80' },
        ],
      }),
      result({
        test: 'smstob-http/code-81-deferred',
        status: 'TIMEOUT',
        message: 'step 1: send: no answer within 10000 ms',
      }),
      result({
        test: 'aspsms-send/send-ok@soap',
        transport: 'soap',
        provider: 'aspsms',
        status: 'NOTRUN',
        message: 'costs credits: not run against http://127.0.0.1:8780, a live endpoint',
      }),
      result({
        test: 'aspsms-send/clock@soap',
        transport: 'soap',
        provider: 'aspsms',
        status: 'PRECONDITION_FAILED',
        message: 'given "clock at {time}": no control API',
      }),
      result({
        test: 'aspsms-send/known@soap',
        transport: 'soap',
        provider: 'aspsms',
        status: 'FAIL',
        expected: 'FAIL',
        message: 'step 1: send: $.code: expected 1, got 2',
      }),
      result({
        test: 'aspsms-send/fixed@soap',
        transport: 'soap',
        provider: 'aspsms',
        status: 'PASS',
        expected: 'FAIL',
      }),
    ],
  }
}
