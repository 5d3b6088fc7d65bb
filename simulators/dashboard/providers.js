// @ts-check
/**
 * What the dashboard says of each provider: its name as it writes it, the zone its customers
 * read its times in, and the provider filter every list view has.
 */
import { select } from './dom.js'

/** The providers' names as they write them. */
export const PROVIDER_NAMES = /** @type {const} */ ({
  smstob: 'SMStoB',
  aspsms: 'ASPSMS',
  allmysms: 'allmysms',
  isendpro: 'iSendPro',
})

/** @param {string} id */
export const providerName = (id) => PROVIDER_NAMES[/** @type {'smstob'} */ (id)] ?? id

/**
 * The time zone a provider's customers read its times in: Swiss for ASPSMS, French for the
 * others (the zones their deferred dates are read in, simulators/<provider>/wire.ts).
 *
 * @param {string} provider
 */
export const zoneOf = (provider) => (provider === 'aspsms' ? 'Europe/Zurich' : 'Europe/Paris')

/**
 * The provider filter every list view has: "all providers", then each provider by its name.
 *
 * @param {{ id: string, name: string }[]} providers
 * @param {string} selected
 * @param {string} [name] the field's name
 */
export function providerFilter(providers, selected, name = 'provider') {
  return select(
    { name },
    [
      ['', 'all providers'],
      ...providers.map((p) => /** @type {[string, string]} */ ([p.id, p.name])),
    ],
    selected,
  )
}
