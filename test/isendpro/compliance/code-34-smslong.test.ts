/**
 * Code 34, "La valeur de smslong doit être un entier !": `<smslong>` that is not a whole number
 * (the whole mail), or a text that needs more parts than `smslong` allows (that recipient) —
 * one part without it, six at most, `999` for "calcul dynamique" up to six. The credit is the
 * real number of parts, not the declared one.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1 "smslong — indique le nb de sms que fera le message", IV (34)
 * @see shared/research/french-providers.md — §C.1 `smslong` ("jusqu'à 6 SMS concaténés … 918 caractères")
 */
import { describe, expect, it } from 'vitest'
import { ACK, KEYID, NOT, useIsendpro } from '../helpers.ts'

describe('code 34 over SMTP', () => {
  const isendpro = useIsendpro()

  it.each(['deux', '2.5', '0', '-1'])(
    'notifies 34 for the whole mail when smslong is %j',
    async (smslong) => {
      await isendpro.sendText(
        `<envoi><keyid>${KEYID}</keyid><num>0601020304</num><sms>Bonjour</sms><smslong>${smslong}</smslong><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>34</emailId></envoi>`,
      )
      expect((await isendpro.not('34')).general).toMatchObject({
        code: 34,
        message: 'La valeur de smslong doit être un entier !',
      })
    },
  )

  it('notifies 34 to the recipient whose text is longer than smslong allows', async () => {
    const { not } = await isendpro.sendAndRead({
      to: [
        { num: '0601020301', sms: 'x'.repeat(306) },
        { num: '0601020302', sms: 'x'.repeat(307) },
      ],
      smslong: 2,
    })
    expect(not?.entries.map((e) => e.code)).toEqual([0, 34])
    expect(await isendpro.credits()).toBe(98)
  })

  it('allows one SMS without smslong: 160 characters, not 161', async () => {
    const { not } = await isendpro.sendAndRead({
      to: [
        { num: '0601020301', sms: 'x'.repeat(160) },
        { num: '0601020302', sms: 'x'.repeat(161) },
      ],
    })
    expect(not?.entries.map((e) => e.code)).toEqual([0, 34])
  })

  it('sends up to 6 parts with smslong 999, and charges what the text really takes', async () => {
    const { not } = await isendpro.sendAndRead({
      to: [
        { num: '0601020301', sms: 'x'.repeat(918) },
        { num: '0601020302', sms: 'x'.repeat(919) },
        { num: '0601020303', sms: 'court' },
      ],
      smslong: 'auto',
    })
    expect(not?.entries.map((e) => e.code)).toEqual([0, 34, 0])
    expect((await isendpro.control.messages()).map((m) => m.segments)).toEqual([6, 1])
    expect(await isendpro.credits()).toBe(93)
  })
})
