/**
 * An iSendPro account's settings, given at account creation (§II "Liste des informations à
 * fournir") or lifted on request afterwards: the domains mail may come from, the commercial
 * time-window restriction, and the STOP mention. They live in the account's `options`
 * (`POST /_smsim/accounts {"provider":"isendpro","id":"<keyid>","options":{…}}`).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — II "Domaine des adresses emails de
 * l'expéditeur", "nous demander de lever cette restriction"; III.4 "faire une demande pour
 * retirer l'obligation du STOP"
 */
import {
  checkCommercialWindow,
  COMMERCIAL_WINDOWS,
  type CommercialWindowId,
} from '../core/calendar.ts'

/** The account settings the decision reads, with their defaults filled in. */
export interface IsendproOptions {
  /** Domains the sender's address may have, lower case. None: every mail is refused (14). */
  senderDomains: string[]
  /** The commercial time-window restriction was lifted (alerts, notifications…): no 24. */
  commercialExempt: boolean
  /** The STOP obligation was lifted: `<nostop>1</nostop>` drops the mention. */
  nostopAllowed: boolean
  /**
   * Which of the core's window presets applies. Ours: the document's own rule (`legacy`,
   * code 24's text) by default; the af2m charters for a team that wants today's rule.
   */
  commercialWindow: CommercialWindowId
  /**
   * The account's liste noire, E.164: numbers `/setlistenoire` added (REST API), refused with 11
   * by both interfaces — one account state whatever the interface (ours: the mail document has
   * no blacklist call; research §C.1 "Tous les messages envoyés vers des clients en liste noire
   * ne sont pas routés … code erreur 11").
   */
  blacklist: string[]
}

/** The default window: code 24's text, "entre 20h et 08h, ni les dimanches et jours fériés". */
export const DEFAULT_COMMERCIAL_WINDOW: CommercialWindowId = 'legacy'

const KNOWN_OPTIONS = [
  'senderDomains',
  'commercialExempt',
  'nostopAllowed',
  'commercialWindow',
  'blacklist',
]

/** E.164 as the blacklist stores it. */
const E164 = /^\+[1-9]\d{6,14}$/

/** A host name: labels of letters, digits and inner hyphens, separated by dots. */
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/

/**
 * A domain as the account lists it: trimmed, lower case, a leading `@` dropped.
 *
 * @example
 * normalizeDomain(' @MaSociete.com ') // 'masociete.com'
 */
export function normalizeDomain(value: string): string {
  return value.trim().toLowerCase().replace(/^@/, '')
}

/**
 * Checks the options given through the control API or a config file; returns the problems.
 *
 * @example
 * validateIsendproOptions({ senderDomains: ['masociete.com'], commercialExempt: true }) // []
 * validateIsendproOptions({ senderDomain: 'x' }) // ['unknown option "senderDomain"; known: …']
 */
export function validateIsendproOptions(options: Record<string, unknown>): string[] {
  const problems: string[] = []
  const { senderDomains, commercialExempt, nostopAllowed, commercialWindow, blacklist } = options
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key))
      problems.push(`unknown option "${key}"; known: ${KNOWN_OPTIONS.join(', ')}`)
  }
  if (senderDomains !== undefined) {
    if (!Array.isArray(senderDomains) || senderDomains.some((d) => typeof d !== 'string'))
      problems.push('senderDomains must be a list of domains, e.g. ["masociete.com"]')
    else
      for (const domain of senderDomains as string[]) {
        if (!DOMAIN.test(normalizeDomain(domain)))
          problems.push(`senderDomains: "${domain}" is not a domain name`)
      }
  }
  for (const [name, value] of Object.entries({ commercialExempt, nostopAllowed })) {
    if (value !== undefined && typeof value !== 'boolean')
      problems.push(`${name} must be true or false`)
  }
  if (
    blacklist !== undefined &&
    (!Array.isArray(blacklist) || blacklist.some((n) => typeof n !== 'string' || !E164.test(n)))
  )
    problems.push('blacklist must be a list of E.164 numbers, e.g. ["+33601020304"]')
  if (
    commercialWindow !== undefined &&
    !Object.hasOwn(COMMERCIAL_WINDOWS, String(commercialWindow))
  )
    problems.push(`commercialWindow must be one of ${Object.keys(COMMERCIAL_WINDOWS).join(', ')}`)
  return problems
}

/**
 * The options of an account, defaults filled in. Tolerant: a value of the wrong type (which
 * {@link validateIsendproOptions} keeps out) counts as not given.
 *
 * @example
 * readIsendproOptions({ senderDomains: ['MaSociete.com'] })
 * // { senderDomains: ['masociete.com'], commercialExempt: false, nostopAllowed: false, commercialWindow: 'legacy' }
 */
export function readIsendproOptions(options: Record<string, unknown>): IsendproOptions {
  const domains = Array.isArray(options.senderDomains) ? options.senderDomains : []
  const window = String(options.commercialWindow ?? DEFAULT_COMMERCIAL_WINDOW)
  return {
    senderDomains: domains.filter((d): d is string => typeof d === 'string').map(normalizeDomain),
    commercialExempt: options.commercialExempt === true,
    nostopAllowed: options.nostopAllowed === true,
    commercialWindow: Object.hasOwn(COMMERCIAL_WINDOWS, window)
      ? (window as CommercialWindowId)
      : DEFAULT_COMMERCIAL_WINDOW,
    blacklist: Array.isArray(options.blacklist)
      ? options.blacklist.filter((n): n is string => typeof n === 'string')
      : [],
  }
}

/**
 * Why a commercial SMS may not go at `instant` for this account (code 24), or `undefined` when
 * it may: the account's window unless its restriction is lifted. Shared by the mail and REST
 * interfaces.
 *
 * @example
 * windowRefusal(readIsendproOptions({}), new Date('2026-11-29T10:00:00+01:00'))
 * // 'outside the commercial window (legacy): weekday, 2026-11-29T10:00:00.000+01:00'
 */
export function windowRefusal(options: IsendproOptions, instant: Date): string | undefined {
  if (options.commercialExempt) return undefined
  const window = checkCommercialWindow(COMMERCIAL_WINDOWS[options.commercialWindow], instant)
  return window.open
    ? undefined
    : `outside the commercial window (${options.commercialWindow}): ${window.reason}, ${window.local}`
}
