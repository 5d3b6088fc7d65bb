/**
 * Group sends by mail: the group's name where the number goes (syntax 2's subject, after the
 * colon in syntax 3, after the dot in syntax 1), each contact's `[v1]`..`[v3]` merged.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 ("numéro de téléphone ou nom du groupe de
 * destination"), §6 "Publipostage"
 */
import { describe, expect, it } from 'vitest'
import { ECOLE, HOUR, SEND_BY_MAIL, SYNTAXES, useSmstobMail } from './helpers.ts'

/** §6's first example. */
const RESTO = [
  { number: '0660919010', v1: 'Jean', v2: 'Hédé', v3: 'la Pizza' },
  { number: '0660545465', v1: 'Jérôme', v2: 'Rennes', v3: 'la Choucroute' },
  { number: '0660901010', v1: 'Jacques', v2: 'Paris', v3: 'le petit-salé' },
]
const MESSAGE =
  'Bonjour [v1], votre plat préféré est [v3] ? Venez le découvrir dans notre restaurant de [v2]'

describe('SMStoB by mail: groups', () => {
  const smstob = useSmstobMail()

  it.each(SYNTAXES)(
    'sends to every contact with [v1]..[v3] merged, in syntax $syntax',
    async ({ syntax }) => {
      await smstob.patchAccount(ECOLE.email, { options: { groups: { resto: RESTO } } })
      const reply = await smstob.sendAndRead({
        syntax,
        ...SEND_BY_MAIL,
        numero: 'resto',
        message: MESSAGE,
      })
      expect(reply.code).toBe(80)
      expect(reply.mail.text).toContain('Groupe : resto (3 destinataires)')
      const messages = await smstob.messages()
      // "Jérôme": ô is not in GSM 03.38, so his SMS is UCS-2, in parts of 67 characters.
      expect(messages.map((m) => m.segments)).toEqual([1, 2, 1])
      expect(reply.mail.text).toContain('SMS débités : 4')
      expect(messages.map((m) => [m.to, m.text])).toEqual([
        [
          '+33660919010',
          'Bonjour Jean, votre plat préféré est la Pizza ? Venez le découvrir dans notre restaurant de Hédé',
        ],
        [
          '+33660545465',
          'Bonjour Jérôme, votre plat préféré est la Choucroute ? Venez le découvrir dans notre restaurant de Rennes',
        ],
        [
          '+33660901010',
          'Bonjour Jacques, votre plat préféré est le petit-salé ? Venez le découvrir dans notre restaurant de Paris',
        ],
      ])
    },
  )

  it('finds a group whose name has spaces in syntax 3, with a date after it', async () => {
    await smstob.patchAccount(ECOLE.email, { options: { groups: { 'moniteurs ski': RESTO } } })
    const reply = await smstob.sendAndRead({
      syntax: 3,
      ...SEND_BY_MAIL,
      numero: 'moniteurs ski',
      diff: '123005012026',
    })
    expect(reply.code).toBe(81)
    expect(await smstob.messages({ status: 'scheduled' })).toHaveLength(3)
  })

  it('skips the contacts that got the same text within 24 h, and says so', async () => {
    await smstob.patchAccount(ECOLE.email, { options: { groups: { resto: RESTO } } })
    await smstob.send({ syntax: 1, ...SEND_BY_MAIL, numero: '0660919010', message: 'Fermé lundi' })
    await smstob.advance(HOUR)
    const reply = await smstob.sendAndRead({
      syntax: 2,
      ...SEND_BY_MAIL,
      numero: 'resto',
      message: 'Fermé lundi',
    })
    expect(reply.code).toBe(80)
    expect(reply.mail.text).toContain('Groupe : resto (2 destinataires)')
    expect(reply.mail.text).toContain(
      'Non envoyé à 1 contact : le message lui a déjà été envoyé dans les 24 dernières heures.',
    )
  })

  it('answers 83 when the credits do not cover every contact, and sends none', async () => {
    await smstob.patchAccount(ECOLE.email, { credits: 2, options: { groups: { resto: RESTO } } })
    expect(await smstob.code({ syntax: 2, ...SEND_BY_MAIL, numero: 'resto' })).toBe(83)
    expect(await smstob.messages()).toEqual([])
  })
})
