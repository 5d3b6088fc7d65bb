import { describe, expect, it } from 'vitest'
import { codeEntry, codeText } from './codes.ts'
import type { CodeEntry } from './provider.ts'

/** A table as the providers write theirs (`as const`, STYLE.md §10). */
const CODES = [
  { code: 80, text: 'Le message a été envoyé', when: 'sent', source: 'documented' },
  { code: 84, text: "le numéro de gsm n'est pas valide", when: 'bad number', source: 'documented' },
] as const satisfies readonly CodeEntry[]

describe('codeEntry', () => {
  it('finds a code as a number or as written in a page or a mail', () => {
    expect(codeEntry(CODES, 84)?.text).toBe("le numéro de gsm n'est pas valide")
    expect(codeEntry(CODES, '84')).toBe(codeEntry(CODES, 84))
  })

  it('finds nothing for a code the table does not have, or none at all', () => {
    expect(codeEntry(CODES, 79)).toBeUndefined()
    expect(codeEntry(CODES, '084')).toBeUndefined()
    expect(codeEntry(CODES, undefined)).toBeUndefined()
  })

  it('reads tables with a code and a text only', () => {
    expect(codeEntry([{ code: 101, text: 'Les appels répondeurs…' }], 101)?.code).toBe(101)
  })
})

describe('codeText', () => {
  it("gives a code's text, verbatim from the table", () => {
    const text: string = codeText(CODES, 80)
    expect(text).toBe('Le message a été envoyé')
  })

  it('gives undefined for a number that is no code of the table', () => {
    expect(codeText(CODES, 9999 as number)).toBeUndefined()
  })
})
