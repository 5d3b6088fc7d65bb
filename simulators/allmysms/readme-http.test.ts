/**
 * The README's table of the HTTP API's codes says what codes.ts says: each code, its text (a
 * stripped tag named) and what produces it. Written by hand, kept in sync here.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ALLMYSMS_HTTP_CODES } from './codes.ts'

const README = readFileSync(new URL('./README.md', import.meta.url), 'utf8')
const section = README.slice(README.indexOf('### The HTTP codes'), README.indexOf('## Fidelity'))

const cell = (text: string) =>
  text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;')

describe('the README’s HTTP code table', () => {
  it.each(ALLMYSMS_HTTP_CODES.map((c) => [c.code, c] as const))('has %s as codes.ts', (code, c) => {
    const row = section.split('\n').find((line) => line.startsWith(`| ${code} `))
    expect(row, `a row for ${code}`).toBeDefined()
    const [, , text, when] = row!.split(/(?<!\\)\|/).map((s) => s.trim())
    // The tags the answer names are the only difference from the public text.
    expect(text!.replace(/ &lt;\/?[A-Z_]+&gt;/g, '')).toBe(cell(c.text))
    expect(when).toBe(cell(c.when))
  })
})
