/**
 * What the unit tests of the providers' mail sides share: a mail as the gateway hands it over,
 * and a store holding a provider's demo accounts, as `npm start` creates them.
 */
import type { InboundMail } from './mail.ts'
import { MemoryStore } from './memory-store.ts'
import type { AccountInput } from './model.ts'

/** What a provider's test mail says by default: who sends it, to which address, and what. */
export interface TestMailDefaults {
  from: string
  to: string
  subject: string
  text: string
}

/**
 * A plain-text mail with no attachment, as the gateway hands it over; `fields` override any part.
 *
 * @example
 * inboundMail({ from: 'jean@ecole.fr', to: 'mail2sms@allmysms.com', subject: '…', text: 'Bonjour\n' }, { hasPlainText: false })
 */
export function inboundMail(
  defaults: TestMailDefaults,
  fields: Partial<InboundMail> = {},
): InboundMail {
  return {
    envelope: { from: defaults.from, to: [defaults.to] },
    from: defaults.from,
    subject: defaults.subject,
    text: defaults.text,
    hasPlainText: true,
    attachments: [],
    headers: {},
    ...fields,
  }
}

/**
 * A fresh store holding these accounts (a provider's `demo.accounts`), created at `now`.
 *
 * @example
 * const store = storeWithAccounts(isendpro.demo.accounts, NOW)
 */
export function storeWithAccounts(accounts: readonly AccountInput[], now: Date): MemoryStore {
  const store = new MemoryStore()
  for (const account of accounts) store.createAccount(account, now)
  return store
}
