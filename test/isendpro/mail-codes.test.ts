/**
 * What iSendPro's codes are over SMTP, beyond what the YAML suites say.
 * scenarios/isendpro/ produces every code of the annex and of the Ack through the gateway with
 * the reference client or an `<envoi>` written element by element (test/conformance/suites.test.ts
 * runs them, coverage.test.ts checks every code is there). This file keeps what only real mail
 * shows: the document's example mails as mail programs write them, an `<envoi>` a person writes
 * by hand (self-closing elements, a key copied with the document's dash), a From other than the
 * envelope sender, the journal of a mail that names no account, and the faults the control API
 * refuses for iSendPro.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Utilisation de l'API", IV (the codes)
 */
import { describe, expect, it } from 'vitest'
import { maskSecret } from '../../simulators/core/secrets.ts'
import { ACK, fixture, ISENDPRO, KEYID, NOT, useIsendpro } from './helpers.ts'

const PROMO_10 = "L'été est fini! Super promo -10% à partir de 50€ d'achat !!!"
const PROMO_20 = "L'été est fini! Super promo -20% à partir de 100€ d'achat !!!"
const STOP = '\r\nSTOP SMS au 36105'

describe('the document’s example mails, as mail programs write them', () => {
  const isendpro = useIsendpro()

  it('sends the single-recipient example (Thunderbird, UTF-8 quoted-printable) with code 0', async () => {
    await isendpro.sendRaw(fixture('doc-single.eml'))
    expect(await isendpro.control.messages()).toEqual([
      expect.objectContaining({
        account: maskSecret(KEYID),
        from: 'MaSociete',
        to: '+33601020304',
        text: PROMO_10 + STOP,
        encoding: 'gsm7',
        segments: 1,
        status: 'delivered',
      }),
    ])
    expect((await isendpro.ack('1548')).code).toBe(0)
    expect((await isendpro.not('1548')).entries).toEqual([
      {
        code: 0,
        tel: '0601020304',
        message: 'Votre message a bien été envoyé',
        documented: true,
        sent: true,
      },
    ])
    expect(await isendpro.credits()).toBe(99)
  })

  it('sends one text to two recipients (Outlook, windows-1252)', async () => {
    await isendpro.sendRaw(fixture('doc-multiple-same-text.eml'))
    expect((await isendpro.control.messages()).map((m) => [m.to, m.text])).toEqual([
      ['+33601020304', PROMO_10 + STOP],
      ['+33601020305', PROMO_10 + STOP],
    ])
    expect((await isendpro.not('1549')).entries.map((e) => [e.code, e.tel])).toEqual([
      [0, '0601020304'],
      [0, '0601020305'],
    ])
  })

  it('sends smsX to numX (a PHP script, 8-bit UTF-8)', async () => {
    await isendpro.sendRaw(fixture('doc-multiple-personal-texts.eml'))
    expect((await isendpro.control.messages()).map((m) => [m.to, m.text])).toEqual([
      ['+33601020304', PROMO_10 + STOP],
      ['+33601020305', PROMO_20 + STOP],
    ])
    expect((await isendpro.not('1550')).sent).toBe(2)
  })

  it('notifies 23 for num1…num501 and sends nothing', async () => {
    await isendpro.control.patchAccount(KEYID, { credits: 1000 })
    await isendpro.sendRaw(fixture('num501.eml'))
    expect((await isendpro.not('1556')).general).toMatchObject({
      code: 23,
      message: 'Le nombre maximum de téléphones par requête est de 500',
    })
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('notifies 30 for a mail with no From and a null envelope sender', async () => {
    await isendpro.sendRaw(fixture('no-sender-domain.eml'), { from: '', to: [ISENDPRO] })
    expect((await isendpro.not('1557')).general).toMatchObject({
      code: 30,
      message: 'Erreur sur le domaine de connexion',
    })
    expect(await isendpro.control.messages()).toEqual([])
  })
})

describe('envois written by hand', () => {
  const isendpro = useIsendpro()

  it.each([
    ['a self-closing <keyid/>', '<keyid/>', '', 2],
    ['a self-closing <emetteur/>', `<keyid>${KEYID}</keyid>`, '<emetteur/>', 16],
    ['a blank <num1> and a self-closing <num2/>', `<keyid>${KEYID}</keyid>`, '', 6],
  ] as const)('notifies the whole mail for %s', async (_case, keyid, emetteur, code) => {
    const emailId = `hand-${code}`
    const nums = code === 6 ? '<num1> </num1><num2/>' : '<num>0601020304</num>'
    await isendpro.sendText(
      `<envoi>${keyid}${nums}<sms>Bonjour</sms>${emetteur}<emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>${emailId}</emailId></envoi>`,
    )
    expect((await isendpro.not(emailId)).general).toMatchObject({ code })
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('notifies 3 for the key copied with the dash of the document’s table', async () => {
    const { ack, not } = await isendpro.sendAndRead({ keyid: 'a296464ce-012b8ab710a' })
    expect(ack.code).toBe(0)
    expect(not?.general).toMatchObject({ code: 3, message: 'Vos identifiants sont incorrects' })
    expect(await isendpro.credits()).toBe(100)
  })

  it('journals a mail without <keyid> with its code 1 and no account', async () => {
    await isendpro.sendText(
      `<envoi>\n<num>0601020304</num>\n<sms>Bonjour</sms>\n<emailAck>${ACK}</emailAck>\n<emailNot>${NOT}</emailNot>\n<emailId>71</emailId>\n</envoi>\n`,
    )
    expect((await isendpro.not('71')).general?.code).toBe(1)
    const [entry] = await isendpro.control.journal()
    expect(entry).toMatchObject({ code: 1 })
    expect(entry).not.toHaveProperty('account')
  })

  it('reads the From address, not the envelope sender, and its domain without case (not 14)', async () => {
    const { not } = await isendpro.sendAndRead({
      mail: {
        from: 'Service <App@MaSociete.COM>',
        envelope: { from: 'bounce@mailer.example', to: ['sendsms@isendpro-api.com'] },
      },
    })
    expect(not?.entries[0]?.code).toBe(0)
  })

  it('refuses a fault code iSendPro does not have', async () => {
    await expect(isendpro.control.setFaults({ refuse: { code: 24, times: 1 } })).rejects.toThrow(
      /refuse\.code must be one of 29, 999/,
    )
  })
})
