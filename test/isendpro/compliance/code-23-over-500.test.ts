/**
 * Code 23, "Le nombre maximum de téléphones par requête est de 500": more than 500 numbers, or a
 * `numX` with X over 500 — inline or in `mobiles.csv`. Exactly 500 are sent.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.2 "jusqu'à 500 destinataires", IV (23)
 */
import { describe, expect, it } from 'vitest'
import { ACK, fixture, KEYID, NOT, useIsendpro } from '../helpers.ts'

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `06${10_000_000 + i}`)

describe('code 23 over SMTP', () => {
  const isendpro = useIsendpro({ credits: 1000 })

  it('notifies 23 for num1…num501 (fixture) and sends nothing', async () => {
    await isendpro.sendRaw(fixture('num501.eml'))
    expect((await isendpro.not('1556')).general).toMatchObject({
      code: 23,
      message: 'Le nombre maximum de téléphones par requête est de 500',
    })
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('notifies 23 for a lone num501', async () => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><num501>0601020304</num501><sms>x</sms><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>231</emailId></envoi>`,
    )
    expect((await isendpro.not('231')).general?.code).toBe(23)
  })

  it('notifies 23 for a mobiles.csv of 501 lines', async () => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>232</emailId></envoi>`,
      {
        attachments: [
          { filename: 'mobiles.csv', content: numbers(501).join('\r\n') },
          { filename: 'message.csv', content: 'Bonjour' },
        ],
      },
    )
    expect((await isendpro.not('232')).general?.code).toBe(23)
  })

  it('sends to exactly 500, and notifies each in the multiple form', async () => {
    const { not } = await isendpro.sendAndRead({ to: numbers(500) })
    expect(not?.entries).toHaveLength(500)
    expect(not?.sent).toBe(500)
    expect(not?.mail.text).toContain('<etat500>\n<code500>0</code500>')
    expect(await isendpro.credits()).toBe(500)
  })
})
