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

/** The REST API's host ("servers": `https://apirest.isendpro.com/cgi-bin`, research §C.1). */
export const ISENDPRO_REST_HOST = 'apirest.isendpro.com'

/** The REST API's base path, under the host or under smsim's `/isendpro` prefix. */
export const ISENDPRO_REST_BASE = '/cgi-bin'

/** The REST operations smsim serves, by path under {@link ISENDPRO_REST_BASE}. */
export const ISENDPRO_REST_PATHS = [
  '/sms',
  '/smsmulti',
  '/comptage',
  '/credit',
  '/hlr',
  '/setlistenoire',
  '/dellistenoire',
  '/getlistenoire',
  '/campagne',
] as const

export type IsendproRestPath = (typeof ISENDPRO_REST_PATHS)[number]

/**
 * The REST API's own wording of three codes, where it differs from the mail annex's
 * (isendpro.com/docs's multi-recipient example, research §C.1): the code is the same, the
 * text is the REST page's.
 */
export const ISENDPRO_REST_TEXTS: Readonly<Record<number, string>> = {
  0: 'Votre message a bien ete envoye',
  11: 'Le numéro de téléphone est dans la liste noire!',
  21: "Le numéro de téléphone n'est pas attribué!",
}
