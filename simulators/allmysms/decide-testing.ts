/**
 * What the unit tests of allmysms's Mail2SMS decision share: one account on a store, a good
 * mail to spread and change, and the decision applied to the store, as the simulator does.
 */
import { MemoryStore } from '../core/memory-store.ts'
import { decideMail2Sms, type Mail2SmsRequest } from './decide.ts'

/** Monday 5 January 2026, 09:00 in Paris. */
export const NOW = new Date('2026-01-05T09:00:00+01:00')
export const LOGIN = 'arthur45'
export const KEY = 'de135f8d2a091e4'
export const SENDER = 'jean@ecole.fr'

/** A store as the server builds it, with one allmysms account. */
export function setup(credits = 100): MemoryStore {
  const store = new MemoryStore()
  store.createAccount({ provider: 'allmysms', id: LOGIN, secret: KEY, credits }, NOW)
  return store
}

/** A good Mail2SMS to one French mobile, with `fields` changed. */
export const request = (fields: Partial<Mail2SmsRequest> = {}): Mail2SmsRequest => ({
  sender: SENDER,
  subject: `${LOGIN}@${KEY}|0612121515`,
  text: 'Bonjour',
  hasPlainText: true,
  ...fields,
})

/** Decides a mail and applies it, as the simulator does. */
export function send(store: MemoryStore, fields: Partial<Mail2SmsRequest> = {}, now = NOW) {
  const decision = decideMail2Sms(request(fields), store, now)
  const applied = store.apply(decision.effects, now)
  return { ...decision, sms: applied.sms, mails: applied.mails }
}

/** The account's balance. */
export const credits = (store: MemoryStore) => store.account('allmysms', LOGIN)?.credits
