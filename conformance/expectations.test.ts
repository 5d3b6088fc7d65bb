import { describe, expect, it } from 'vitest'
import { expectedStatuses, matchesId, parseExpectations } from './expectations.ts'

describe('expectations files', () => {
  it('read a status alone or a status with its reason', () => {
    const text = [
      'smstob-http/code-91-duplicate-24h: FAIL',
      'smstob-http/code-83-*: { status: PRECONDITION_FAILED, reason: no credits to set }',
    ].join('\n')
    expect(parseExpectations(text)).toEqual({
      'smstob-http/code-91-duplicate-24h': { status: 'FAIL' },
      'smstob-http/code-83-*': { status: 'PRECONDITION_FAILED', reason: 'no credits to set' },
    })
  })

  it('may be empty', () => {
    expect(parseExpectations('# nothing deviates yet\n')).toEqual({})
  })

  it('refuse an unknown status, naming the entry and the statuses there are', () => {
    expect(() => parseExpectations('a/b: BROKEN', 'exp.yaml')).toThrowErrorMatchingInlineSnapshot(
      `[BadConfigError: exp.yaml: a/b: Invalid input (an entry is "<scenario id>: <status>" or "<id>: { status, reason }", status one of PASS, FAIL, TIMEOUT, NOTRUN, PRECONDITION_FAILED)]`,
    )
  })

  it('refuse what is not a mapping and what is not YAML', () => {
    expect(() => parseExpectations('- a/b', 'exp.yaml')).toThrow(/exp.yaml: the file: /)
    expect(() => parseExpectations('a: [', 'exp.yaml')).toThrow(/exp.yaml: not YAML/)
  })
})

describe('scenario patterns', () => {
  it('match an id, the id without its transport, or a glob over either', () => {
    expect(matchesId('smstob-http/code-80-sent', 'smstob-http/code-80-sent')).toBe(true)
    expect(matchesId('aspsms-send/ok', 'aspsms-send/ok@soap')).toBe(true)
    expect(matchesId('aspsms-send/ok@json', 'aspsms-send/ok@soap')).toBe(false)
    expect(matchesId('*code-8?-*', 'smstob-http/code-82-bad-login')).toBe(true)
    expect(matchesId('smstob-*', 'aspsms-send/ok')).toBe(false)
    // Regular-expression characters in an id are literal.
    expect(matchesId('a.b/c', 'axb/c')).toBe(false)
  })
})

describe('expected statuses', () => {
  const scenarios = [{ id: 'smstob-http/a' }, { id: 'smstob-http/b' }, { id: 'smstob-mail/a' }]

  it('give each scenario the status of its exact entry first, else of the first glob', () => {
    const expectations = parseExpectations(
      ['smstob-http/*: NOTRUN', '"*/a": TIMEOUT', 'smstob-http/a: FAIL'].join('\n'),
    )
    expect(expectedStatuses(expectations, scenarios).statuses).toEqual({
      'smstob-http/a': 'FAIL',
      'smstob-http/b': 'NOTRUN',
      'smstob-mail/a': 'TIMEOUT',
    })
  })

  it('list the entries that name no scenario (a typo, a renamed scenario)', () => {
    const expectations = parseExpectations('smstob-http/a: FAIL\nsmstob-http/zz: FAIL\n')
    expect(expectedStatuses(expectations, scenarios).unused).toEqual(['smstob-http/zz'])
  })
})
