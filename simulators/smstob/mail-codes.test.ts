/**
 * SMStoB's mail side, code by code: each code of §4 from a mail in each of the three syntaxes,
 * and the same decision as `http.php` for the same fields.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Envoi d'un SMS par e-mail", §4 (the codes)
 */
import { describe, expect, it } from 'vitest'
import type { InboundMail } from '../core/mail.ts'
import type { MemoryStore } from '../core/memory-store.ts'
import { SMSTOB_CODES } from './codes.ts'
import { decideSend } from './decide.ts'
import { NOT_PLAIN_TEXT_NOTE } from './mail.ts'
import { SMSTOB_REPLY_FROM } from './wire.ts'
import { readSmstobMail } from './mail-syntax.ts'
import {
  FROM,
  HOUR,
  inbound,
  MOBILE,
  NOW,
  PASS,
  send,
  setup,
  SYNTAX_1,
  SYNTAX_2,
  SYNTAX_3,
} from './mail-testing.ts'

const codeOf = (store: MemoryStore, mail: InboundMail, now = NOW) =>
  send(store, mail, now).journal.code

/** The same send in each syntax: the address, then the subject, for a number and a date. */
const EACH_SYNTAX = [
  { syntax: 1, to: (n = MOBILE) => `${PASS}.${n}@smstob.com`, subject: (_n = MOBILE, d = '') => d },
  { syntax: 2, to: () => SYNTAX_2, subject: (n = MOBILE) => n },
  {
    syntax: 3,
    to: () => SYNTAX_3,
    subject: (n = MOBILE, d = '') => `${PASS}:${n}${d ? ` ${d}` : ''}`,
  },
] as const

