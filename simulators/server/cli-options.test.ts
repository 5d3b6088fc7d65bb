import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildProgram } from './cli.ts'
import { START_OPTIONS, optionsMarkdown } from './cli-options.ts'

describe('smsim start options', () => {
  it('are documented in the README exactly as declared', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const table = /<!-- options:start[^>]*-->\n([\s\S]*?)\n<!-- options:end -->/.exec(readme)?.[1]
    expect(table).toBe(optionsMarkdown())
  })

  it('are the options the parser knows, with their defaults', () => {
    const start = buildProgram().commands.find((c) => c.name() === 'start')!
    expect(start.options.map((o) => o.flags)).toEqual(START_OPTIONS.map((o) => o.flags))
    const defaults = Object.fromEntries(
      start.options.map((o) => [o.attributeName(), o.defaultValue]),
    )
    expect(defaults).toMatchObject({ httpPort: 8780, host: '127.0.0.1' })
  })
})
