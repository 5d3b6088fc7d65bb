/**
 * An ASPSMS account's options: what the web account holds that the interfaces read or change.
 */
import type { Account } from '../core/model.ts'

export interface AspsmsToken {
  code: string
  expiresAt: string
  caseSensitive: boolean
  verified: boolean
}

export interface AspsmsVoucherRecord {
  code: string
  remark: string
  credits: number
  created: string
  redeemed?: string
  redeemedBy?: string
}

export interface AspsmsOptions {
  /** Numeric originators unlocked on the account (digits only, no `+` or `00`). */
  unlockedOriginators: string[]
  /** Unlock codes sent and not yet entered, by originator digits. */
  pendingUnlocks: Record<string, string>
  /** Security tokens sent, by `<E.164>|<TokenReference>`. */
  tokens: Record<string, AspsmsToken>
  /** Vouchers this account created. */
  vouchers: AspsmsVoucherRecord[]
  /** May create vouchers (a reseller account). */
  reseller: boolean
  /** Access barred: every request answers 25 "User access denied.". */
  barred: boolean
}

export function aspsmsOptions(account: Account): AspsmsOptions {
  const o = account.options as Partial<AspsmsOptions>
  return {
    // The control API takes "+41…" (validateAspsmsOptions); decisions compare bare digits.
    unlockedOriginators: (o.unlockedOriginators ?? []).map(originatorDigits),
    pendingUnlocks: o.pendingUnlocks ?? {},
    tokens: o.tokens ?? {},
    vouchers: o.vouchers ?? [],
    reseller: o.reseller === true,
    barred: o.barred === true,
  }
}

/** Checks options given through the control API or a config file. */
export function validateAspsmsOptions(options: Record<string, unknown>): string[] {
  const problems: string[] = []
  const { unlockedOriginators, reseller, barred } = options
  if (
    unlockedOriginators !== undefined &&
    !(
      Array.isArray(unlockedOriginators) &&
      unlockedOriginators.every((o) => typeof o === 'string' && /^(\+|00)?\d{3,15}$/.test(o))
    )
  ) {
    problems.push('unlockedOriginators must be a list of phone numbers ("+41791234567")')
  }
  if (reseller !== undefined && typeof reseller !== 'boolean')
    problems.push('reseller must be true or false')
  if (barred !== undefined && typeof barred !== 'boolean')
    problems.push('barred must be true or false')
  return problems
}

/** The digits of unlocked originators, as stored (`+41…`, `0041…` and `41…` are the same). */
export function originatorDigits(value: string): string {
  return value.trim().replace(/^(\+|00)/, '')
}

/**
 * A deterministic code from a seed: decisions are pure, so codes (unlock codes, tokens,
 * vouchers) are derived from what identifies them and the instant, not from a random source.
 */
export function derivedCode(seed: string, alphabet: string, length: number): string {
  let h = 0x811c9dc5
  let out = ''
  for (let round = 0; out.length < length; round++) {
    for (const ch of `${seed}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
    out += alphabet[h % alphabet.length]
  }
  return out
}
