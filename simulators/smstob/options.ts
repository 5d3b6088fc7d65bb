/**
 * An SMStoB account's options ("Modifier les options", §7) and contact groups (§6–7), read
 * from the account's `options` with their defaults.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §6 "Publipostage", §7 "Autres fonctionnalités et options"
 */
import type { Account } from '../core/model.ts'
import { parseMobile } from '../core/phone.ts'

/** A contact of a group: its number and up to three merge variables `[v1]`..`[v3]`. */
export interface Contact {
  number: string
  name?: string
  v1?: string
  v2?: string
  v3?: string
}

export type SmstobFormat = 'normal' | 'flash' | 'normal+flash'

export interface SmstobOptions {
  /** Code 91 on (default) or off: "L'erreur 91 peut être désactivée". */
  duplicateCheck: boolean
  /** "Choix du Format des SMS". */
  format: SmstobFormat
  /** "Choix de la durée de vie du SMS : de 1 heure à 3 jours". */
  lifetimeHours: number
  /** "Alerte sur seuil": an SMS to `number` when the balance falls to `threshold`. */
  lowCreditAlert?: { threshold: number; number: string }
  groups: Record<string, Contact[]>
}

/** Lifetime bounds of §7, in hours. */
export const LIFETIME_HOURS = { min: 1, max: 72, default: 72 } as const

/** Reads an account's options, filling in the defaults. */
export function smstobOptions(account: Account): SmstobOptions {
  const o = account.options as Partial<SmstobOptions>
  const format = o.format ?? 'normal'
  const lifetimeHours = o.lifetimeHours ?? LIFETIME_HOURS.default
  const groups = o.groups ?? {}
  // Without a spread: read on every send (issue 17).
  return o.lowCreditAlert
    ? {
        duplicateCheck: o.duplicateCheck !== false,
        format,
        lifetimeHours,
        lowCreditAlert: o.lowCreditAlert,
        groups,
      }
    : { duplicateCheck: o.duplicateCheck !== false, format, lifetimeHours, groups }
}

/**
 * Checks options given through the control API; returns what is wrong, in words, or nothing.
 *
 * @example
 * validateSmstobOptions({ lifetimeHours: 100 }) // ['lifetimeHours must be between 1 and 72']
 */
export function validateSmstobOptions(options: Record<string, unknown>): string[] {
  const problems: string[] = []
  const { duplicateCheck, format, lifetimeHours, lowCreditAlert, groups } = options
  if (duplicateCheck !== undefined && typeof duplicateCheck !== 'boolean')
    problems.push('duplicateCheck must be true or false')
  if (format !== undefined && !['normal', 'flash', 'normal+flash'].includes(format as string)) {
    problems.push('format must be "normal", "flash" or "normal+flash"')
  }
  if (
    lifetimeHours !== undefined &&
    (typeof lifetimeHours !== 'number' ||
      lifetimeHours < LIFETIME_HOURS.min ||
      lifetimeHours > LIFETIME_HOURS.max)
  ) {
    problems.push(`lifetimeHours must be between ${LIFETIME_HOURS.min} and ${LIFETIME_HOURS.max}`)
  }
  if (lowCreditAlert !== undefined) {
    const a = lowCreditAlert as { threshold?: unknown; number?: unknown }
    if (
      typeof a !== 'object' ||
      a === null ||
      typeof a.threshold !== 'number' ||
      typeof a.number !== 'string'
    ) {
      problems.push('lowCreditAlert must be {"threshold": <credits>, "number": "<mobile>"}')
    }
  }
  if (groups !== undefined) {
    if (typeof groups !== 'object' || groups === null || Array.isArray(groups))
      problems.push('groups must be an object')
    else {
      for (const [name, contacts] of Object.entries(groups)) {
        if (!Array.isArray(contacts) || contacts.some((c) => typeof c?.number !== 'string')) {
          problems.push(`group "${name}" must be a list of {"number": "...", "v1"?, "v2"?, "v3"?}`)
          continue
        }
        for (const contact of contacts as Contact[]) {
          if (!parseMobile(contact.number))
            problems.push(`group "${name}": "${contact.number}" is not a mobile number`)
        }
      }
    }
  }
  return problems
}

/** Finds a group by name, ignoring case and surrounding spaces (our choice). */
export function findGroup(options: SmstobOptions, name: string): Contact[] | undefined {
  const wanted = name.trim().toLowerCase()
  for (const [groupName, contacts] of Object.entries(options.groups)) {
    if (groupName.trim().toLowerCase() === wanted) return contacts
  }
  return undefined
}
