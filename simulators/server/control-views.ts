/**
 * How the control API shows each record — in its JSON reads and in its event stream alike, so
 * that an `sms` event is exactly one element of `GET /_smsim/messages` — with every secret
 * masked by the one rule of core/secrets.ts: an account's secret, an id that is a credential
 * (iSendPro's keyid), the credentials a mail quotes. The journal is masked as it is stored.
 */
import type { Account, Mail, ProviderId, Sms } from '../core/model.ts'
import { otpOf } from '../core/otp.ts'
import { maskSecret, shownAccount, shownMail, shownRecord } from '../core/secrets.ts'
import type { Engine } from '../engine/engine.ts'

/** An SMS as the control API shows it: its one-time code beside it, when it has one. */
export type ShownSms = Sms & { otp?: string }

export interface RecordViews {
  /**
   * With `read`, the code the client's own pattern found (`?otp=`, server/otp-pattern.ts)
   * rather than the one of the default pattern (core/otp.ts).
   */
  sms(sms: Sms, read?: { otp: string | undefined }): ShownSms
  mail(mail: Mail): Mail
  account(account: Account, reveal?: boolean): Account
  /** An account id as shown: masked where it is the credential. */
  accountId(provider: ProviderId, id: string): string
}

/**
 * @example
 * const views = recordViews(sim)
 * res.json(sim.store.messages().map((sms) => views.sms(sms)))
 */
export function recordViews(sim: Engine): RecordViews {
  const secretIds = (provider: ProviderId) =>
    sim.providers.get(provider)?.accountIdIsSecret === true
  return {
    sms(sms, read) {
      const shown: ShownSms = { ...shownRecord(sms, secretIds(sms.provider)) }
      const code = read ? read.otp : otpOf(sms.text)
      if (code !== undefined) shown.otp = code
      return shown
    },
    mail: (mail) => shownMail(mail, secretIds(mail.provider)),
    account: (account, reveal = false) =>
      shownAccount(account, secretIds(account.provider), reveal),
    accountId: (provider, id) => (secretIds(provider) ? maskSecret(id) : id),
  }
}
