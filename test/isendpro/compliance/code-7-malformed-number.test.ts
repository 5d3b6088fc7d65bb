/**
 * Code 7, "Un numéro de téléphone est sur 10 chiffres": a number that is not a mobile number —
 * a wrong length, letters, a landline. Per recipient: the others are sent.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1 "num … 10 numérique", IV (7)
 */
import { describe, expect, it } from 'vitest'
import { useIsendpro } from '../helpers.ts'

describe('code 7 over SMTP', () => {
  const isendpro = useIsendpro()

  it('notifies 7 for each malformed number, and sends to the good one', async () => {
    const bad = ['060102030', '06010203045', '06O1020304', '0145454545', '0701020304', 'Jean']
    const { not } = await isendpro.sendAndRead({ to: ['0601020304', ...bad] })
    expect(not?.entries.map((e) => [e.code, e.tel])).toEqual([
      [0, '0601020304'],
      ...bad.map((tel) => [7, tel]),
    ])
    expect(not?.entries[1]?.message).toBe('Un numéro de téléphone est sur 10 chiffres')
    expect((await isendpro.control.messages()).map((m) => m.to)).toEqual(['+33601020304'])
    expect(await isendpro.credits()).toBe(99)
  })

  it('reads the national and international forms of a French mobile', async () => {
    const forms = ['0601020304', '33601020305', '+33601020306', '0033601020307', '06 01 02 03 08']
    const { not } = await isendpro.sendAndRead({ to: forms })
    expect(not?.entries.map((e) => e.code)).toEqual([0, 0, 0, 0, 0])
    expect(not?.entries.map((e) => e.tel)).toEqual(forms)
  })
})
