/**
 * `${var}` in suites: a whole-string variable keeps its value's type (numbers stay numbers for
 * `$lt: '${before}'`), a variable inside a text is written into it, and a variable nobody set is
 * a bug in the suite, said as such.
 */
import { describe, expect, it } from 'vitest'
import { fill, UnknownVariableError } from './template.ts'

const VARS = {
  phone: '0770000001',
  credits: 3,
  ratio: 0.5,
  frozen: true,
  nothing: null,
  list: ['a', 'b'],
  account: { id: 'SC1', credits: 10 },
}

describe('fill', () => {
  it('replaces a whole-string variable by the value itself, keeping its type', () => {
    expect(fill('${credits}', VARS)).toBe(3)
    expect(fill('${ratio}', VARS)).toBe(0.5)
    expect(fill('${frozen}', VARS)).toBe(true)
    expect(fill('${nothing}', VARS)).toBeNull()
    expect(fill('${list}', VARS)).toEqual(['a', 'b'])
    expect(fill('${account}', VARS)).toEqual({ id: 'SC1', credits: 10 })
  })

  it('writes variables inside a text as text', () => {
    expect(fill('tel ${phone}, ${credits} credits', VARS)).toBe('tel 0770000001, 3 credits')
    expect(fill('not-${credits}', VARS)).toBe('not-3')
    expect(fill('${phone}${phone}', VARS)).toBe('07700000010770000001')
  })

  it('fills every string of objects and lists, at any depth, and leaves other values alone', () => {
    const step = {
      numero: '${phone}',
      expect: { credits: { $lt: '${credits}' }, codes: [80, '${credits}'], ok: true, x: null },
    }
    expect(fill(step, VARS)).toEqual({
      numero: '0770000001',
      expect: { credits: { $lt: 3 }, codes: [80, 3], ok: true, x: null },
    })
  })

  it('does not change the value it is given', () => {
    const args = { numero: '${phone}' }
    fill(args, VARS)
    expect(args).toEqual({ numero: '${phone}' })
  })

  it('leaves text that only looks like a variable as it is', () => {
    expect(fill('{phone} $phone ${1x} ${}', VARS)).toBe('{phone} $phone ${1x} ${}')
  })

  it('reads a field of a saved value with a dotted name', () => {
    const vars = { reply: { code: 84, records: [{ trn: 'T1' }] } }
    expect(fill('${reply.code}', vars)).toBe(84)
    expect(fill('TRN ${reply.records.0.trn}', vars)).toBe('TRN T1')
    expect(() => fill('${reply.missing}', vars)).toThrow('unknown variable ${reply.missing}')
  })

  it('refuses a variable nobody set, naming it', () => {
    expect(() => fill({ numero: '${telephone}' }, VARS)).toThrowErrorMatchingInlineSnapshot(
      `[UnknownVariableError: unknown variable \${telephone}]`,
    )
    expect(() => fill('to ${telephone}', VARS)).toThrow(UnknownVariableError)
  })

  it('gives the unknown variable a stable code and its name', () => {
    const error = (() => {
      try {
        fill('${telephone}', VARS)
      } catch (e) {
        return e
      }
    })() as UnknownVariableError
    expect(error).toBeInstanceOf(UnknownVariableError)
    expect(error.code).toBe('SMSIM_UNKNOWN_VARIABLE')
    expect(error.variable).toBe('telephone')
  })
})
