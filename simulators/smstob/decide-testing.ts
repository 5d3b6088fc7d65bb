/**
 * What the unit tests of SMStoB's send decision share: one account on a {@link MemoryStore} built
 * as the server builds it, a request with good fields to spread and change, and the decision
 * applied to the store, as the simulator does for each request.
 */
import { MemoryStore } from '../core/memory-store.ts'
import { decideSend, type SmstobSendRequest } from './decide.ts'
import { smstob } from './index.ts'
import type { Contact, SmstobOptions } from './options.ts'

/** Monday 5 January 2026, 09:00 in Paris. */
export const NOW = new Date('2026-01-05T09:00:00+01:00')
export const HOUR = 3_600_000
export const LOGIN = 'jean@resto.fr'
export const PASS = 'XV65JU'

/** §6, first example: "Bonjour [v1], votre plat préféré est [v3] ? …" */
export const RESTO: Contact[] = [
  { number: '0660919010', v1: 'Jean', v2: 'Hédé', v3: 'la Pizza' },
  { number: '0660545465', v1: 'Jérôme', v2: 'Rennes', v3: 'la Choucroute' },
  { number: '0660901010', v1: 'Jacques', v2: 'Paris', v3: 'le petit-salé' },
]
export const RESTO_MESSAGE =
  'Bonjour [v1], votre plat préféré est [v3] ? Venez le découvrir dans notre restaurant de [v2]'

/** A store as the server builds it, with one SMStoB account. */
export function setup(options: Partial<SmstobOptions> = {}, credits = 100): MemoryStore {
  const store = new MemoryStore({
    normalizeId: (_provider, id) => smstob.normalizeAccountId?.(id) ?? id,
  })
  store.createAccount({ provider: 'smstob', id: LOGIN, secret: PASS, credits, options }, NOW)
  return store
}

/** A good send of one SMS to a mobile, with `fields` changed. */
export const request = (fields: Partial<SmstobSendRequest> = {}): SmstobSendRequest => ({
  transport: 'http',
  email: LOGIN,
  pass: PASS,
  numero: '0660919010',
  message: 'Bonjour',
  ...fields,
})

/** Decides a send and applies it, as the simulator does for each request. */
export function send(store: MemoryStore, fields: Partial<SmstobSendRequest> = {}, now = NOW) {
  const decision = decideSend(request(fields), store, now)
  const applied = store.apply(decision.effects, now)
  return { ...decision, sms: applied.sms }
}

/** The code a send answers. */
export const code = (store: MemoryStore, fields: Partial<SmstobSendRequest> = {}, now = NOW) =>
  send(store, fields, now).reply.code

/** The account's balance. */
export const credits = (store: MemoryStore): number | undefined =>
  store.account('smstob', LOGIN)?.credits
