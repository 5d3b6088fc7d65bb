/**
 * Who the SMS comes from. `from=` personalises the sender only if it follows allmysms's rules
 * (a letter first, then letters, digits or spaces, 3–11 characters), and — "pour des raisons
 * légales" — for a French recipient only if the text ends with the mention `STOP au 36180`.
 * Otherwise the SMS comes from allmysms's short code 36180, where a STOP reply unsubscribes.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "from=", and the glossary "STOP"
 * @see shared/research/french-providers.md — §B.1.4 "Sender (TPOA)", §3.3, §3.4
 */
import { inFrenchNumberingPlan, type ParsedNumber } from '../core/phone.ts'
import { isValidSender } from './wire.ts'

/**
 * allmysms's default sender: "default by provider is 36180", the short code named in the STOP
 * mention.
 *
 * @see shared/research/french-providers.md — §B.1.4 [DAVAXI-SMS], [SYM-README]
 */
export const DEFAULT_SENDER = '36180'

/**
 * The mention that unlocks a custom sender towards France, at the very end of the text,
 * "précédée d'un espace ou d'un retour à la ligne".
 *
 * @note Letters in any case (our choice): public allmysms integrations append
 * `"\r\nStop au 36180"` (research §3.3, [AMS-BULK-PHP]). The words are separated by single
 * spaces, and nothing may follow the number — not even a full stop — once the body's trailing
 * line breaks and spaces are trimmed.
 */
const STOP_MENTION = /[ \n]stop au 36180$/i

/**
 * Whether a text ends with the STOP mention, preceded by a space or a line break.
 *
 * @example
 * endsWithStopMention('Soldes -20% STOP au 36180')      // true
 * endsWithStopMention('Soldes -20%\nSTOP au 36180')     // true
 * endsWithStopMention('Soldes -20%STOP au 36180')       // false: glued
 * endsWithStopMention('STOP au 36180 : soldes -20%')    // false: not at the end
 */
export function endsWithStopMention(text: string): boolean {
  return STOP_MENTION.test(text)
}

/**
 * Whether a recipient is "vers la France" for the sender rule: metropolitan France and the
 * overseas departments and collectivities that share its numbering plan and its rules.
 */
export function isFrenchRecipient(recipient: ParsedNumber): boolean {
  return inFrenchNumberingPlan(recipient)
}

/** The sender an SMS gets, and why, for the journal. */
export interface SenderChoice {
  from: string
  /** Why the custom sender was not kept, when one was asked for. */
  replaced?: 'invalid' | 'no-stop-mention'
}

/**
 * The sender of the SMS to one recipient.
 *
 * @param custom `from=` as written (trimmed), if any
 * @param text the SMS text, trailing whitespace already trimmed
 *
 * @example
 * chooseSender('MAGASIN', 'Soldes STOP au 36180', french)  // { from: 'MAGASIN' }
 * chooseSender('MAGASIN', 'Soldes', french)                // { from: '36180', replaced: 'no-stop-mention' }
 * chooseSender('MAGASIN', 'Soldes', swiss)                 // { from: 'MAGASIN' }
 * chooseSender('M', 'Soldes', swiss)                       // { from: '36180', replaced: 'invalid' }
 */
export function chooseSender(
  custom: string | undefined,
  text: string,
  recipient: ParsedNumber,
): SenderChoice {
  if (custom === undefined) return { from: DEFAULT_SENDER }
  // An invalid sender is ignored, not refused (our choice): the document's table has no code
  // for it, and allmysms falls back to the short code whenever it cannot use the sender.
  if (!isValidSender(custom)) return { from: DEFAULT_SENDER, replaced: 'invalid' }
  if (isFrenchRecipient(recipient) && !endsWithStopMention(text))
    return { from: DEFAULT_SENDER, replaced: 'no-stop-mention' }
  return { from: custom }
}
