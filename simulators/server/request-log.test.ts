import { describe, expect, it } from 'vitest'
import type { JournalEntry } from '../core/model.ts'
import { DEBUG_SUMMARY_CHARS, logLine, requestSummary } from './request-log.ts'

const ENTRY: JournalEntry = {
  seq: 7,
  at: '2026-01-05T08:00:00.000Z',
  provider: 'smstob',
  transport: 'http',
  account: 'ecole@example.fr',
  request: {
    method: 'GET',
    params: { email: 'ecole@example.fr', pass: '****', message: 'Bonjour à tous' },
  },
  code: 80,
  meaning: 'Le message a été envoyé',
  status: 200,
}

describe('a log line', () => {
  it('colours a pretty line only when asked', () => {
    expect(logLine(ENTRY, { durationMs: 2 })).not.toContain('\x1b[')
    expect(logLine(ENTRY, { durationMs: 2 }, { color: true })).toContain('\x1b[36msmstob')
  })

  it('keeps a client’s control characters and line ends out of the terminal, in both formats', () => {
    const hostile: JournalEntry = {
      ...ENTRY,
      account: 'evil\x1b[2J',
      note: 'line one\nforged\u009b31m \u202eline',
      request: { message: 'a\x1b]0;title\x07b' },
    }
    for (const format of ['pretty', 'json'] as const) {
      const line = logLine(hostile, {}, { format, level: 'debug' })!
      // eslint-disable-next-line no-control-regex -- none may be left
      expect(line).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e]/)
      expect(line).toContain('\\u001b')
    }
    expect(logLine(hostile, {}, { level: 'debug' })).toContain(
      'line one forged\\u009b31m \\u202eline',
    )
  })

  it('says `-` for what an entry does not have', () => {
    const refusal: JournalEntry = {
      seq: 1,
      at: ENTRY.at,
      transport: 'smtp',
      request: { to: 'friend@gmail.com', from: '' },
      status: 550,
      note: 'relay access denied',
    }
    expect(logLine(refusal, {})).toBe(
      `${ENTRY.at} -        smtp     -                      550            - relay access denied`,
    )
  })

  it('says a request came over HTTPS: `+tls` after the transport, `secure` in JSON', () => {
    const overTls: JournalEntry = { ...ENTRY, transport: 'json', secure: true }
    expect(logLine(overTls, {})).toContain(' smstob   json+tls ecole@example.fr ')
    expect(JSON.parse(logLine(overTls, {}, { format: 'json' })!)).toMatchObject({ secure: true })
    expect(logLine(ENTRY, {})).toContain(' smstob   http     ecole@example.fr ')
    expect(JSON.parse(logLine(ENTRY, {}, { format: 'json' })!)).not.toHaveProperty('secure')
  })

  it('writes nothing at silent', () => {
    expect(logLine(ENTRY, {}, { level: 'silent' })).toBeUndefined()
  })
})

describe('the request summary of a debug line', () => {
  it('names nested fields by their own name and quotes what has spaces', () => {
    expect(requestSummary(ENTRY.request)).toBe(
      'method=GET email=ecole@example.fr pass=**** message="Bonjour à tous"',
    )
  })

  it(`is cut at ${DEBUG_SUMMARY_CHARS} characters, saying how much more there was`, () => {
    const summary = requestSummary({ message: 'x'.repeat(1_000) })
    expect(summary).toBe(`message=${'x'.repeat(DEBUG_SUMMARY_CHARS - 8)}... (608 more characters)`)
  })
})
