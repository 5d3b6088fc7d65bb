/**
 * Every option of `smsim start`, declared once (STYLE.md §27): the parser, `--help` and the
 * README's option table are all built from this list.
 */
export interface CliOption {
  flags: string
  description: string
  default?: string | number | boolean
}

export const START_OPTIONS: readonly CliOption[] = [
  {
    flags: '--http-port <port>',
    description: 'HTTP port of the providers and the control API (0 = a free port, printed)',
    default: 8780,
  },
  {
    flags: '--smtp-port <port>',
    description: 'SMTP port of the mail-to-SMS gateway (0 = a free port, printed)',
    default: 2525,
  },
  {
    flags: '--host <address>',
    description: 'address to listen on (HTTP and SMTP)',
    default: '127.0.0.1',
  },
  {
    flags: '--config <file>',
    description: 'YAML or JSON file of accounts, clock and number states to load at start',
  },
  {
    flags: '--relay <url>',
    description:
      'also deliver every outbox mail to this SMTP server, e.g. a mail catcher at smtp://127.0.0.1:1025',
  },
  { flags: '--no-demo', description: 'do not create the demo accounts' },
]

/** The option table of the README, as Markdown. */
export function optionsMarkdown(): string {
  const rows = START_OPTIONS.map(
    (o) =>
      `| \`${o.flags}\` | ${o.description} | ${o.default === undefined ? '' : `\`${o.default}\``} |`,
  )
  return ['| option | what it does | default |', '|---|---|---|', ...rows].join('\n')
}
