/**
 * allmysms Mail2SMS status codes: the error table of the provider's document, verbatim, with
 * what causes each one here; plus the two success codes of the public v9.0 table, which Mail2SMS
 * never mails (no reply on success) but the journal records. The simulator, the client, the
 * scenarios and the README read this table.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.2 "REPONSE"
 * @see shared/research/french-providers.md — §B.1.1 "Status codes (v9.0)"
 */
import { codeText } from '../core/codes.ts'
import type { CodeEntry } from '../core/provider.ts'

export const ALLMYSMS_CODES = [
  {
    code: 100,
    text: 'Le message a été envoyé',
    when: 'accepted for immediate sending (no mail is sent back: journal only)',
    source: 'public',
  },
  {
    code: 101,
    text: 'Le message a été programmé pour un envoi différé',
    when: '`date=` names a future Europe/Paris time (no mail is sent back: journal only)',
    source: 'public',
  },
  {
    code: 102,
    text: 'Problème de connexion - Aucun compte ne correspond aux clientcode et apiKey spécifiés',
    when: 'no account with that login, or the wrong apiKey',
    source: 'documented',
  },
  {
    code: 104,
    text: 'Crédit insuffisant pour traiter cet envoi. A utiliser: XX Crédits, Disponibles: YY Crédits. Veuillez re-créditer votre compte sur AllMySMS.com',
    when: 'fewer credits than parts × recipients (XX: what the send needs, YY: the balance)',
    source: 'documented',
  },
  {
    code: 105,
    text: 'Flux XML Vide',
    when: 'the subject is empty or blank',
    source: 'documented',
  },
  {
    code: 109,
    text: 'Flux XML invalide ou incomplet après la balise <MESSAGE>',
    when: 'the subject is not `login@apiKey|mobiles…`: no `|`, no `@`, an empty login or apiKey, or a part other than `from=` / `date=`',
    source: 'documented',
  },
  {
    code: 110,
    text: 'Message non défini (vide) dans le flux XML',
    when: 'the body is empty or blank (no text part and no HTML text either)',
    source: 'documented',
  },
  {
    code: 111,
    text: 'Le message dépasse le nombre de caractères autorisé',
    when: 'the body needs more than 8 SMS parts (over 1224 GSM characters, over 536 in UCS-2)',
    source: 'documented',
  },
  {
    code: 114,
    text: 'Aucun numéro de téléphone valide dans le flux. Veuillez-vous référer à la documentation en ligne pour connaître les formats valides.',
    when: 'not one mobile number of the subject is valid (invalid ones beside valid ones are skipped)',
    source: 'documented',
  },
  {
    code: 115,
    text: 'Flux XML invalide ou date mal formatée entre les balises <DATE> et </DATE>',
    when: '`date=` is not `YYYY-MM-DD hh:ii:ss`, or not a real Europe/Paris date and time',
    source: 'documented',
  },
] as const satisfies readonly CodeEntry[]

export type AllmysmsCode = (typeof ALLMYSMS_CODES)[number]['code']

/** The codes Mail2SMS mails back (every one but the two successes). */
export type AllmysmsErrorCode = Exclude<AllmysmsCode, 100 | 101>

/**
 * Code 104's text with the real figures in place of the document's `XX` and `YY`.
 *
 * @example
 * insufficientCreditText(3, 1)
 * // 'Crédit insuffisant pour traiter cet envoi. A utiliser: 3 Crédits, Disponibles: 1 Crédits. …'
 */
export function insufficientCreditText(needed: number, available: number): string {
  return codeText(ALLMYSMS_CODES, 104)
    .replace('XX', String(needed))
    .replace('YY', String(available))
}
