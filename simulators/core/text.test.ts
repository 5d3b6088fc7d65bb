import { describe, expect, it } from 'vitest'
import { textAboveSignature } from './text.ts'

describe('textAboveSignature', () => {
  it('cuts at the first `-- ` line, without the line end before it', () => {
    expect(textAboveSignature('Cours annulé\n\n-- \nESF\n-- \nx')).toBe('Cours annulé\n')
    expect(textAboveSignature('-- \nESF')).toBe('')
    expect(textAboveSignature('Cours annulé\n-- ')).toBe('Cours annulé')
  })

  it('keeps a text with no separator line whole, dashes inside a line included', () => {
    expect(textAboveSignature('Cours -- annulé\n --\n--- \n')).toBe('Cours -- annulé\n --\n--- \n')
  })

  it('takes `--` alone as a separator only when asked to', () => {
    expect(textAboveSignature('Bonjour\n--\nJean')).toBe('Bonjour\n--\nJean')
    expect(textAboveSignature('Bonjour\n--\nJean', { bareDashes: true })).toBe('Bonjour')
  })
})
