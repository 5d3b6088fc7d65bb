/**
 * The providers' README code tables, generated from their `codes.ts` as the command's option
 * tables are generated from its options: each `simulators/<provider>/README.md` holds its table
 * between `<!-- codes:start … -->` and `<!-- codes:end -->`, test/code-tables.test.ts fails when
 * a table differs from `codes.ts`, and `npx tsx bin/code-tables.ts` writes them again.
 *
 * It lives beside the command rather than in simulators/ because it formats with Prettier and
 * writes files; it reads the providers' code tables and nothing else of smsim.
 *
 * @example
 * codeTableMarkdown(CODE_TABLES[0]).split('\n')[0] // "| code | document's text | what produces it here |"
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { ALLMYSMS_CODES } from '../simulators/allmysms/codes.ts'
import { ASPSMS_STATUS_CODES } from '../simulators/aspsms/codes.ts'
import { ISENDPRO_CODES, type CodeScope } from '../simulators/isendpro/codes.ts'
import { SMSTOB_CODES } from '../simulators/smstob/codes.ts'

/** One README's table: where it is, its header, and its rows from the provider's codes.ts. */
export interface CodeTable {
  provider: 'smstob' | 'aspsms' | 'allmysms' | 'isendpro'
  /** The README that holds it. */
  readme: string
  header: readonly string[]
  rows: () => readonly (readonly string[])[]
}

/** How the iSendPro README names a code's scope: the whole mail, or one recipient. */
const SCOPE: Record<CodeScope, string> = {
  request: 'mail',
  recipient: 'recipient',
  both: 'mail, recipient',
}

const readmeOf = (provider: string) =>
  fileURLToPath(new URL(`../simulators/${provider}/README.md`, import.meta.url))

export const CODE_TABLES: readonly CodeTable[] = [
  {
    provider: 'smstob',
    readme: readmeOf('smstob'),
    header: ['code', "document's text", 'what produces it here'],
    rows: () => SMSTOB_CODES.map((c) => [String(c.code), c.text, c.when]),
  },
  {
    provider: 'aspsms',
    readme: readmeOf('aspsms'),
    header: ['code', 'text', 'what produces it', 'source of the cause'],
    rows: () => ASPSMS_STATUS_CODES.map((c) => [String(c.code), c.text, c.when, c.source]),
  },
  {
    provider: 'allmysms',
    readme: readmeOf('allmysms'),
    header: ['code', 'text', 'what produces it here'],
    rows: () => ALLMYSMS_CODES.map((c) => [String(c.code), c.text, c.when]),
  },
  {
    provider: 'isendpro',
    readme: readmeOf('isendpro'),
    header: ['code', 'text', 'scope', 'what produces it here'],
    rows: () => ISENDPRO_CODES.map((c) => [String(c.code), c.text, SCOPE[c.scope], c.when]),
  },
]

/**
 * A table cell: outside code spans `<` and `>` are written as entities (the document's
 * `<MESSAGE>` is text, not HTML), and a `|` would end the cell even inside backquotes (GitHub's
 * tables), so it is escaped everywhere.
 *
 * @example
 * cell('après la balise <MESSAGE>, `a|b`') // 'après la balise &lt;MESSAGE&gt;, `a\\|b`'
 */
export function cell(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('')
    .replace(/\|/g, '\\|')
}

/** A table as Markdown, unpadded: one row per code, in codes.ts's order. */
export function codeTableMarkdown(table: CodeTable): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`
  return [
    `| ${table.header.join(' | ')} |`,
    `|${table.header.map(() => '---').join('|')}|`,
    ...table.rows().map(line),
  ].join('\n')
}

/** The table as the README holds it: formatted by Prettier with the repository's settings. */
export async function formattedCodeTable(table: CodeTable): Promise<string> {
  const options = (await resolveConfig(table.readme)) ?? {}
  return (await format(codeTableMarkdown(table), { ...options, parser: 'markdown' })).trimEnd()
}

const START = '<!-- codes:start'
const END = '<!-- codes:end -->'
const MARKERS = /(<!-- codes:start[^>]*-->\n)([\s\S]*?)(\n<!-- codes:end -->)/

/** What a README holds between its markers (`undefined`: no markers). */
export function readmeCodeBlock(readme: string): string | undefined {
  return MARKERS.exec(readme)?.[2]?.trim()
}

/**
 * Writes each README's table from codes.ts; returns the READMEs it changed. A README without
 * the markers is an error: the table would be forgotten.
 */
export async function writeCodeTables(
  tables: readonly CodeTable[] = CODE_TABLES,
): Promise<string[]> {
  const changed: string[] = []
  for (const table of tables) {
    const readme = readFileSync(table.readme, 'utf8')
    if (!readme.includes(START) || !readme.includes(END))
      throw new Error(`${table.readme}: no ${START} … ${END} markers around the code table`)
    const formatted = await formattedCodeTable(table)
    const next = readme.replace(
      MARKERS,
      (_all, start: string, _old: string, end: string) => `${start}\n${formatted}\n${end}`,
    )
    if (next !== readme) {
      writeFileSync(table.readme, next)
      changed.push(table.readme)
    }
  }
  return changed
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const changed = await writeCodeTables()
  console.log(
    changed.length ? `wrote ${changed.join(', ')}` : 'the README code tables are up to date',
  )
}
