/**
 * Code 80, "Le message a été envoyé": a complete request sends the SMS at once.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "Envoi par http", "80 : Le message a été envoyé"
 */
import { describe, expect, it } from 'vitest'
import { maskSecret } from '../../../simulators/core/secrets.ts'
import { ECOLE, IMPLEMENTATIONS, MOBILE_E164, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 80 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it('answers a page showing 80 alone to email, pass, numero and message', async () => {
    const page = await smstob.get(SEND)
    expect(page).toEqual({ status: 200, body: '80', contentType: 'text/html; charset=ISO-8859-1' })
  })

  it('puts the SMS on the phone at once and debits one credit', async () => {
    await smstob.get(SEND)
    expect(await smstob.messages()).toEqual([
      expect.objectContaining({
        provider: 'smstob',
        account: ECOLE.email,
        transport: 'http',
        to: MOBILE_E164,
        text: 'Bonjour',
        encoding: 'gsm7',
        segments: 1,
        class: 'normal',
        status: 'delivered',
        submittedAt: '2026-01-05T08:00:00.000Z',
        deliveredAt: '2026-01-05T08:00:00.000Z',
      }),
    ])
    expect((await smstob.account()).credits).toBe(9)
  })

  it('gives the client a success with the document’s text for 80', async () => {
    const result = await smstob.client().send({ numero: '0660919010', message: 'Bonjour' })
    expect(result).toEqual({ ok: true, code: 80, meaning: 'Le message a été envoyé', raw: '80' })
  })

  it('debits one credit per SMS part: 161 GSM characters make two parts', async () => {
    expect((await smstob.get({ ...SEND, message: 'a'.repeat(161) })).body).toBe('80')
    const [sms] = await smstob.messages()
    expect(sms).toMatchObject({ encoding: 'gsm7', segments: 2 })
    expect((await smstob.account()).credits).toBe(8)
  })

  it('counts parts in UCS-2 when a character is not in GSM 03.38: 71 characters make two parts', async () => {
    expect((await smstob.get({ ...SEND, message: 'Û'.repeat(71) })).body).toBe('80')
    expect((await smstob.messages())[0]).toMatchObject({ encoding: 'ucs2', segments: 2 })
    expect((await smstob.account()).credits).toBe(8)
  })

  it('journals the request with the code it answered and the account', async () => {
    await smstob.get(SEND)
    const [entry] = await smstob.journal()
    expect(entry).toMatchObject({
      provider: 'smstob',
      transport: 'http',
      account: ECOLE.email,
      code: 80,
      status: 200,
      // The fields read, the password masked (core/secrets.ts).
      request: { method: 'GET', params: { ...SEND, pass: maskSecret(SEND.pass) } },
      messages: [expect.any(String)],
    })
  })
})
