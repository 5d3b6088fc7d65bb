/**
 * What a provider decision asks for. `decide` functions return effects; the store applies
 * them, all of a decision at once, so that a decision is atomic (principle 4).
 */
import type { NewMail, NewSms, ProviderId } from './model.ts'

export type Effect =
  /** Take credits from an account (never below zero: the decision checked first). */
  | { kind: 'debit'; provider: ProviderId; account: string; amount: number; reason: string }
  /** Put an SMS on the network: delivered, scheduled or failed per the number's state. */
  | { kind: 'sms'; sms: NewSms }
  /** Send a mail back (stored in the outbox, relayed only to a configured smarthost). */
  | { kind: 'mail'; mail: NewMail }
  /** Remember a key for an account (an iSendPro emailId already processed, for instance). */
  | { kind: 'mark'; provider: ProviderId; account: string; key: string }
  /** Set some of an account's options (ASPSMS: an originator unlocked, a token sent). */
  | { kind: 'options'; provider: ProviderId; account: string; set: Record<string, unknown> }
  /**
   * Call a URL the client gave (ASPSMS delivery notifications). Done after the decision, with
   * a bounded retry; every attempt is journalled.
   */
  | { kind: 'callback'; provider: ProviderId; account: string; url: string; ref?: string }
  /**
   * Stop SMS of the account that are still `scheduled` (allmysms's deleteCampaign): each fails
   * at once with `reason`; one already on the network, or another account's, is left alone.
   */
  | {
      kind: 'cancel'
      provider: ProviderId
      account: string
      ids: readonly string[]
      reason: string
    }

/** The outcome of one provider decision: what to answer, and what to change. */
export interface Decision<Reply> {
  reply: Reply
  effects: Effect[]
  /** Who asked, for the journal (the account id, when one was recognised). */
  account?: string
  /** The provider's code, for the journal. */
  code?: string | number
}
