/**
 * The body is the SMS: "Le corps de l'email correspond au contenu textuel de votre SMS", and
 * "Il est fortement recommandé d'envoyer vos emails au format « brut »". Real mails from real
 * clients (simulators/allmysms/fixtures/): what smsim makes of each (README "Fidelity").
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "CORPS DU MESSAGE (BODY)"
 */
import { describe, expect, it } from 'vitest'
import { fixture, MAIL2SMS, SCHOOL, useAllmysms } from '../helpers.ts'

describe('mail bodies from real clients, over SMTP', () => {
  const allmysms = useAllmysms()

  it('Thunderbird, flowed quoted-printable UTF-8: the text as written, the custom sender kept', async () => {
    await allmysms.sendRaw(fixture('thunderbird-plain-stop.eml'))
    const messages = await allmysms.messages()
    expect(messages.map((m) => [m.to, m.from])).toEqual([
      ['+33612121515', 'ESF Tignes'],
      ['+41791234567', 'ESF Tignes'],
    ])
    expect(messages[0]?.text).toBe(
      'Cours annulé demain à 9 h, rendez-vous au télésiège à 10 h.\nSTOP au 36180',
    )
    expect(await allmysms.mails()).toEqual([])
  })

  it('Outlook, text and HTML: the plain part wins, and its "-- " signature is sent (our choice)', async () => {
    await allmysms.sendRaw(fixture('outlook-alternative-signature.eml'))
    expect((await allmysms.messages())[0]?.text).toBe(
      'Rappel : cours collectif samedi 9 h.\n\n-- \nJean Dupont\nÉcole de ski',
    )
  })

  it('an HTML-only mail: the text of the HTML (our choice)', async () => {
    await allmysms.sendRaw(fixture('html-only.eml'))
    expect((await allmysms.messages())[0]?.text).toBe(
      "Alerte météo :\npistes fermées\njusqu'à 14 h",
    )
    expect((await allmysms.journal())[0]?.request).toMatchObject({ body: 'html' })
  })

  it('an ISO-8859-1 mail with an encoded, folded subject and a date', async () => {
    await allmysms.sendRaw(fixture('deferred-iso-8859-1.eml'))
    expect(await allmysms.messages()).toEqual([
      expect.objectContaining({
        text: 'Rappel : réunion des moniteurs à 18 h 30.',
        status: 'scheduled',
        scheduledAt: '2026-01-05T17:30:00.000Z',
      }),
    ])
  })

  it('a script’s raw 8-bit UTF-8 subject: read, and its accented sender ignored for 36180', async () => {
    await allmysms.sendRaw(fixture('php-mail-raw-utf8-subject.eml'))
    expect((await allmysms.messages()).map((m) => [m.to, m.from, m.text])).toEqual([
      ['+33612121515', '36180', 'Sauvegarde terminée à 09:00.'],
      ['+41791234567', '36180', 'Sauvegarde terminée à 09:00.'],
    ])
    expect(await allmysms.mails()).toEqual([])
  })

  it('what swaks sends by default: its final line breaks trimmed', async () => {
    await allmysms.sendRaw(fixture('swaks-default.eml'), {
      from: 'you@example.com',
      to: [MAIL2SMS],
    })
    expect(await allmysms.messages()).toEqual([
      expect.objectContaining({ to: '+33660919010', text: 'Bonjour', segments: 1 }),
    ])
  })

  it('an out-of-office reply: decided (its subject earns 109) but never answered, so no mail loop', async () => {
    await allmysms.sendRaw(fixture('out-of-office.eml'), {
      from: 'marie@ecole-ski.fr',
      to: [MAIL2SMS],
    })
    expect(await allmysms.mails()).toEqual([])
    expect((await allmysms.journal())[0]).toMatchObject({ code: 109, request: { replied: false } })
  })

  it('a bounce (null envelope sender) is never answered either', async () => {
    await allmysms.send({ subject: '', envelope: { from: '', to: [MAIL2SMS] } })
    expect(await allmysms.mails()).toEqual([])
    expect((await allmysms.journal())[0]?.code).toBe(105)
  })

  it('keeps line breaks a person typed inside the text', async () => {
    await allmysms.send({ text: 'Ligne 1\r\n\r\nLigne 3\r\n', from: SCHOOL })
    expect((await allmysms.messages())[0]?.text).toBe('Ligne 1\n\nLigne 3')
  })
})
