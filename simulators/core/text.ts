/**
 * Text rules more than one mail provider reads: where a mail's signature begins. The gateway
 * (simulators/mail/) leaves signatures in `InboundMail.text`, because cutting one is a
 * provider's decision: SMStoB cuts it, allmysms keeps it (its body *is* the SMS). The rule lives
 * here, not in the transport folder, so that a provider never imports from simulators/mail/.
 */

/** The separator line of RFC 3676 §4.3, `-- `, with its line end or at the end of the text. */
const SEPARATOR = /(^|\n)-- (\n|$)/
/** The same, also with `--` alone, as clients that trim trailing spaces write it. */
const SEPARATOR_OR_BARE_DASHES = /(^|\n)-- ?(\n|$)/

/**
 * The text above the first signature separator line, without the line end before it; the
 * whole text when there is none. Line ends must already be `\n` (the gateway's normal form).
 * `bareDashes` also takes a line of `--` alone as the separator.
 *
 * @example
 * textAboveSignature('Cours annulé\n-- \nESF Chamonix\n')                       // 'Cours annulé'
 * textAboveSignature('Cours annulé\n--\nESF Chamonix\n')                        // unchanged
 * textAboveSignature('Cours annulé\n--\nESF Chamonix\n', { bareDashes: true })  // 'Cours annulé'
 */
export function textAboveSignature(text: string, options: { bareDashes?: boolean } = {}): string {
  const match = (options.bareDashes ? SEPARATOR_OR_BARE_DASHES : SEPARATOR).exec(text)
  return match ? text.slice(0, match.index) : text
}
