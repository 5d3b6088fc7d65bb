/**
 * `from=`: the sender shown on the phone. Valid only if it starts with a letter and holds 3–11
 * letters, digits or spaces; "Pour des raisons légales", towards France it is kept only when the
 * text ends with "STOP au 36180", "précédée d'un espace ou d'un retour à la ligne". Otherwise the
 * SMS comes from 36180, allmysms's short code (research §B.1.4).
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "from="
 */
import { describe, expect, it } from 'vitest'
import { CREDENTIALS, useAllmysms } from '../helpers.ts'

describe('the sender rule over SMTP', () => {
  const allmysms = useAllmysms()
  const withFrom = (from: string, mobiles = '0612121515') =>
    `${CREDENTIALS}|${mobiles}|from=${from}`

  it.each([
    ['after a line break', 'Soldes -20%\r\nSTOP au 36180', 'MAGASIN'],
    ['after a space', 'Soldes -20% STOP au 36180', 'MAGASIN'],
    ['followed by the mail’s final line breaks', 'Soldes -20%\r\nSTOP au 36180\r\n\r\n', 'MAGASIN'],
    ['in lower case (our choice)', 'Soldes -20%\r\nstop au 36180', 'MAGASIN'],
    ['glued to the text', 'Soldes -20%STOP au 36180', '36180'],
    ['in the middle of the text', 'STOP au 36180\r\nSoldes -20%', '36180'],
    ['followed by a full stop', 'Soldes -20% STOP au 36180.', '36180'],
    ['missing', 'Soldes -20%', '36180'],
  ])('shows a French phone, for a mention %s, the sender %s', async (_case, text, from) => {
    await allmysms.send({ subject: withFrom('MAGASIN'), text })
    expect((await allmysms.messages())[0]?.from).toBe(from)
    expect(await allmysms.mails()).toEqual([])
  })

  it('keeps the custom sender abroad without the mention, and gives the French phone 36180', async () => {
    await allmysms.send({
      subject: withFrom('Ski Club', '0612121515;+41791234567'),
      text: 'Soldes',
    })
    expect((await allmysms.messages()).map((m) => [m.to, m.from])).toEqual([
      ['+33612121515', '36180'],
      ['+41791234567', 'Ski Club'],
    ])
  })

  it('applies the French rule to overseas numbers (La Réunion)', async () => {
    await allmysms.send({ subject: withFrom('MAGASIN', '0692123456'), text: 'Soldes' })
    expect(await allmysms.messages()).toEqual([
      expect.objectContaining({ to: '+262692123456', from: '36180' }),
    ])
  })

  it.each([
    ['starting with a digit', '3Suisses'],
    ['too short', 'AB'],
    ['too long', 'ABCDEFGHIJKL'],
    ['accented', 'École'],
  ])(
    'ignores a sender %s and sends from 36180, without error (our choice)',
    async (_case, from) => {
      await allmysms.send({ subject: withFrom(from, '+41791234567'), text: 'Soldes' })
      expect(await allmysms.messages()).toEqual([
        expect.objectContaining({
          from: '36180',
          meta: { senderAsked: from, senderReplaced: 'invalid' },
        }),
      ])
      expect(await allmysms.mails()).toEqual([])
    },
  )

  it('sends the STOP mention as part of the SMS and counts it', async () => {
    const text = `${'a'.repeat(147)} STOP au 36180` // 161 characters
    await allmysms.send({ subject: withFrom('MAGASIN'), text })
    expect((await allmysms.messages())[0]).toMatchObject({ text, segments: 2, from: 'MAGASIN' })
  })
})
