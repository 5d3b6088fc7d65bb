/**
 * A command-line option declared as data (STYLE.md §27): `smsim start` (command/), `smsim
 * conformance` and `smsim certify` (conformance/) each declare theirs as a list of these, and
 * their parser, their `--help` and the option table of their documentation are built from it.
 * Plain data with no parser attached, so that both sides import it from below and neither imports
 * the other.
 */
export interface CliOption {
  flags: string
  description: string
  default?: string | number | boolean
  /** The environment variable read when the option is not given. */
  env?: string
  /** A list: comma-separated, and the option may be repeated. */
  list?: boolean
  /** The only values taken (the parser refuses any other, from the option or the variable). */
  choices?: readonly string[]
}

/** A table cell: a `|` would end it, even inside backquotes (GitHub's tables). */
export const markdownCell = (text: string) => text.replace(/\|/g, '\\|')

/**
 * The options as a Markdown table (README.md, docs/conformance.md, docs/certify.md: a test of
 * each keeps its table in sync). The values taken, a list or an environment variable are said
 * after the description.
 *
 * @example
 * optionsMarkdown([{ flags: '--port <n>', description: 'port', default: 8780 }])
 * // '| option | what it does | default |\n|---|---|---|\n| `--port <n>` | port | `8780` |'
 */
export function optionsMarkdown(options: readonly CliOption[]): string {
  const rows = options.map((o) => {
    const notes = [
      o.choices && `One of ${o.choices.map((c) => `\`${c}\``).join(', ')}.`,
      o.list && 'Comma-separated, repeatable.',
      o.env && `Env \`${o.env}\`.`,
    ]
    const description = [o.description + (o.choices || o.list || o.env ? '.' : ''), ...notes]
      .filter(Boolean)
      .join(' ')
    return `| \`${markdownCell(o.flags)}\` | ${markdownCell(description)} | ${o.default === undefined ? '' : `\`${o.default}\``} |`
  })
  return ['| option | what it does | default |', '|---|---|---|', ...rows].join('\n')
}
