import { describe, expect, it } from 'vitest'
import { isendproCodeOf } from './replies.ts'

describe('reading the replies', () => {
  it('types a code of the annex', () => {
    expect(isendproCodeOf(24)).toBe(24)
    expect(isendproCodeOf(25)).toBeUndefined()
  })
})
