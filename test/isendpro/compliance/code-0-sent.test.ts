/**
 * Code 0, "Votre message a bien été envoyé": the document's own example mails, sent as real
 * mail programs write them, each SMS on its phone and each send in the Not.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1, III.2, IV (0)
 */
import { describe, expect, it } from 'vitest'
import { maskSecret } from '../../../simulators/core/secrets.ts'
import { fixture, KEYID, useIsendpro } from '../helpers.ts'

const PROMO_10 = "L'été est fini! Super promo -10% à partir de 50€ d'achat !!!"
const PROMO_20 = "L'été est fini! Super promo -20% à partir de 100€ d'achat !!!"
const STOP = '\r\nSTOP SMS au 36105'

describe('code 0 over SMTP', () => {
  const isendpro = useIsendpro()

  it('sends the document’s single-recipient example (Thunderbird, UTF-8 quoted-printable)', async () => {
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

  it('journals the emailId, the keyid, the codes and where the replies went', async () => {
    const { emailId } = await isendpro.send({ to: ['0601020304', '0600000011'] })
    expect(await isendpro.control.journal()).toEqual([
      expect.objectContaining({
        provider: 'isendpro',
        transport: 'smtp',
        account: maskSecret(KEYID),
        code: 0,
        request: expect.objectContaining({
          to: 'sendsms@isendpro-api.com',
          from: 'app@masociete.com',
          emailId,
          ack: 0,
          codes: [0, 11],
          sent: 1,
          ackTo: 'ack@masociete.com',
          notTo: 'not@masociete.com',
        }),
        messages: [expect.any(String)],
      }),
    ])
  })
})
