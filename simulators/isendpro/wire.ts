/**
 * iSendPro's mail interface, its wire facts in one place: the address a send goes to and
 * replies come from, the document's line-break character, the `?` a reply writes for a missing
 * emailId, and the code tables (the annex's, the Ack's, the voice codes). The simulator and the
 * reference client (`client/isendpro`) both read them here, so the two cannot drift apart;
 * nothing in this module decides anything.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Utilisation de l'API", III.5 "Réponses par e-mail"
 */
export {
  ISENDPRO_ACK_CODES,
  ISENDPRO_CODES,
  ISENDPRO_VOICE_CODES,
  type IsendproAckCode,
  type IsendproCode,
} from './codes.ts'

/** The one address the mail interface reads ("L'e-mail doit être envoyé à sendsms@isendpro-api.com"). */
export const ISENDPRO_MAIL_ADDRESS = 'sendsms@isendpro-api.com'

/** The address replies come from: the one the client wrote to (ours; the document names none). */
export const ISENDPRO_REPLY_FROM = ISENDPRO_MAIL_ADDRESS

/** The line break of the document: "Le saut de ligne doit être remplacé par le caractère Ö". */
export const LINE_BREAK_CHAR = 'Ö'

/** "[emailId] : la valeur … fourni dans l'email d'envoi ou « ? » si aucune valeur de trouvée". */
export const NO_EMAIL_ID = '?'
