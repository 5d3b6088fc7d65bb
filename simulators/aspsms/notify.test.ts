import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import type { SmsEvent } from '../core/store.ts'
import { decideAspsms } from './decide.ts'
import { aspsms } from './index.ts'
import { notificationUrl, onAspsmsSmsEvent } from './notify.ts'
import { requestFromSoapFields } from './request.ts'

/** Thursday 15 January 2026, 10:00 in Zurich. */
const NOW = new Date('2026-01-15T09:00:00Z')
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const KEY = 'KEY'
const later = (ms: number) => new Date(NOW.getTime() + ms)

const URLS = {
  URLBufferedMessageNotification: 'http://cb.example/buffered?id=',
  URLDeliveryNotification: 'http://cb.example/delivered?id=',
  URLNonDeliveryNotification: 'http://cb.example/nondelivered?id=',
}

/** Sends one text with the given notification URLs; returns the store and the first events. */
function send(number: string, trn: string, fields: Record<string, string> = URLS) {
  const store = new MemoryStore()
  store.createAccount({ provider: 'aspsms', id: KEY, secret: 'pw', credits: 10 }, NOW)
  const request = requestFromSoapFields('SendTextSMS', 'soap', {
    UserKey: KEY,
    Password: 'pw',
    Recipients: trn ? `${number}:${trn}` : number,
    MessageText: 'Bonjour',
    ...fields,
  })
  const decision = decideAspsms(request, store, NOW)
  expect(decision.code).toBe(1)
  const { events } = store.apply(decision.effects, NOW)
  return { store, events }
}

const urls = (events: SmsEvent[]) => events.map((e) => [e.status, notificationUrl(e)])

describe('notificationUrl', () => {
  it('appends the TRN to the delivery URL when the SMS is delivered', () => {
    expect(urls(send('+41791234567', '1234').events)).toEqual([
      ['delivered', 'http://cb.example/delivered?id=1234'],
    ])
  })

  it('calls the buffered URL, then the delivery URL when the phone comes back', () => {
    const { store, events } = send('+41799990013', 'off')
    expect(urls(events)).toEqual([['buffered', 'http://cb.example/buffered?id=off']])
    expect(urls(store.release(later(10 * MINUTE)))).toEqual([
      ['delivered', 'http://cb.example/delivered?id=off'],
    ])
  })

  it('calls the non-delivery URL when the SMS fails', () => {
    expect(urls(send('+41799990010', 'x').events)).toEqual([
      ['failed', 'http://cb.example/nondelivered?id=x'],
    ])
  })

  it('calls the non-delivery URL when the SMS expires', () => {
    const { store } = send('+41799990015', 'gone')
    expect(urls(store.release(later(24 * HOUR)))).toEqual([
      ['expired', 'http://cb.example/nondelivered?id=gone'],
    ])
  })

  it('calls the non-delivery URL for a recipient refused as invalid', () => {
    expect(urls(send('0791234567', 'bad').events)).toEqual([
      ['failed', 'http://cb.example/nondelivered?id=bad'],
    ])
  })

  it('calls nothing for an outcome the client gave no URL for', () => {
    const only = { URLDeliveryNotification: URLS.URLDeliveryNotification }
    expect(urls(send('+41799990010', 'x', only).events)).toEqual([['failed', undefined]])
    expect(urls(send('+41799990013', 'x', only).events)).toEqual([['buffered', undefined]])
  })

  it('calls nothing when the client gave no URL', () => {
    expect(urls(send('+41791234567', '1', {}).events)).toEqual([['delivered', undefined]])
  })

  it('appends the TRN smsim gave the recipient when the client gave none', () => {
    const { events } = send('+41791234567', '')
    const trn = events[0]!.sms.meta.trn
    expect(trn).toMatch(/^\d{10}$/)
    expect(urls(events)).toEqual([['delivered', `http://cb.example/delivered?id=${String(trn)}`]])
  })

  it('substitutes the placeholders instead of appending the TRN, URL-encoded', () => {
    const template =
      'http://cb.example/dlr?trn=<TRN>&to=<RCPNT>&dst=<DST>&rsn=<RSN>&scts=<SCTS>&dscts=<DSCTS>' +
      '&utc=<SCTSUTC>&dutc=<DSCTSUTC>&cet=<SCTSCET>&dcet=<DSCTSCET>'
    const { events } = send('+41791234567', 'a b', { URLDeliveryNotification: template })
    expect(notificationUrl(events[0]!)).toBe(
      'http://cb.example/dlr?trn=a%20b&to=%2B41791234567&dst=0&rsn=000' +
        '&scts=15012026100000&dscts=15012026100000' +
        '&utc=2026-01-15T09%3A00%3A00Z&dutc=2026-01-15T09%3A00%3A00Z' +
        '&cet=2026-01-15T10%3A00%3A00%2B01%3A00&dcet=2026-01-15T10%3A00%3A00%2B01%3A00',
    )
  })

  it('substitutes the reason and status of a failure', () => {
    const template = 'http://cb.example/n?dst=<DST>&rsn=<RSN>&to=<RCPNT>'
    const { events } = send('0791234567', 't', { URLNonDeliveryNotification: template })
    expect(notificationUrl(events[0]!)).toBe('http://cb.example/n?dst=2&rsn=206&to=0791234567')
  })

  it('writes the dates of a delivery after a buffering at their own instants', () => {
    const template = 'http://cb.example/d?s=<SCTS>&d=<DSCTS>&rsn=<RSN>'
    const { store } = send('+41799990013', 't', { URLDeliveryNotification: template })
    const [event] = store.release(later(10 * MINUTE))
    expect(notificationUrl(event!)).toBe(
      'http://cb.example/d?s=15012026100000&d=15012026101000&rsn=000',
    )
  })

  it('appends the TRN to a URL whose angle brackets name no placeholder', () => {
    const { events } = send('+41791234567', '7', { URLDeliveryNotification: 'http://cb/<x>?id=' })
    expect(notificationUrl(events[0]!)).toBe('http://cb/<x>?id=7')
  })
})

describe('onAspsmsSmsEvent', () => {
  it('asks for a callback with the URL and the TRN as reference', () => {
    const { events } = send('+41791234567', '1234')
    expect(onAspsmsSmsEvent(events[0]!)).toEqual([
      {
        kind: 'callback',
        provider: 'aspsms',
        account: KEY,
        url: 'http://cb.example/delivered?id=1234',
        ref: '1234',
      },
    ])
  })

  it('asks for nothing without a URL', () => {
    const { events } = send('+41791234567', '1', {})
    expect(onAspsmsSmsEvent(events[0]!)).toEqual([])
  })

  it('is what the provider reacts to SMS events with', () => {
    const { store, events } = send('+41791234567', '1234')
    expect(aspsms.onSmsEvent?.(events[0]!, store, NOW)).toEqual(onAspsmsSmsEvent(events[0]!))
  })
})
