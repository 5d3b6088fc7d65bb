/**
 * Every option of `smsim start`, declared once (STYLE.md §27): the parser, `--help` and the
 * README's option table are all built from this list.
 */
import { optionsMarkdown, type CliOption } from '../simulators/core/cli-option.ts'
import { LOG_FORMATS, LOG_LEVELS } from '../simulators/server/request-log.ts'

export const START_OPTIONS: readonly CliOption[] = [
  {
    flags: '--http-port <port>',
    description: 'HTTP port of the providers and the control API (0 = a free port, printed)',
    default: 8780,
    env: 'SMSIM_HTTP_PORT',
  },
  {
    flags: '--smtp-port <port>',
    description: 'SMTP port of the mail-to-SMS gateway (0 = a free port, printed)',
    default: 2525,
    env: 'SMSIM_SMTP_PORT',
  },
  {
    flags: '--host <address>',
    description: 'address to listen on (HTTP and SMTP); the container image sets 0.0.0.0',
    default: '127.0.0.1',
    env: 'SMSIM_HOST',
  },
  {
    flags: '--config <file>',
    description: 'YAML or JSON file of accounts, clock and number states to load at start',
    env: 'SMSIM_CONFIG',
  },
  {
    flags: '--data-dir <dir>',
    description:
      'keep the state in this directory (SQLite) so that it survives a restart; without it, everything is in memory and lost at exit',
    env: 'SMSIM_DATA_DIR',
  },
  {
    flags: '--reset-data',
    description:
      "empty the --data-dir's state before starting (the way out of a damaged file; the variable: any value)",
    env: 'SMSIM_RESET_DATA',
  },
  {
    flags: '--relay <url>',
    description:
      'also deliver every outbox mail to this SMTP server, e.g. a mail catcher at smtp://127.0.0.1:1025',
    env: 'SMSIM_RELAY',
  },
  {
    flags: '--no-demo',
    description: 'do not create the demo accounts (the variable: any value)',
    env: 'SMSIM_NO_DEMO',
  },
  {
    flags: '--control-token <token>',
    description:
      'require `Authorization: Bearer <token>` on every control route but /_smsim/health (16 characters at least; the environment variable keeps it out of `ps`)',
    env: 'SMSIM_CONTROL_TOKEN',
  },
  {
    flags: '--allow-host <names>',
    description:
      'more Host names the control API answers to, besides loopback and the address it listens on (`*.example.com`: its subdomains; `*`: any, with a token only)',
    env: 'SMSIM_ALLOW_HOSTS',
    list: true,
  },
  {
    flags: '--callback-allow <hosts>',
    description:
      "hosts, addresses and CIDRs delivery notifications may be sent to, besides loopback (smsim's own ports never)",
    env: 'SMSIM_CALLBACK_ALLOW',
    list: true,
  },
  {
    flags: '--tls',
    description:
      'also serve HTTPS (on --https-port, 8443 by default) and offer STARTTLS on the SMTP port, with a certificate of the local CA for every provider host, loopback and --tls-name (the variable: any value)',
    env: 'SMSIM_TLS',
  },
  {
    flags: '--https-port <port>',
    description:
      'HTTPS port: the same providers and control API over TLS (turns TLS on; 0 = a free port, printed)',
    env: 'SMSIM_HTTPS_PORT',
  },
  {
    flags: '--smtps-port <port>',
    description: 'an implicit-TLS SMTP port besides STARTTLS (turns TLS on; 0 = a free port)',
    env: 'SMSIM_SMTPS_PORT',
  },
  {
    flags: '--tls-dir <dir>',
    description:
      'where the local CA is created on first use and reused (`ca.pem`; `ca-key.pem` kept 0600); default `$XDG_CONFIG_HOME/smsim`, else `~/.config/smsim`',
    env: 'SMSIM_TLS_DIR',
  },
  {
    flags: '--tls-name <names>',
    description:
      'more names (or addresses) the served certificate is valid for, e.g. the name of the host smsim runs on',
    env: 'SMSIM_TLS_NAMES',
    list: true,
  },
  {
    flags: '--log-level <level>',
    description:
      'one line per request or mail received (time, provider, transport, account, code and its meaning, duration); `debug` adds what the provider read, secrets masked',
    default: 'info',
    env: 'SMSIM_LOG_LEVEL',
    choices: LOG_LEVELS,
  },
  {
    flags: '--log-format <format>',
    description:
      '`pretty`: aligned, coloured on a terminal (not with NO_COLOR); `json`: one object per line on stdout, the banner on stderr',
    default: 'pretty',
    env: 'SMSIM_LOG_FORMAT',
    choices: LOG_FORMATS,
  },
]

/** A list option's values: `a,b` given twice with `c` → `['a', 'b', 'c']`. */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ]
}

/** The option table of the README, as Markdown (`smsim options-table`). */
export function startOptionsMarkdown(): string {
  return optionsMarkdown(START_OPTIONS)
}
