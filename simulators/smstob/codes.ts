/**
 * SMStoB's `http.php` answer codes, verbatim from the provider's document, with what causes
 * each one here. The simulator, the client, the scenarios and the README read this table.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "Envoi par http"
 */
import type { CodeEntry } from '../core/provider.ts'

export const SMSTOB_CODES = [
  {
    code: 80,
    text: 'Le message a été envoyé',
    when: 'accepted for immediate sending',
    source: 'documented',
  },
  {
    code: 81,
    text: 'Le message est enregistré pour un envoi en différé',
    when: '`diff=hhmmjjmmaaaa` names a future Europe/Paris time',
    source: 'documented',
  },
  {
    code: 82,
    text: "Le login et/ou mot de passe n'est pas valide",
    when: 'no account with that e-mail, or the wrong pass',
    source: 'documented',
  },
  {
    code: 83,
    text: 'vous devez créditer le compte',
    when: 'fewer credits than SMS parts × recipients',
    source: 'documented',
  },
  {
    code: 84,
    text: "le numéro de gsm n'est pas valide",
    when: '`numero` is neither a mobile number nor the name of one of the account’s groups',
    source: 'documented',
  },
  {
    code: 85,
    text: "le format d'envoi en différé n'est pas valide",
    when: '`diff` is not 12 digits, or not a real Europe/Paris date and time',
    source: 'documented',
  },
  {
    code: 86,
    text: 'le groupe de contacts est vide',
    when: '`numero` names a group with no contact',
    source: 'documented',
  },
  {
    code: 87,
    text: 'la valeur email est vide',
    when: '`email` missing or blank',
    source: 'documented',
  },
  {
    code: 88,
    text: 'la valeur pass est vide',
    when: '`pass` missing or blank',
    source: 'documented',
  },
  {
    code: 89,
    text: 'la valeur numero est vide',
    when: '`numero` missing or blank',
    source: 'documented',
  },
  {
    code: 90,
    text: 'la valeur message est vide',
    when: '`message` missing or blank',
    source: 'documented',
  },
  {
    code: 91,
    text: 'le message a déjà été envoyé à ce numéro dans les 24 dernières heures',
    when: 'same text to the same number accepted less than 24 h ago, unless the account turned the check off',
    source: 'documented',
  },
] as const satisfies readonly CodeEntry[]

export type SmstobCode = (typeof SMSTOB_CODES)[number]['code']
