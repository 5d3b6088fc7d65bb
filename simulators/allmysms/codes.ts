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

/**
 * allmysms HTTP API 9.0 status codes: the public table, verbatim (osimatic/helpers-php keeps it
 * as a comment), with what causes each one here. Where the public text ends on "après la balise"
 * — the tag names were stripped as HTML when the table was copied — the answer names the tag
 * (`… après la balise <SMS>`), as the Mail2SMS document writes its 109 and 115.
 *
 * @see shared/research/french-providers.md — §B.1.1 "Status codes (v9.0)"
 */
export const ALLMYSMS_HTTP_CODES = [
  {
    code: 100,
    text: 'Le message a été envoyé',
    when: 'accepted for immediate sending (blacklisted numbers, left out, are listed in `invalidNumbers`)',
    source: 'public',
  },
  {
    code: 101,
    text: 'Le message a été programmé pour un envoi différé',
    when: '`DATE` (or `date`) names a future Europe/Paris time',
    source: 'public',
  },
  {
    code: 102,
    text: 'Problème de connexion – Aucun compte ne correspond aux clientcode et passcode spécifiés',
    when: '`login` or `apiKey` missing, no account with that login, or the wrong apiKey',
    source: 'public',
  },
  {
    code: 103,
    text: 'Crédit SMS épuisé. Veuillez re-créditer votre compte sur AllMySMS.com',
    when: 'a send (or simulateCampaign) on an account with 0 credits',
    source: 'public',
  },
  {
    code: 104,
    text: 'Crédit insuffisant pour traiter cet envoi. A utiliser: XX Crédits, Disponibles: YY Crédits. Veuillez re-créditer votre compte sur AllMySMS.com',
    when: 'fewer credits than parts × recipients (XX: what the send needs, YY: the balance)',
    source: 'public',
  },
  {
    code: 105,
    text: 'Flux XML Vide',
    when: '`sendSms` / `simulateCampaign` without `smsData`, or `smsData` blank',
    source: 'public',
  },
  {
    code: 106,
    text: 'Flux XML invalide ou incomplet après la balise',
    when: '`smsData` is neither JSON nor well-formed XML, or has no `DATA` object at its root (`<DATA>`)',
    source: 'public',
  },
  {
    code: 107,
    text: 'Flux XML invalide ou incomplet après la balise',
    when: '`SMS` missing, not a list of objects, an entry without `MOBILEPHONE`, or more than 1000 entries (`<SMS>`)',
    source: 'public',
  },
  {
    code: 108,
    text: 'Le code CLIENT donné dans le flux XML est incorrect, il doit correspondre au clientcode en majuscule',
    when: '`CLIENT` is given in `DATA` and is not the login in capitals',
    source: 'public',
  },
  {
    code: 109,
    text: 'Flux XML invalide ou incomplet après la balise',
    when: '`MESSAGE` missing from `DATA`, or not a string (`<MESSAGE>`)',
    source: 'public',
  },
  {
    code: 110,
    text: 'Message non défini (vide) dans le flux XML',
    when: 'the message is empty or blank (`MESSAGE`, or `message` of the simplified send)',
    source: 'public',
  },
  {
    code: 111,
    text: 'Le message dépasse 640 caractères',
    when: 'the message, after `#param_N#` merge, is longer than 640 characters',
    source: 'public',
  },
  {
    code: 112,
    text: 'Flux XML invalide ou incomplet après la balise',
    when: 'an option of the wrong type: `DYNAMIC` not a whole number 0–20, `FLASH`/`MAIL_NOTIF`/`TRACKING` not 0/1, `TPOA`/`DATE`/`CAMPAIGN_NAME`/`CLIMSGID`/`MASTERACCOUNT` not a string (the tag is named)',
    source: 'public',
  },
  {
    code: 113,
    text: 'Certains numéros de téléphone sont invalides ou non pris en charge',
    when: 'some numbers are not mobile numbers, others are: the valid ones are sent, the others listed in `invalidNumbers`',
    source: 'public',
  },
  {
    code: 114,
    text: 'Aucun numéro de téléphone valide dans le flux. Veuillez-vous référer à la documentation en ligne pour connaitre les formats valides.',
    when: 'no valid mobile number among the recipients (or every valid one is blacklisted)',
    source: 'public',
  },
  {
    code: 115,
    text: 'Flux XML invalide ou date mal formatée entre les balises et',
    when: '`DATE` / `date` is not `YYYY-MM-DD hh:mm:ss`, or not a real Europe/Paris date and time',
    source: 'public',
  },
  {
    code: 117,
    text: 'Balise – Lien trop long, dépasse les 80 caractères',
    when: 'with `TRACKING` 1, a link of the message longer than 80 characters',
    source: 'public',
  },
  {
    code: 118,
    text: 'Le compte maître spécifié n’existe pas',
    when: '`MASTERACCOUNT` names no allmysms account',
    source: 'public',
  },
] as const satisfies readonly CodeEntry[]

export type AllmysmsHttpCode = (typeof ALLMYSMS_HTTP_CODES)[number]['code']

/** The tags the texts of 106, 107, 109, 112 and 115 stop before. */
export type StreamTag =
  | 'DATA'
  | 'SMS'
  | 'MESSAGE'
  | 'DYNAMIC'
  | 'FLASH'
  | 'MAIL_NOTIF'
  | 'TRACKING'
  | 'TPOA'
  | 'DATE'
  | 'CAMPAIGN_NAME'
  | 'CLIMSGID'
  | 'MASTERACCOUNT'

/**
 * The statusText of a code, figures and tag filled in.
 *
 * @example
 * httpStatusText(107, { tag: 'SMS' })            // 'Flux XML invalide ou incomplet après la balise <SMS>'
 * httpStatusText(115)                            // 'Flux XML invalide ou date mal formatée entre les balises <DATE> et </DATE>'
 * httpStatusText(104, { needed: 3, available: 1 }) // 'Crédit insuffisant … A utiliser: 3 Crédits, Disponibles: 1 Crédits. …'
 */
export function httpStatusText(
  code: AllmysmsHttpCode,
  fill: { tag?: StreamTag; needed?: number; available?: number } = {},
): string {
  const text = codeText(ALLMYSMS_HTTP_CODES, code)
  if (code === 115) return text.replace('les balises et', 'les balises <DATE> et </DATE>')
  if (code === 117) return text.replace('Balise', 'Balise <TRACKING>')
  if (code === 104)
    return text.replace('XX', String(fill.needed ?? 0)).replace('YY', String(fill.available ?? 0))
  if (fill.tag && text.endsWith('après la balise')) return `${text} <${fill.tag}>`
  return text
}
