/**
 * Code 111, "Le message dépasse le nombre de caractères autorisé": more than 8 SMS parts —
 * "Longueur maximale : 8 SMS, soit 1224 caractères (153 x 8)". Parts are counted on the air:
 * 160 GSM characters alone, 153 per part beyond; 70 / 67 once a character forces UCS-2.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "CORPS DU MESSAGE (BODY)", §2.2 (111)
 */
import { describe, expect, it } from 'vitest'
import { useAllmysms } from '../helpers.ts'

describe('code 111 and the length rules over SMTP', () => {
  const allmysms = useAllmysms()

  it.each([
    [160, 1],
    [161, 2],
    [1224, 8],
  ])('sends %s GSM characters as %s part(s), charged as many credits', async (length, parts) => {
    await allmysms.send({ text: 'a'.repeat(length) })
    expect(await allmysms.messages()).toEqual([
      expect.objectContaining({ encoding: 'gsm7', segments: parts, text: 'a'.repeat(length) }),
    ])
    expect((await allmysms.account()).credits).toBe(100 - parts)
    expect(await allmysms.mails()).toEqual([])
  })

  it('mails 111 back for 1225 GSM characters', async () => {
    const reply = await allmysms.sendAndRead({ text: 'a'.repeat(1225) })
    expect(reply).toMatchObject({
      status: 111,
      statusText: 'Le message dépasse le nombre de caractères autorisé',
    })
    expect(await allmysms.messages()).toEqual([])
  })

  it('counts é as GSM but ç, â and ê as UCS-2 (70 characters alone, 67 per part beyond)', async () => {
    await allmysms.send({ text: 'é'.repeat(160) })
    await allmysms.send({ text: `Leçon${'a'.repeat(65)}` })
    await allmysms.send({ text: `Tâche${'a'.repeat(66)}` })
    expect((await allmysms.messages()).map((m) => [m.encoding, m.segments])).toEqual([
      ['gsm7', 1],
      ['ucs2', 1],
      ['ucs2', 2],
    ])
  })

  it('mails 111 back for 537 characters when one of them is ê (8 × 67 = 536)', async () => {
    await allmysms.send({ text: `Fête${'a'.repeat(532)}` })
    expect(await allmysms.messages()).toEqual([expect.objectContaining({ segments: 8 })])
    expect((await allmysms.sendAndRead({ text: `Fête${'a'.repeat(533)}` })).status).toBe(111)
  })
})
