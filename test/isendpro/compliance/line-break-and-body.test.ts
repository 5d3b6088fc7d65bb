/**
 * What the body may hold around and inside the `<envoi>`: `Ö` is a line break ("Le saut de
 * ligne doit être remplacé par le caractère Ö"); a greeting and a signature around the block,
 * indentation, element names in any case, a bare `&`, are read as a person writes them; a line
 * break inside a value is the mail program's wrapping, read as a space (ours).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Remarques"
 */
import { describe, expect, it } from 'vitest'
import { ACK, fixture, KEYID, NOT, useIsendpro } from '../helpers.ts'

describe('the body over SMTP', () => {
  const isendpro = useIsendpro()

  it('reads a hand-written mail: greeting, indentation, names in any case, "&", Ö, signature', async () => {
    await isendpro.sendRaw(fixture('hand-written-signature.eml'))
    expect((await isendpro.control.messages()).map((m) => [m.to, m.from, m.text])).toEqual([
      [
        '+33601020304',
        'ESF Tignes',
        'Tom & Jerry : cours annulé demain.\nRendez-vous au télésiège à 10 h.\r\nSTOP SMS au 36105',
      ],
      [
        '+33601020305',
        'ESF Tignes',
        'Tom & Jerry : cours annulé demain.\nRendez-vous au télésiège à 10 h.\r\nSTOP SMS au 36105',
      ],
    ])
    expect((await isendpro.not('1553')).sent).toBe(2)
  })

  it('reads a line break inside a value as a space, and keeps ö', async () => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><num>0601020304</num><sms>Bonjour Michel,\r\n  votre carte est prête.ÖBon après-midi, Jörg</sms><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>1</emailId></envoi>`,
    )
    expect((await isendpro.control.messages())[0]?.text).toBe(
      'Bonjour Michel, votre carte est prête.\nBon après-midi, Jörg',
    )
  })

  it('writes the text the reference client gives with line breaks as Ö, and gets them back', async () => {
    await isendpro.send({ sms: 'Ligne 1\nLigne 2\r\nLigne 3' })
    expect((await isendpro.control.messages())[0]?.text).toBe('Ligne 1\nLigne 2\nLigne 3')
  })
})
