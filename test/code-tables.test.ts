/**
 * The code tables of the providers' READMEs are codes.ts as bin/code-tables.ts writes it, cell
 * for cell: a code, a text or a cause changed in codes.ts and not in the README fails here
 * (regenerate with `npx tsx bin/code-tables.ts`).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  cell,
  CODE_TABLES,
  codeTableMarkdown,
  formattedCodeTable,
  readmeCodeBlock,
} from '../bin/code-tables.ts'

describe.each(CODE_TABLES.map((t) => [t.provider, t] as const))(
  'the code table of simulators/%s/README.md',
  (_provider, table) => {
    it('is the one generated from codes.ts', async () => {
      const block = readmeCodeBlock(readFileSync(table.readme, 'utf8'))
      expect(block, 'the <!-- codes:start --> … <!-- codes:end --> markers').toBeDefined()
      expect(block).toBe(await formattedCodeTable(table))
    })

    it('has one row per code, in codes.ts’s order', () => {
      const codes = codeTableMarkdown(table)
        .split('\n')
        .slice(2)
        .map((row) => row.split(' | ')[0]!.replace(/^\| /, ''))
      expect(codes).toEqual(table.rows().map((row) => row[0]))
    })
  },
)

describe('a cell of a code table', () => {
  it('writes < and > as entities outside code spans, and escapes | everywhere', () => {
    expect(cell('après la balise <MESSAGE>, `<keyid>` or `a|b`')).toBe(
      'après la balise &lt;MESSAGE&gt;, `<keyid>` or `a\\|b`',
    )
  })
})
