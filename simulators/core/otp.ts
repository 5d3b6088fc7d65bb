/**
 * The one-time code an SMS carries, as a test reads it: `Votre code : 482913` → `482913`. The
 * control API shows it beside each SMS (`otp`), so that a test of a login by SMS does not write
 * its own regular expression for it.
 */

/**
 * A group of 4 to 8 digits standing alone: the lengths banks, shops and authenticator services
 * send (4-digit PINs to 8-digit codes). Not part of a longer number or word (`0660919010`,
 * `A1234`), so that a phone number or a reference quoted in the text is not taken for it.
 * Linear: no nested quantifier, so it runs in time proportional to the text.
 */
export const OTP_PATTERN = /\b\d{4,8}\b/

/**
 * The first one-time code in `text`, if any.
 *
 * @example
 * otpOf('Votre code de connexion : 482913. Il expire dans 10 min.') // '482913'
 * otpOf('Rappelez le 0660919010') // undefined (ten digits: a phone number)
 */
export function otpOf(text: string): string | undefined {
  return OTP_PATTERN.exec(text)?.[0]
}
