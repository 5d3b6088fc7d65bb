/**
 * "Detailed" notification URLs: placeholders in the URL are replaced by the values of the
 * delivery report, and then nothing is appended.
 *
 * Formats (notify.ts): `<SCTS>`/`<DSCTS>` `ddmmyyyyhhmmss` in Swiss local time, like the
 * SOAP delivery records; `<SCTSUTC>` ISO 8601 UTC; `<RSN>` 3 digits; every value
 * percent-encoded.
 *
 * @see shared/research/aspsms.md — §3.5 "Detailed mode placeholders"
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MINUTE, MOBILE, PHONE_OFF_10_MIN, SEND, UNASSIGNED } from '../json/helpers.ts'
import { startListener, useCallbackSmsim, type Listener } from './helpers.ts'

const TEMPLATE =
  '/notify.asp?TRN=<TRN>&RCPNT=<RCPNT>&DST=<DST>&RSN=<RSN>&SCTS=<SCTS>&DSCTS=<DSCTS>&SCTSUTC=<SCTSUTC>'

/** The query of a received call, decoded. */
const query = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams)

describe('notification URL placeholders', () => {
  const aspsms = useCallbackSmsim()
  let phone: Listener
  beforeEach(async () => {
    phone = await startListener()
  })
  afterEach(() => phone.close())

  it('substitutes <TRN> <RCPNT> <DST> <RSN> <SCTS> <DSCTS> <SCTSUTC> for a delivered SMS and appends nothing', async () => {
    await aspsms.post('SendTextSMS', {
      ...SEND,
      Recipients: [`${MOBILE}:4242`],
      URLDeliveryNotification: `${phone.url}${TEMPLATE}`,
    })
    const call = await phone.nth(1)
    expect(call.path).toBe(
      '/notify.asp?TRN=4242&RCPNT=0041791234567&DST=0&RSN=000&SCTS=05012026090000&DSCTS=05012026090000&SCTSUTC=2026-01-05T08%3A00%3A00Z',
    )
  })

  it('gives DST 2 and RSN 101 "Unknown subscriber" for an unassigned number', async () => {
    await aspsms.post('SendTextSMS', {
      ...SEND,
      Recipients: [`${UNASSIGNED}:5`],
      URLNonDeliveryNotification: `${phone.url}${TEMPLATE}`,
    })
    expect(query((await phone.nth(1)).path)).toMatchObject({
      TRN: '5',
      RCPNT: UNASSIGNED,
      DST: '2',
      RSN: '101',
    })
  })

  it('gives DST 1 while buffered, then DST 0 with the delivery instant in <DSCTS>', async () => {
    await aspsms.post('SendTextSMS', {
      ...SEND,
      Recipients: [`${PHONE_OFF_10_MIN}:6`],
      URLBufferedMessageNotification: `${phone.url}${TEMPLATE}`,
      URLDeliveryNotification: `${phone.url}${TEMPLATE}`,
    })
    expect(query((await phone.nth(1)).path)).toMatchObject({ DST: '1', RSN: '107' })
    await aspsms.advance(10 * MINUTE)
    expect(query((await phone.nth(2)).path)).toMatchObject({
      DST: '0',
      RSN: '000',
      SCTS: '05012026090000',
      DSCTS: '05012026091000',
      SCTSUTC: '2026-01-05T08:00:00Z',
    })
  })
})
