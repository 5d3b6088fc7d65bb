/**
 * What the unit tests of SMStoB's mail side share: the school's account on a {@link MemoryStore}
 * built as the server builds it, a mail as the gateway hands it over, and the mail decision
 * applied to the store, as the simulator does for each mail.
 */
import type { InboundMail } from '../core/mail.ts'
import { MemoryStore } from '../core/memory-store.ts'
import { smstob } from './index.ts'
import { handleSmstobMail } from './mail.ts'
import type { SmstobOptions } from './options.ts'

/** Monday 5 January 2026, 09:00 in Paris. */
export const NOW = new Date('2026-01-05T09:00:00+01:00')
export const HOUR = 3_600_000
export const FROM = 'ecole@example.fr'
export const PASS = 'XV65JU'
export const MOBILE = '0660919010'

/** The address of each syntax, for {@link PASS} and {@link MOBILE}. */
export const SYNTAX_1 = `${PASS}.${MOBILE}@smstob.com`
export const SYNTAX_2 = `sms.${PASS}@smstob.com`
export const SYNTAX_3 = 'sms@smstob.com'

/** A store as the server builds it, with {@link FROM}'s SMStoB account. */
export function setup(options: Partial<SmstobOptions> = {}, credits = 10): MemoryStore {
  const store = new MemoryStore({
    normalizeId: (_provider, id) => smstob.normalizeAccountId?.(id) ?? id,
  })
  store.createAccount({ provider: 'smstob', id: FROM, secret: PASS, credits, options }, NOW)
  return store
}

/** A mail as the gateway hands it over. */
export function inbound(
  to: string,
  subject = '',
  text = 'Bonjour',
  more: Partial<InboundMail> = {},
) {
  const mail: InboundMail = {
    envelope: { from: FROM, to: [to] },
    from: FROM,
    subject,
    text,
    hasPlainText: true,
    attachments: [],
    headers: {},
    messageId: '<1@ecole.example.fr>',
    ...more,
  }
  return mail
}

/** Sends one mail and applies the decision, as the simulator does. */
export function send(store: MemoryStore, mail: InboundMail, now = NOW) {
  const result = handleSmstobMail(mail, mail.envelope.to[0]!, store, now)
  const applied = store.apply(result.effects, now)
  return { ...result, sms: applied.sms, mails: applied.mails }
}
