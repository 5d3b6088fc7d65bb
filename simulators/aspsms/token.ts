/**
 * Security tokens (ASPTOKEN): `SendTokenSMS` sends a one-time code, `VerifyToken` checks it.
 *
 * TOKENDOC gives the parameters: TokenValidity in minutes (default 5), TokenMask (`#` a digit,
 * `A` a letter, `N` a letter or digit, anything else literal; default `NNNN`),
 * TokenCaseSensitive (default 0), `<VERIFICATIONCODE>` in MessageData, and a caller-chosen
 * VerificationCode. Which of 36–39 VerifyToken answers when is ours: a right code 1, asked
 * again 39, an empty code 36 (pending), a wrong or expired code 37, an unknown token 38.
 *
 * @see shared/research/aspsms.md — §6 "Tokens"
 */
import type { Effect } from '../core/effects.ts'
import type { Account } from '../core/model.ts'
import type { StateView } from '../core/store.ts'
import { MAX_RECIPIENTS, parseRecipient } from './numbers.ts'
import { aspsmsOptions, derivedCode, type AspsmsToken } from './options.ts'
import type { AspsmsRequest } from './request.ts'
import { decideAspsmsSend } from './send.ts'

/** Longest TokenMask taken (our choice): a one-time code, not a message. */
export const MAX_TOKEN_MASK = 32
export const TOKEN_DEFAULTS = { validityMinutes: 5, mask: 'NNNN' } as const
/**
 * Longest TokenValidity taken, in minutes (our choice: a year). Beyond it the expiry would
 * soon be past the largest `Date` and `toISOString` would throw; 11 answers instead.
 */
export const MAX_TOKEN_VALIDITY_MINUTES = 525_600
/** The text sent when MessageData is empty (our choice). */
export const DEFAULT_TOKEN_TEXT = 'Your verification code: <VERIFICATIONCODE>'

const DIGITS = '0123456789'
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'

type Outcome = { status: number; effects: Effect[] }

/** Builds a code from a mask, deterministically from `seed`. */
export function tokenFromMask(mask: string, seed: string): string {
  return [...mask]
    .map((c, i) =>
      c === '#'
        ? derivedCode(`${seed}|${i}`, DIGITS, 1)
        : c === 'A'
          ? derivedCode(`${seed}|${i}`, LETTERS, 1)
          : c === 'N'
            ? derivedCode(`${seed}|${i}`, DIGITS + LETTERS, 1)
            : c,
    )
    .join('')
}

export function decideSendToken(
  request: AspsmsRequest,
  account: Account,
  view: StateView,
  now: Date,
): Outcome {
  const x = request.extra
  const validity = x.TokenValidity ? Number(x.TokenValidity) : TOKEN_DEFAULTS.validityMinutes
  if (!Number.isInteger(validity) || validity <= 0 || validity > MAX_TOKEN_VALIDITY_MINUTES)
    return { status: 11, effects: [] }
  if (request.recipients.length === 0) return { status: 20, effects: [] }
  if (request.recipients.length > MAX_RECIPIENTS) return { status: 27, effects: [] }
  const reference = x.TokenReference ?? ''
  const mask = x.TokenMask || TOKEN_DEFAULTS.mask
  if (mask.length > MAX_TOKEN_MASK) return { status: 11, effects: [] }
  // Tokens that can no longer be verified are dropped: the account's state stays bounded.
  const tokens: Record<string, AspsmsToken> = Object.fromEntries(
    Object.entries(aspsmsOptions(account).tokens).filter(
      ([, t]) => !t.verified && Date.parse(t.expiresAt) > now.getTime(),
    ),
  )
  const texts: string[] = []
  for (const recipient of request.recipients) {
    const phone = parseRecipient(recipient.number)
    const code =
      x.VerificationCode ||
      tokenFromMask(mask, `${account.id}|${recipient.number}|${reference}|${now.toISOString()}`)
    texts.push((request.text || DEFAULT_TOKEN_TEXT).replaceAll('<VERIFICATIONCODE>', code))
    if (phone) {
      tokens[`${phone.e164}|${reference}`] = {
        code,
        expiresAt: new Date(now.getTime() + validity * 60_000).toISOString(),
        caseSensitive: x.TokenCaseSensitive === '1',
        verified: false,
      }
    }
  }
  // Every recipient may get its own code: send one request per distinct text.
  const effects: Effect[] = []
  let credits = account.credits
  const options = aspsmsOptions(account)
  for (const [i, recipient] of request.recipients.entries()) {
    // "If not specified, recipient MSISDN is set" (TOKENDOC): the recipient's own number needs
    // no unlocking, so it is let through the numeric-originator check for this send only. A
    // recipient that is no valid number fails with 206 whatever the sender: the default one.
    const own = parseRecipient(recipient.number)?.e164
    const sender = request.originator || own || ''
    const unlockedOriginators =
      request.originator || !own
        ? options.unlockedOriginators
        : [...options.unlockedOriginators, own.slice(1)]
    const outcome = decideAspsmsSend(
      { ...request, recipients: [recipient], text: texts[i]!, originator: sender },
      { ...account, credits, options: { ...account.options, unlockedOriginators } },
      view,
      now,
    )
    const status = outcome.reply.kind === 'status' ? outcome.reply.status : 1
    if (status !== 1) return { status, effects: [] }
    for (const effect of outcome.effects) if (effect.kind === 'debit') credits -= effect.amount
    effects.push(...outcome.effects)
  }
  effects.push({ kind: 'options', provider: 'aspsms', account: account.id, set: { tokens } })
  return { status: 1, effects }
}

export function decideVerifyToken(request: AspsmsRequest, account: Account, now: Date): Outcome {
  const x = request.extra
  const phone = parseRecipient(x.PhoneNumber ?? '')
  const key = `${phone?.e164 ?? x.PhoneNumber}|${x.TokenReference ?? ''}`
  const options = aspsmsOptions(account)
  const token = options.tokens[key]
  if (!token) return { status: 38, effects: [] }
  if (token.verified) return { status: 39, effects: [] }
  const given = (x.VerificationCode ?? '').trim()
  if (given === '') return { status: 36, effects: [] }
  if (Date.parse(token.expiresAt) <= now.getTime()) return { status: 37, effects: [] }
  const same = token.caseSensitive
    ? given === token.code
    : given.toUpperCase() === token.code.toUpperCase()
  if (!same) return { status: 37, effects: [] }
  return {
    status: 1,
    effects: [
      {
        kind: 'options',
        provider: 'aspsms',
        account: account.id,
        set: { tokens: { ...options.tokens, [key]: { ...token, verified: true } } },
      },
    ],
  }
}