describe('handleSmstobMail: every code from a mail', () => {
  it.each(EACH_SYNTAX)(
    'answers 80 in syntax $syntax, sends the body to the number and mails a confirmation',
    ({ to, subject }) => {
      const store = setup()
      const result = send(store, inbound(to(), subject(), 'Bonjour\r\n'))
      expect(result.journal).toMatchObject({ code: 80, account: FROM })
      expect(result.sms).toEqual([
        expect.objectContaining({ to: '+33660919010', text: 'Bonjour', transport: 'mail' }),
      ])
      expect(result.mails).toEqual([
        expect.objectContaining({
          from: SMSTOB_REPLY_FROM,
          to: FROM,
          subject: "SMStoB : confirmation d'envoi (80)",
        }),
      ])
      expect(store.account('smstob', FROM)?.credits).toBe(9)
    },
  )

  it.each(EACH_SYNTAX.filter((s) => s.syntax !== 2))(
    'answers 81 in syntax $syntax for a date in the subject, and schedules the SMS',
    ({ to, subject }) => {
      const store = setup()
      const result = send(store, inbound(to(), subject(MOBILE, '123015092026')))
      expect(result.journal.code).toBe(81)
      expect(result.sms[0]).toMatchObject({
        status: 'scheduled',
        scheduledAt: '2026-09-15T10:30:00.000Z',
      })
      expect(result.mails[0]?.text).toContain('Envoi prévu le 15/09/2026 à 12:30 (heure de Paris)')
    },
  )

  it('has no date in syntax 2: a date after the number makes it an invalid number (84)', () => {
    expect(codeOf(setup(), inbound(SYNTAX_2, `${MOBILE} 123015092026`))).toBe(84)
  })

  it.each(EACH_SYNTAX)(
    'answers 82 in syntax $syntax to a sender who is not registered',
    ({ to, subject }) => {
      const result = send(setup(), inbound(to(), subject(), 'Bonjour', { from: 'paul@example.fr' }))
      expect(result.journal.code).toBe(82)
      expect(result.journal).not.toHaveProperty('account')
      expect(result.sms).toEqual([])
      expect(result.mails).toEqual([
        expect.objectContaining({
          to: 'paul@example.fr',
          subject: "SMStoB : message d'erreur (82)",
        }),
      ])
    },
  )

  it('answers 82 to a wrong password in each syntax, the case of the password counting', () => {
    expect(codeOf(setup(), inbound(`xv65ju.${MOBILE}@smstob.com`))).toBe(82)
    expect(codeOf(setup(), inbound('sms.XV65JV@smstob.com', MOBILE))).toBe(82)
    expect(codeOf(setup(), inbound(SYNTAX_3, `xv65ju:${MOBILE}`))).toBe(82)
  })

  it('finds the account whatever the case of the From address', () => {
    expect(codeOf(setup(), inbound(SYNTAX_1, '', 'Bonjour', { from: 'Ecole@Example.FR' }))).toBe(80)
  })

  it.each(EACH_SYNTAX)(
    'answers 83 in syntax $syntax when the account has no credit',
    ({ to, subject }) => {
      expect(codeOf(setup({}, 0), inbound(to(), subject()))).toBe(83)
    },
  )

  it.each(EACH_SYNTAX)('answers 84 in syntax $syntax to a landline', ({ to, subject }) => {
    expect(codeOf(setup(), inbound(to('0145454545'), subject('0145454545')))).toBe(84)
  })

  it.each([
    ['syntax 1, any subject that is not a date', inbound(SYNTAX_1, 'Rappel')],
    ['syntax 1, an impossible date', inbound(SYNTAX_1, '120031022026')],
    ['syntax 3, a date after a second colon', inbound(SYNTAX_3, `${PASS}:${MOBILE}:12h30`)],
    ['syntax 3, an impossible 12-digit date', inbound(SYNTAX_3, `${PASS}:${MOBILE} 999915092026`)],
  ])('answers 85 for %s', (_what, mail) => {
    expect(codeOf(setup(), mail)).toBe(85)
  })

  it.each(EACH_SYNTAX)('answers 86 in syntax $syntax to an empty group', ({ to, subject }) => {
    expect(codeOf(setup({ groups: { vide: [] } }), inbound(to('vide'), subject('vide')))).toBe(86)
  })

  it('answers 87 to a mail with no sender address, and replies to no one', () => {
    const result = send(setup(), inbound(SYNTAX_1, '', 'Bonjour', { from: '' }))
    expect(result.journal.code).toBe(87)
    expect(result.effects).toEqual([])
  })

  it.each([
    ['syntax 1, nothing before the dot', inbound(`.${MOBILE}@smstob.com`)],
    ['syntax 2, nothing after the dot', inbound('sms.@smstob.com', MOBILE)],
    ['syntax 3, no colon in the subject', inbound(SYNTAX_3, MOBILE)],
    ['syntax 3, nothing before the colon', inbound(SYNTAX_3, `:${MOBILE}`)],
  ])('answers 88 (no password) for %s', (_what, mail) => {
    expect(codeOf(setup(), mail)).toBe(88)
  })

  it.each([
    ['syntax 1, nothing after the dot', inbound(`${PASS}.@smstob.com`)],
    ['syntax 2, an empty subject', inbound(SYNTAX_2, '  ')],
    ['syntax 3, nothing after the colon', inbound(SYNTAX_3, `${PASS}:`)],
  ])('answers 89 (no number) for %s', (_what, mail) => {
    expect(codeOf(setup(), mail)).toBe(89)
  })

  it.each([
    ['an empty body', inbound(SYNTAX_1, '', '\r\n\r\n')],
    ['a body that is only a signature', inbound(SYNTAX_1, '', '-- \r\nJean Dupont\r\n')],
  ])('answers 90 for %s', (_what, mail) => {
    const result = send(setup(), mail)
    expect(result.journal.code).toBe(90)
    expect(result.mails[0]?.text).not.toContain('TEXTE BRUT')
  })

  it('answers 90 to an HTML-only mail, saying the message must be plain text', () => {
    const mail = inbound(SYNTAX_1, '', '', { hasPlainText: false, html: '<p>Bonjour</p>' })
    const result = send(setup(), mail)
    expect(result.journal).toMatchObject({ code: 90, request: { bodyProblem: 'not-plain-text' } })
    expect(result.mails[0]?.text).toContain(NOT_PLAIN_TEXT_NOTE)
  })

  it.each(EACH_SYNTAX)(
    'answers 91 in syntax $syntax to the same text within 24 h',
    ({ to, subject }) => {
      const store = setup()
      expect(codeOf(store, inbound(to(), subject()))).toBe(80)
      expect(codeOf(store, inbound(to(), subject()), new Date(NOW.getTime() + 23 * HOUR))).toBe(91)
    },
  )

  it('applies the 24 h rule across transports: http.php then the same text by mail is 91', () => {
    const store = setup()
    const http = decideSend(
      { transport: 'http', email: FROM, pass: PASS, numero: MOBILE, message: 'Bonjour' },
      store,
      NOW,
    )
    store.apply(http.effects, NOW)
    expect(codeOf(store, inbound(SYNTAX_3, `${PASS}:${MOBILE}`))).toBe(91)
  })

  it('produces every code of the table from mails', () => {
    const produced = new Set<number | string | undefined>()
    const store = setup({ groups: { vide: [] } })
    for (const mail of [
      inbound(SYNTAX_1),
      inbound(SYNTAX_1, '123015092026', 'Plus tard'),
      inbound(SYNTAX_2, MOBILE, 'Bonjour', { from: 'inconnu@example.fr' }),
      inbound(SYNTAX_2, '0145454545'),
      inbound(SYNTAX_3, `${PASS}:${MOBILE}:demain`),
      inbound(SYNTAX_3, `${PASS}:vide`),
      inbound(SYNTAX_1, '', 'Bonjour', { from: '' }),
      inbound(SYNTAX_3, MOBILE),
      inbound(SYNTAX_3, `${PASS}:`),
      inbound(SYNTAX_2, MOBILE, ''),
      inbound(SYNTAX_3, `${PASS}:${MOBILE}`),
    ])
      produced.add(codeOf(store, mail))
    produced.add(codeOf(setup({}, 0), inbound(SYNTAX_1)))
    expect([...produced].sort()).toEqual(SMSTOB_CODES.map((c) => c.code).sort())
  })
})

