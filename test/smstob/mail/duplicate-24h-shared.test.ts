/**
 * One 24 h rule for both transports: `http.php` and the mail syntaxes are decided by the same
 * code against the same record of what was sent, so a text sent one way is a duplicate (91)
 * the other way.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "91 : le message a déjà été envoyé à ce numéro
 * dans les 24 dernières heures"
 */
import { describe, expect, it } from 'vitest'
import { DAY, ECOLE, HOUR, MOBILE, SEND_BY_MAIL, SYNTAXES, useSmstobMail } from './helpers.ts'

const HTTP_SEND = { email: ECOLE.email, pass: ECOLE.pass, numero: MOBILE, message: 'Bonjour' }

describe('SMStoB: the 24 h rule across http.php and mail', () => {
  const smstob = useSmstobMail()

  it.each(SYNTAXES)(
    'refuses by mail (syntax $syntax) a text sent by http.php 23 h before',
    async ({ syntax }) => {
      expect(await smstob.httpPhp(HTTP_SEND)).toBe('80')
      await smstob.advance(23 * HOUR)
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL })).toBe(91)
      await smstob.advance(HOUR)
      expect(await smstob.code({ syntax, ...SEND_BY_MAIL })).toBe(80)
    },
  )

  it('refuses by http.php a text sent by mail, and sends it a day later', async () => {
    expect(await smstob.code({ syntax: 2, ...SEND_BY_MAIL, numero: '06 60 91 90 10' })).toBe(80)
    expect(await smstob.httpPhp(HTTP_SEND)).toBe('91')
    await smstob.advance(DAY)
    expect(await smstob.httpPhp(HTTP_SEND)).toBe('80')
  })

  it('sends twice when the account switched the check off, whichever the transport', async () => {
    await smstob.patchAccount(ECOLE.email, { options: { duplicateCheck: false } })
    expect(await smstob.httpPhp(HTTP_SEND)).toBe('80')
    expect(await smstob.code({ syntax: 3, ...SEND_BY_MAIL })).toBe(80)
    expect(await smstob.messages()).toHaveLength(2)
  })
})
