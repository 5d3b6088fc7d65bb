/**
 * Code 27, "L'indicatif pays du téléphone n'est pas autorisé !": a valid number of a country
 * other than France and its overseas departments. The mail interface reaches "les numéros de
 * téléphone SFR, Bouygues, Orange, Virgin, NRJ et Free": French operators only (our reading).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — I, IV (27)
 */
import { describe, expect, it } from 'vitest'
import { useIsendpro } from '../helpers.ts'

describe('code 27 over SMTP', () => {
  const isendpro = useIsendpro()

  it('notifies 27 per foreign number, and sends to the French ones, overseas included', async () => {
    const { not } = await isendpro.sendAndRead({
      to: ['41791234567', '+41791234567', '0032470123456', '0601020304', '0692123456'],
    })
    expect(not?.entries.map((e) => e.code)).toEqual([27, 27, 27, 0, 0])
    expect(not?.entries[0]?.message).toBe("L'indicatif pays du téléphone n'est pas autorisé !")
    expect((await isendpro.control.messages()).map((m) => m.to)).toEqual([
      '+33601020304',
      '+262692123456',
    ])
  })
})
