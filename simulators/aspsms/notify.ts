/**
 * Delivery notifications: when the network buffers, delivers or fails an SMS, the URL the
 * client gave for that outcome is called — "The value of the submitted transaction reference
 * number will be the argument of the URL" (XMLSPEC §6.3.16–18), or, when the URL holds
 * placeholders (`<TRN>`, `<RCPNT>`, `<DST>`, `<RSN>`, `<SCTS>`, `<DSCTS>`, `<SCTSUTC>`,
 * `<DSCTSUTC>`, `<SCTSCET>`, `<DSCTSCET>`), with those substituted instead.
 *
 * @see shared/research/aspsms.md — §3.5 "Delivery-notification callbacks"
 */
import type { Effect } from '../core/effects.ts'
import type { SmsEvent } from '../core/store.ts'
import { formatAspsmsDate, formatCet } from './dates.ts'
import { deliveryRecord } from './inquire.ts'

const PLACEHOLDER = /<(TRN|RCPNT|DST|RSN|SCTS|DSCTS|SCTSUTC|DSCTSUTC|SCTSCET|DSCTSCET)>/g

/** The URL to call for an event, or `undefined` when the client gave none for it. */
export function notificationUrl(event: SmsEvent): string | undefined {
  const { sms, status } = event
  const key =
    status === 'buffered'
      ? 'urlBuffered'
      : status === 'delivered'
        ? 'urlDelivered'
        : status === 'failed' || status === 'expired'
          ? 'urlNonDelivered'
          : undefined
  const template = key ? sms.meta[key] : undefined
  if (typeof template !== 'string' || template === '') return undefined
  const record = deliveryRecord(sms)
  const values: Record<string, string> = {
    TRN: record.trn,
    RCPNT: record.recipient,
    DST: String(record.status),
    RSN: record.reason === undefined ? '' : String(record.reason).padStart(3, '0'),
    SCTS: formatAspsmsDate(record.submittedAt),
    DSCTS: formatAspsmsDate(record.notifiedAt),
    SCTSUTC: record.submittedAt ? record.submittedAt.replace(/\.\d{3}Z$/, 'Z') : '',
    DSCTSUTC: record.notifiedAt ? record.notifiedAt.replace(/\.\d{3}Z$/, 'Z') : '',
    SCTSCET: formatCet(record.submittedAt),
    DSCTSCET: formatCet(record.notifiedAt),
  }
  if (/<[A-Z]+>/.test(template) && template.search(PLACEHOLDER) >= 0) {
    return template.replace(PLACEHOLDER, (_m, name: string) =>
      encodeURIComponent(values[name] ?? ''),
    )
  }
  return `${template}${encodeURIComponent(record.trn)}`
}

/** ASPSMS's reaction to an SMS event: the notification call, if one was asked for. */
export function onAspsmsSmsEvent(event: SmsEvent): Effect[] {
  const url = notificationUrl(event)
  if (!url) return []
  const trn = event.sms.meta.trn
  return [
    {
      kind: 'callback',
      provider: 'aspsms',
      account: event.sms.account,
      url,
      ...(typeof trn === 'string' ? { ref: trn } : {}),
    },
  ]
}
