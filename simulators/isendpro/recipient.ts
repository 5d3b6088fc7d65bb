/**
 * A recipient's number as iSendPro's mail interface reads it: "10 numérique", French mobile
 * numbers (`06…`, `07…`), also written internationally as the REST documentation allows
 * (`33680010203`, and `+33…`, `0033…`). A number of another country is refused with 27, since
 * the interface reaches the French operators only; anything that is not a mobile number with 7.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — I "numéros de téléphone SFR, Bouygues, Orange,
 * Virgin, NRJ et Free"; III.1 "num … 10 numérique … 0601020304 ou 0701020304"; IV (7, 27)
 * @see shared/research/french-providers.md — §C.1 `num`, §3.5 "French numbering"
 */
import { inFrenchNumberingPlan, parsePhone } from '../core/phone.ts'

/**
 * A metropolitan French mobile in one of the forms the documents show — national `06…`/`07…`,
 * bare international `336…`, `+336…`, `0033…` — with libphonenumber's own FR mobile pattern
 * (research §3.5), widened to the whole `07` range. Read without the parser: a 500-recipient
 * mail reads 500 numbers, and libphonenumber spends tens of microseconds on each. Every other
 * form goes to the parser; `recipient.test.ts` checks that both agree on every 06/07 block but
 * `070`–`072`.
 *
 * Why `070`–`072` (libphonenumber: not yet mobile blocks): the document's own example of the
 * format is "0601020304 ou 0701020304" (§III.1, §III.2). Refusing it with 7 "Un numéro de
 * téléphone est sur 10 chiffres" said something false of a ten-digit number; the document is
 * the truth, so smsim accepts the whole `07` range (a test number that must not be assigned is
 * what `06 00 00 00 10` and `PUT /_smsim/numbers` give: 21, "n'est pas attribué").
 */
export const FRENCH_MOBILE = /^(?:0|33|\+33|0033)((?:6(?:[0-24-8]\d|3[0-8]|9[589])|7\d\d)\d{6})$/

export type NumberReading = { ok: true; e164: string } | { ok: false; code: 7 | 27 }

/**
 * Reads one number. Spaces and dots inside it are tolerated (ours).
 *
 * @example
 * readRecipientNumber('0601020304')    // { ok: true, e164: '+33601020304' }
 * readRecipientNumber('33601020304')   // { ok: true, e164: '+33601020304' }
 * readRecipientNumber('0692123456')    // { ok: true, e164: '+262692123456' }: La Réunion
 * readRecipientNumber('0701020304')    // { ok: true, e164: '+33701020304' }: the document's example
 * readRecipientNumber('060102030')     // { ok: false, code: 7 }
 * readRecipientNumber('0145454545')    // { ok: false, code: 7 }: a landline
 * readRecipientNumber('41791234567')   // { ok: false, code: 27 }: Switzerland
 */
export function readRecipientNumber(input: string): NumberReading {
  const text = input.trim()
  const fast = FRENCH_MOBILE.exec(text)
  if (fast) return { ok: true, e164: `+33${fast[1]}` }
  // A bare international number ("33680010203"): digits only, no leading 0, longer than national.
  const parsed =
    parsePhone(text, 'FR') ?? (/^[1-9]\d{10,14}$/.test(text) ? parsePhone(`+${text}`) : undefined)
  if (!parsed) return { ok: false, code: 7 }
  // Metropolitan France and the overseas regions that share its numbering plan and operators.
  if (!inFrenchNumberingPlan(parsed)) return { ok: false, code: 27 }
  if (!parsed.mobile) return { ok: false, code: 7 }
  return { ok: true, e164: parsed.e164 }
}
