import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildProgram } from './smsim.ts'
import { START_OPTIONS, startOptionsMarkdown } from './start-options.ts'

describe('smsim start options', () => {
  it('are documented in the README exactly as declared', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const table = /<!-- options:start[^>]*-->([\s\S]*?)<!-- options:end -->/.exec(readme)?.[1]
    // Compare cell by cell: Prettier pads the README's columns.
    const cells = (markdown: string) =>
      markdown
        .trim()
        .split('\n')
        .map((row) => row.split('|').map((cell) => cell.trim().replace(/^-+$/, '-')))
    expect(cells(table ?? '')).toEqual(cells(startOptionsMarkdown()))
  })

  it('are the options the parser knows, with their defaults', async () => {
    const start = (await buildProgram()).commands.find((c) => c.name() === 'start')!
    expect(start.options.map((o) => o.flags)).toEqual(START_OPTIONS.map((o) => o.flags))
    const defaults = Object.fromEntries(
      start.options.map((o) => [o.attributeName(), o.defaultValue]),
    )
    expect(defaults).toMatchObject({ httpPort: 8780, smtpPort: 2525, host: '127.0.0.1' })
  })
})