describe('the same decision as http.php', () => {
  /** Mails and the http.php fields they stand for. */
  const CASES: [string, InboundMail][] = [
    ['syntax 1', inbound(SYNTAX_1)],
    ['syntax 1 deferred', inbound(SYNTAX_1, '123015092026')],
    ['syntax 1 bad date', inbound(SYNTAX_1, 'x')],
    ['syntax 2 group', inbound(SYNTAX_2, 'resto', 'Bonjour [v1]')],
    ['syntax 2 wrong pass', inbound('sms.faux@smstob.com', 'resto')],
    ['syntax 3 deferred', inbound(SYNTAX_3, `${PASS}:${MOBILE} 123015092026`)],
    ['syntax 3 empty', inbound(SYNTAX_3, '', '')],
    ['html only', inbound(SYNTAX_3, `${PASS}:${MOBILE}`, '', { hasPlainText: false })],
    ['unknown sender', inbound(SYNTAX_1, '', 'x', { from: 'x@y.fr' })],
  ]
  const groups = {
    resto: [
      { number: MOBILE, v1: 'Jean' },
      { number: '0660545465', v1: 'Jérôme' },
    ],
  }

  it.each(CASES)('decides %s as http.php decides the same fields', (_what, mail) => {
    const fields = readSmstobMail(mail, mail.envelope.to[0]!)!
    const http = decideSend(
      {
        transport: 'http',
        email: mail.from,
        ...(fields.pass !== undefined ? { pass: fields.pass } : {}),
        ...(fields.numero !== undefined ? { numero: fields.numero } : {}),
        ...(fields.message !== undefined ? { message: fields.message } : {}),
        ...(fields.diff !== undefined ? { diff: fields.diff } : {}),
      },
      setup({ groups }),
      NOW,
    )
    const byMail = send(setup({ groups }), mail)
    expect(byMail.journal.code).toBe(http.reply.code)
    const withoutMails = byMail.effects.filter((e) => e.kind !== 'mail')
    expect(JSON.stringify(withoutMails)).toBe(
      JSON.stringify(http.effects).replaceAll('"http"', '"mail"').replaceAll('(http)', '(mail)'),
    )
  })
})
