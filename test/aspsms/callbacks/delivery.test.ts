/**
 * Delivery notifications through the real transport: smsim calls, with an HTTP GET, the URL the
 * JSON request gave for what became of the SMS — "The value of the submitted transaction
 * reference number will be the argument of the URL" — and journals each call.
 *
 * @see shared/research/aspsms.md — §3.5 "Delivery-notification callbacks"
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MINUTE, MOBILE, PHONE_OFF_10_MIN, SEND, UNASSIGNED } from '../json/helpers.ts'
import { startListener, useCallbackSmsim, type Listener } from './helpers.ts'

describe('delivery notifications', () => {
  const aspsms = useCallbackSmsim()
  let phone: Listener
  beforeEach(async () => {
    phone = await startListener()
  })
  afterEach(() => phone.close())

  /** The three URLs of a send, each on its own path, the TRN appended after `id=`. */
  const urls = () => ({
    URLBufferedMessageNotification: `${phone.url}/buffered.asp?id=`,
    URLDeliveryNotification: `${phone.url}/delivered.asp?id=`,
    URLNonDeliveryNotification: `${phone.url}/nondelivered.asp?id=`,
  })

  it('GETs URLDeliveryNotification with the TRN appended when the SMS is delivered', async () => {
    const answer = await aspsms.post('SendTextSMS', {
      ...SEND,
      Recipients: [`${MOBILE}:4242`],
      ...urls(),
    })
    expect(answer).toEqual({ StatusCode: '1', StatusInfo: 'OK' })
    const call = await phone.nth(1)
    expect(call).toMatchObject({ method: 'GET', path: '/delivered.asp?id=4242' })
    await aspsms.settled()
    expect(phone.received).toHaveLength(1)
    expect(await aspsms.callbacks()).toMatchObject([
      {
        provider: 'aspsms',
        transport: 'callback',
        account: 'I3QHMYKEY6E',
        request: { method: 'GET', url: `${phone.url}/delivered.asp?id=4242`, ref: '4242' },
        status: 200,
        note: 'attempt 1/3',
        at: '2026-01-05T08:00:00.000Z',
      },
    ])
  })

  it('GETs URLNonDeliveryNotification, and only it, when the number is not assigned', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, Recipients: [`${UNASSIGNED}:77`], ...urls() })
    expect((await phone.nth(1)).path).toBe('/nondelivered.asp?id=77')
    await aspsms.settled()
    expect(phone.received.map((r) => r.path)).toEqual(['/nondelivered.asp?id=77'])
  })

  it('GETs URLBufferedMessageNotification while the phone is off, then URLDeliveryNotification when it comes back 10 minutes later', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, Recipients: [`${PHONE_OFF_10_MIN}:88`], ...urls() })
    expect((await phone.nth(1)).path).toBe('/buffered.asp?id=88')

    await aspsms.advance(9 * MINUTE)
    await aspsms.settled()
    expect(phone.received).toHaveLength(1)

    await aspsms.advance(1 * MINUTE)
    expect((await phone.nth(2)).path).toBe('/delivered.asp?id=88')
    await aspsms.settled()
    expect((await aspsms.callbacks()).map((c) => [c.at, c.request.url])).toEqual([
      ['2026-01-05T08:00:00.000Z', `${phone.url}/buffered.asp?id=88`],
      ['2026-01-05T08:10:00.000Z', `${phone.url}/delivered.asp?id=88`],
    ])
  })

  it('calls nothing for a deferred SMS until it is sent, then its delivery URL', async () => {
    await aspsms.post('SendTextSMS', {
      ...SEND,
      Recipients: [`${MOBILE}:later`],
      DeferredDeliveryTime: '2026-01-05T09:00:00Z',
      ...urls(),
    })
    await aspsms.settled()
    expect(phone.received).toEqual([])
    await aspsms.advance(60 * MINUTE)
    expect((await phone.nth(1)).path).toBe('/delivered.asp?id=later')
  })

  it('calls once per recipient, each with its own TRN', async () => {
    await aspsms.post('SendTextSMS', {
      ...SEND,
      Recipients: [`${MOBILE}:1`, '+41761234567:2'],
      URLDeliveryNotification: `${phone.url}/d?id=`,
    })
    await phone.nth(2)
    expect(phone.received.map((r) => r.path).sort()).toEqual(['/d?id=1', '/d?id=2'])
  })

  it('calls nothing when the request gave no URL', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, Recipients: [`${UNASSIGNED}:1`] })
    await aspsms.settled()
    expect(await aspsms.callbacks()).toEqual([])
  })
})
