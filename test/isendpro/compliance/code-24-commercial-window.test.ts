/**
 * Code 24, "Pas d'envoi commercial entre 20h et 08h, ni les dimanches et jours fériés", on the
 * simulator clock in Europe/Paris. §II says "entre 20h00 et 8h00 les jours calendaires"; the
 * annex's code adds Sundays and public holidays, and smsim follows the code (the core's `legacy`
 * window preset) unless the account's restriction is lifted (`commercialExempt`) or another
 * preset is chosen (`commercialWindow`).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — II "L'envoi de SMS commerciaux est formellement
 * interdit…", IV (24)
 * @see shared/research/french-providers.md — §3.1, §3.2
 */
import { describe, expect, it } from 'vitest'
import { HOUR, KEYID, useIsendpro } from '../helpers.ts'

const TEXT_24 = "Pas d'envoi commercial entre 20h et 08h, ni les dimanches et jours fériés"

describe('code 24 over SMTP', () => {
  const isendpro = useIsendpro()
  const code = async () => {
    const { not } = await isendpro.sendAndRead()
    return not?.general?.code ?? not?.entries[0]?.code
  }

  it('refuses at 21:00 on a weekday, then sends at 10:00 the next morning', async () => {
    await isendpro.control.setClock('2026-01-06T21:00:00+01:00')
    const { not } = await isendpro.sendAndRead()
    expect(not?.general).toEqual({
      code: 24,
      tel: '',
      message: TEXT_24,
      documented: true,
      sent: false,
    })
    expect(await isendpro.control.messages()).toEqual([])
    await isendpro.control.advance(13 * HOUR)
    expect(await code()).toBe(0)
  })

  it('refuses at 07:59 and sends at 08:00', async () => {
    await isendpro.control.setClock('2026-01-06T07:59:00+01:00')
    expect(await code()).toBe(24)
    await isendpro.control.advance(60_000)
    expect(await code()).toBe(0)
  })

  it('refuses at 10:00 on a Sunday, sends at 10:00 on the Monday', async () => {
    await isendpro.control.setClock('2026-01-11T10:00:00+01:00')
    expect(await code()).toBe(24)
    await isendpro.control.advance(24 * HOUR)
    expect(await code()).toBe(0)
  })

  it('refuses at 10:00 on 14 July, and on Easter Monday', async () => {
    await isendpro.control.setClock('2026-07-14T10:00:00+02:00')
    expect(await code()).toBe(24)
    await isendpro.control.setClock('2026-04-06T10:00:00+02:00')
    expect(await code()).toBe(24)
  })

  it('sends at 19:59 on a Saturday', async () => {
    await isendpro.control.setClock('2026-01-10T19:59:00+01:00')
    expect(await code()).toBe(0)
  })

  it('sends at any hour once the account’s restriction is lifted', async () => {
    await isendpro.control.patchAccount(KEYID, {
      options: { senderDomains: ['masociete.com'], commercialExempt: true },
    })
    await isendpro.control.setClock('2026-07-14T23:30:00+02:00')
    expect(await code()).toBe(0)
  })

  it('reads the af2m 2026 charter when the account names it: Sundays allowed, not after 21:30', async () => {
    await isendpro.control.patchAccount(KEYID, {
      options: { senderDomains: ['masociete.com'], commercialWindow: 'af2m-2026' },
    })
    await isendpro.control.setClock('2026-01-11T21:00:00+01:00')
    expect(await code()).toBe(0)
    await isendpro.control.advance(HOUR / 2)
    expect(await code()).toBe(24)
  })

  it('journals which rule refused', async () => {
    await isendpro.control.setClock('2026-01-11T10:00:00+01:00')
    await isendpro.send()
    expect((await isendpro.control.journal())[0]).toMatchObject({
      code: 24,
      request: {
        notes: ['outside the commercial window (legacy): weekday, 2026-01-11T10:00:00.000+01:00'],
      },
    })
  })
})
