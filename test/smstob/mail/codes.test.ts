/**
 * Every code 80–91 produced by a mail, in each syntax where it applies, through real SMTP
 * sessions; the answer read back from the reply mail SMStoB sends to the sender.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Envoi d'un SMS par e-mail" ("confirmation
 * d'envoi par e-mail, ou réception d'un message d'erreur"), §4 (the codes)
 */
import { describe, expect, it } from 'vitest'
import { SMSTOB_CODES } from '../../../simulators/smstob/codes.ts'
import {
  HOUR,
  ECOLE,
  MOBILE,
  MOBILE_E164,
  SEND_BY_MAIL,
  SYNTAXES,
  useSmstobMail,
} from './helpers.ts'

describe('SMStoB by mail: the codes', () => {
  const smstob = useSmstobMail()

  describe.each(SYNTAXES)('syntax $syntax', ({ syntax }) => {
    it('answers 80, sends the body to the number, debits one credit and mails a confirmation', async () => {
      const reply = await smstob.sendAndRead({ syntax, ...SEND_BY_MAIL })
      expect(reply).toMatchObject({ kind: 'confirmation', ok: true, code: 80 })
      expect(reply.mail).toMatchObject({
        from: 'noreply@smstob.com',
        to: ECOLE.email,
        subject: "SMStoB : confirmation d'envoi (80)",
      })
      expect(await smstob.messages()).toEqual([
        expect.objectContaining({
          to: MOBILE_E164,
          text: 'Bonjour',
          transport: 'mail',
          status: 'delivered',
        }),
      ])
      expect((await smstob.account()).credits).toBe(9)
    })

    it('answers 82 to a wrong password, with an error mail, sending and debiting nothing', async () => {
      const reply = await smstob.sendAndRead({ syntax, ...SEND_BY_MAIL, pass: 'xv65ju' })
      expect(reply).toMatchObject({ kind: 'error', code: 82 })
      expect(reply.mail.subject).toBe("SMStoB : message d'erreur (82)")
      expect(reply.mail.text).toContain("Aucun SMS n'a été envoyé et rien n'a été débité.")
      expect(await smstob.messages()).toEqual([])
      expect((await smstob.account()).credits).toBe(10)
    })

    it('answers 82 to a sender who is not registered, and replies to that sender', async () => {
      const reply = await smstob.sendAndRead({ syntax, ...SEND_BY_MAIL, from: 'paul@example.fr' })
      expect(reply).toMatchObject({ code: 82 })
      expect(reply.mail.to).toBe('paul@example.fr')
    })

    it('answers 83 when the account has no credit left', async () => {
      await smstob.patchAccount(ECOLE.email, { credits: 0 })
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL })).toBe(83)
    })

    it('answers 84 to a landline', async () => {
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL, numero: '0145454545' })).toBe(84)
    })

    it('answers 86 to an empty group', async () => {
      await smstob.patchAccount(ECOLE.email, { options: { groups: { vide: [] } } })
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL, numero: 'vide' })).toBe(86)
    })

    it('answers 90 to an empty body', async () => {
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL, message: '' })).toBe(90)
    })

    it('answers 91 to the same text to the same number within 24 h, and 80 once they are over', async () => {
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL })).toBe(80)
      await smstob.advance(23 * HOUR)
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL })).toBe(91)
      await smstob.advance(HOUR)
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL })).toBe(80)
      expect(await smstob.messages()).toHaveLength(2)
    })
  })

  it.each([1, 3] as const)('answers 81 in syntax %i to a date in the subject', async (syntax) => {
    expect(await smstob.code({ syntax, ...SEND_BY_MAIL, diff: '123015092026' })).toBe(81)
  })

  it.each([
    [
      'syntax 1, a subject that is not a date',
      { to: `${ECOLE.pass}.${MOBILE}@smstob.com`, subject: 'Rappel' },
    ],
    [
      'syntax 1, 31 February',
      { to: `${ECOLE.pass}.${MOBILE}@smstob.com`, subject: '120031022026' },
    ],
    [
      'syntax 3, a date after a second colon',
      { to: 'sms@smstob.com', subject: `${ECOLE.pass}:${MOBILE}:12h30` },
    ],
    ['syntax 3, 25 h', { to: 'sms@smstob.com', subject: `${ECOLE.pass}:${MOBILE} 250015092026` }],
  ])('answers 85 for %s', async (_what, { to, subject }) => {
    const { messageId } = await smstob.sendMail({ from: ECOLE.email, to, subject, text: 'Bonjour' })
    expect((await smstob.replyTo(messageId)).subject).toBe("SMStoB : message d'erreur (85)")
  })

  it('answers 87 to a mail with no sender address at all, and mails no one', async () => {
    await smstob.sendMail({
      envelope: { from: '', to: [`${ECOLE.pass}.${MOBILE}@smstob.com`] },
      to: `${ECOLE.pass}.${MOBILE}@smstob.com`,
      text: 'Bonjour',
    })
    expect(await smstob.journal()).toEqual([
      expect.objectContaining({ transport: 'smtp', code: 87 }),
    ])
    expect(await smstob.mails()).toEqual([])
  })

  it.each([
    ['syntax 1, nothing before the dot', { to: `.${MOBILE}@smstob.com`, subject: '' }],
    ['syntax 2, nothing after the dot', { to: 'sms.@smstob.com', subject: MOBILE }],
    ['syntax 3, no colon in the subject', { to: 'sms@smstob.com', subject: MOBILE }],
  ])('answers 88 (no password) for %s', async (_what, { to, subject }) => {
    const { messageId } = await smstob.sendMail({ from: ECOLE.email, to, subject, text: 'Bonjour' })
    expect((await smstob.replyTo(messageId)).subject).toBe("SMStoB : message d'erreur (88)")
  })

  it.each([
    ['syntax 1, nothing after the dot', { to: `${ECOLE.pass}.@smstob.com`, subject: '' }],
    ['syntax 2, an empty subject', { to: `sms.${ECOLE.pass}@smstob.com`, subject: '' }],
    ['syntax 3, nothing after the colon', { to: 'sms@smstob.com', subject: `${ECOLE.pass}:` }],
  ])('answers 89 (no number) for %s', async (_what, { to, subject }) => {
    const { messageId } = await smstob.sendMail({ from: ECOLE.email, to, subject, text: 'Bonjour' })
    expect((await smstob.replyTo(messageId)).subject).toBe("SMStoB : message d'erreur (89)")
  })

  it('answers 84 in syntax 2 to a date after the number: syntax 2 has no date', async () => {
    const { messageId } = await smstob.sendMail({
      from: ECOLE.email,
      to: `sms.${ECOLE.pass}@smstob.com`,
      subject: `${MOBILE} 123015092026`,
      text: 'Bonjour',
    })
    expect((await smstob.replyTo(messageId)).subject).toBe("SMStoB : message d'erreur (84)")
  })

  it('sends a body longer than 160 characters in parts, cut at 10, as http.php does', async () => {
    const reply = await smstob.sendAndRead({
      syntax: 3,
      ...SEND_BY_MAIL,
      message: 'a'.repeat(2000),
    })
    expect(reply.code).toBe(80)
    expect(reply.mail.text).toContain('SMS débités : 10')
    expect(await smstob.messages()).toEqual([
      expect.objectContaining({ segments: 10, text: 'a'.repeat(1530) }),
    ])
  })

  it('produces every code of the table by mail', async () => {
    await smstob.patchAccount(ECOLE.email, { options: { groups: { vide: [] } } })
    const produced = new Set<unknown>()
    for (const input of [
      { syntax: 1, ...SEND_BY_MAIL },
      { syntax: 1, ...SEND_BY_MAIL, message: 'Plus tard', diff: '123015092026' },
      { syntax: 2, ...SEND_BY_MAIL, pass: 'faux' },
      { syntax: 2, ...SEND_BY_MAIL, numero: '0145454545' },
      { syntax: 3, ...SEND_BY_MAIL, diff: '999915092026' },
      { syntax: 3, ...SEND_BY_MAIL, numero: 'vide' },
      { syntax: 3, ...SEND_BY_MAIL, pass: '' },
      { syntax: 3, ...SEND_BY_MAIL, numero: '' },
      { syntax: 2, ...SEND_BY_MAIL, message: '' },
      { syntax: 3, ...SEND_BY_MAIL },
    ] as const)
      produced.add(await smstob.code(input))
    await smstob.patchAccount(ECOLE.email, { credits: 0 })
    produced.add(await smstob.code({ syntax: 1, ...SEND_BY_MAIL, message: 'Sans crédit' }))
    await smstob.sendMail({
      envelope: { from: '', to: ['sms@smstob.com'] },
      subject: 'x',
      text: 'x',
    })
    produced.add((await smstob.journal()).at(-1)?.code)
    expect([...produced].sort()).toEqual(SMSTOB_CODES.map((c) => c.code).sort())
  })
})
