/**
 * Two findings on the mail interface whose rules the REST API shares, through the mail
 * transport (the REST side is in rest-codes.test.ts):
 * 1. the document's own example number `0701020304` (§III.1, §III.2) is sent, not refused with
 *    7 "Un numéro de téléphone est sur 10 chiffres";
 * 2. 142 characters with an `<emetteur>` and no `<smslong>` gets 34 — the REST documentation's
 *    "Pour envoyer un smslong, il faut ajouter le paramètre smslong aux appels" — and the
 *    journal says that smslong is what is missing.
 *
 * @see simulators/isendpro/README.md — "The REST API", "Two findings"
 */
import { describe, expect, it } from 'vitest'
import { MOBILE, useIsendpro } from './helpers.ts'

describe('rules shared by the mail interface and the REST API, through SMTP', () => {
  const isendpro = useIsendpro({ credits: 100 })

  it('sends to 0701020304, the document’s example of the number format', async () => {
    const { not } = await isendpro.sendAndRead({ to: '0701020304' })
    expect(not?.entries).toEqual([expect.objectContaining({ code: 0, tel: '0701020304' })])
    expect((await isendpro.control.messages())[0]?.to).toBe('+33701020304')
  })

  it('answers 34 to 142 characters with an emetteur and no smslong, and journals why', async () => {
    const { not } = await isendpro.sendAndRead({
      to: MOBILE,
      sms: 'x'.repeat(142),
      emetteur: 'MaSociete',
    })
    expect(not?.entries).toEqual([
      expect.objectContaining({ code: 34, message: 'La valeur de smslong doit être un entier !' }),
    ])
    const [entry] = await isendpro.control.journal()
    expect(JSON.stringify(entry?.request)).toContain('no smslong given: give smslong')
    const again = await isendpro.sendAndRead({
      to: MOBILE,
      sms: 'x'.repeat(142),
      emetteur: 'MaSociete',
      smslong: 999,
    })
    expect(again.not?.entries[0]?.code).toBe(0)
  })
})
