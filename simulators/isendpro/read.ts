/**
 * The first step of iSendPro's mail pipeline: a mail's fields read, once, into the request it
 * makes — the `<envoi>` block (envoi.ts), `mobiles.csv` and `message.csv` (csv.ts), the
 * `<emetteur>` (sender.ts), the sender's domain — or the reason it is not processed at all. No
 * account, no clock: what the request means for the account is the decision's (decide.ts).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Utilisation de l'API", III.1–III.4
 */
import {
  attachmentText,
  findAttachment,
  MESSAGE_CSV,
  MOBILES_CSV,
  readMessageCsv,
  readMobilesCsv,
} from './csv.ts'
import { MAX_INDEX, readEnvoi, type Envoi } from './envoi.ts'
import { MAX_PARTS } from './message.ts'
import type { IsendproMailRequest, IsendproReading, Recipient } from './model.ts'
import { asksNoStop, readEmetteur } from './sender.ts'

/** Most recipients of one mail ("jusqu'à 500 destinataires différents par requête"). */
export const MAX_RECIPIENTS = MAX_INDEX

/** Parts allowed without `<smslong>`: one SMS, the 160 (or 141) characters of §4. */
export const DEFAULT_PARTS = 1

/**
 * Reads a mail. Not processed at all: an automatic mail, a mail that is not plain text ("format
 * text brut sans aucune mise en forme"), a body without a readable `<envoi>`.
 *
 * @example
 * readIsendproMail({ sender: 'app@masociete.com', plainText: true, attachments: [],
 *   text: '<envoi><keyid>k</keyid><num>0601020304</num><sms>Salut</sms><emailId>1</emailId></envoi>' })
 * // { ok: true, request: { keyid: 'k', emailId: '1', senderDomain: 'masociete.com',
 * //   recipients: [{ tel: '0601020304', message: 'Salut' }], allowedParts: 1, … } }
 * readIsendproMail({ …mail, automatic: true }) // { ok: false, reason: 'automatic' }
 */
export function readIsendproMail(mail: IsendproMailRequest): IsendproReading {
  if (mail.automatic) return { ok: false, reason: 'automatic' }
  if (!mail.plainText) return { ok: false, reason: 'not-plain-text' }
  const reading = readEnvoi(mail.text)
  if (!reading.ok)
    return {
      ok: false,
      reason: reading.reason,
      ...(reading.detail ? { detail: reading.detail } : {}),
    }
  const { envoi } = reading
  const mobiles = findAttachment(mail.attachments, MOBILES_CSV)
  const messageCsv = findAttachment(mail.attachments, MESSAGE_CSV)
  const template = messageCsv ? readMessageCsv(attachmentText(messageCsv)) : undefined
  const emailId = envoi.emailId?.trim()
  const senderDomain = domainOf(mail.sender)
  return {
    ok: true,
    request: {
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      ...(senderDomain ? { senderDomain } : {}),
      ...(envoi.keyid !== undefined ? { keyid: envoi.keyid } : {}),
      ...(emailId ? { emailId } : {}),
      ...(envoi.emailAck !== undefined ? { emailAck: envoi.emailAck } : {}),
      ...(envoi.emailNot !== undefined ? { emailNot: envoi.emailNot } : {}),
      emetteur: readEmetteur(envoi.emetteur),
      noStop: asksNoStop(envoi.nostop),
      allowedParts: readSmslong(envoi.smslong),
      smslongGiven: envoi.smslong !== undefined,
      ...(envoi.tracker ? { tracker: envoi.tracker } : {}),
      recipients: mobiles
        ? readMobilesCsv(attachmentText(mobiles), MAX_RECIPIENTS + 1).map((row, i) => ({
            tel: row.num,
            fields: row.fields,
            ...messageOf(envoi, template, i + 1),
          }))
        : envoi.nums
            .filter((n) => n.value !== '')
            .map((n) => ({ tel: n.value, ...messageOf(envoi, template, n.index) })),
      beyondMaxIndex: envoi.beyondMaxIndex,
      numIgnored: mobiles !== undefined && envoi.nums.length > 0,
      smsIgnored: template !== undefined && (envoi.sms !== undefined || envoi.smsByIndex.size > 0),
      ignored: envoi.ignored,
    },
  }
}

/**
 * The message written for the recipient at `index` (`numX`'s X, or the line of `mobiles.csv`,
 * 1-based; 0 for `num`): `message.csv`, else its own `smsX`, else `sms`.
 */
function messageOf(
  envoi: Envoi,
  template: string | undefined,
  index: number,
): Pick<Recipient, 'message'> {
  const message = template ?? (index > 0 ? envoi.smsByIndex.get(index) : undefined) ?? envoi.sms
  return message !== undefined ? { message } : {}
}

/**
 * The parts each SMS may have: `<smslong>` capped at {@link MAX_PARTS}, one without it,
 * `'invalid'` when it is not a whole number ≥ 1.
 *
 * @example
 * readSmslong(undefined) // 1
 * readSmslong('3')       // 3
 * readSmslong('12')      // 6
 * readSmslong('0')       // 'invalid'
 */
export function readSmslong(value: string | undefined): number | 'invalid' {
  if (value === undefined) return DEFAULT_PARTS
  if (!/^[1-9]\d*$/.test(value)) return 'invalid'
  return Math.min(Number(value), MAX_PARTS)
}

/**
 * The domain of an address, lower case; `undefined` when there is none to read.
 *
 * @example
 * domainOf('App@MaSociete.com') // 'masociete.com'
 * domainOf('') // undefined
 */
export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@')
  const domain =
    at < 0
      ? ''
      : address
          .slice(at + 1)
          .trim()
          .toLowerCase()
          .replace(/\.$/, '')
  return /^[a-z0-9.-]+$/.test(domain) && !domain.startsWith('.') ? domain : undefined
}
