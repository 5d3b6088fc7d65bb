/**
 * The sender (`<emetteur>`) and the STOP mention that comes with it. A custom sender must be
 * 4–11 letters, digits or spaces, not digits only; with one, iSendPro appends
 * `STOP SMS au XXXXX` to the text — the operators' condition for commercial campaigns — unless
 * the account may drop it and the mail says `<nostop>1</nostop>`.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.4 "Modification de l'émetteur du SMS"
 * @see shared/research/french-providers.md — §3.3 "STOP mention and opt-out", §3.4 "Sender ID"
 */

/**
 * The short code of the mention, where a STOP reply unsubscribes. The document writes
 * `XXXXX`; the af2m reserves 36xxx for "messages promotionnels ou des informations clients"
 * (research §3.3). Which 36xxx iSendPro uses is not public: this one is ours.
 */
export const STOP_SHORT_CODE = '36105'

/** The mention as the document writes it, with the short code filled in. */
export const STOP_MENTION = `STOP SMS au ${STOP_SHORT_CODE}`

/**
 * The mention the REST API appends: its specification writes "STOP XXXXX" and "le message
 * envoyé ne pourra excéder une longueur de 148 caractères au lieu des 160", and its `smslong`
 * text counts "12 caractères du « STOP SMS »": 10 characters after the CRLF, 160 − 12 = 148
 * (research §C.1). The PHP wrapper's README says 149; smsim follows the specification, the
 * stricter of the two (ours), so that an application that fits here fits there.
 */
export const REST_STOP_MENTION = `STOP ${STOP_SHORT_CODE}`

/**
 * What goes between the text and the mention: a CRLF line break. The document says a sender
 * change leaves "141 caractères au lieu des 160": 160 − 141 = 19 = the 17 characters of the
 * mention + 2, and the REST documentation's figures agree (`STOP XXXXX`, 10 characters, counted
 * as 12: 160 → 148). Two characters is a CRLF, the line break PHP services write — the
 * allmysms integrations of research §3.3 append `"\r\nStop au 36180"` the same way.
 */
export const STOP_SEPARATOR = '\r\n'

/**
 * The sender shown when the mail sets none (ours: the short code, which is what a French
 * phone shows for a short-code campaign). No STOP mention is appended then: the document ties
 * it to "la modification de l'émetteur".
 */
export const DEFAULT_SENDER = STOP_SHORT_CODE

/** "une chaîne alphanumérique comprise entre 4 et 11 caractères"; the REST spec adds the space. */
const EMETTEUR = /^[A-Za-z0-9 ]{4,11}$/

/** What `<emetteur>` gives. */
export type SenderReading = { ok: true; emetteur?: string } | { ok: false; code: 16 | 33 }

/**
 * Checks `<emetteur>`: absent is fine (the default sender), empty is 16, anything outside the
 * rules is 33. Surrounding spaces are trimmed.
 *
 * @example
 * readEmetteur(undefined)      // { ok: true }
 * readEmetteur('MaSociete7')   // { ok: true, emetteur: 'MaSociete7' }
 * readEmetteur('')             // { ok: false, code: 16 }
 * readEmetteur('0601020304')   // { ok: false, code: 33 }: digits only
 * readEmetteur('Société')      // { ok: false, code: 33 }: not alphanumeric ASCII
 */
export function readEmetteur(value: string | undefined): SenderReading {
  if (value === undefined) return { ok: true }
  const emetteur = value.trim()
  if (emetteur === '') return { ok: false, code: 16 }
  if (!EMETTEUR.test(emetteur) || !/[A-Za-z]/.test(emetteur)) return { ok: false, code: 33 }
  return { ok: true, emetteur }
}

/**
 * Whether `<nostop>` asks to drop the mention: "ajoutant … l'argument suivant :
 * <nostop>1</nostop>". Any other value asks nothing.
 *
 * @example
 * asksNoStop('1') // true
 * asksNoStop('0') // false
 */
export function asksNoStop(value: string | undefined): boolean {
  return value?.trim() === '1'
}

/**
 * The text with the STOP mention appended.
 *
 * @example
 * withStopMention('Soldes -20%') // 'Soldes -20%\r\nSTOP SMS au 36105'
 * withStopMention('Soldes -20%', REST_STOP_MENTION) // 'Soldes -20%\r\nSTOP 36105'
 */
export function withStopMention(text: string, mention: string = STOP_MENTION): string {
  return `${text}${STOP_SEPARATOR}${mention}`
}
