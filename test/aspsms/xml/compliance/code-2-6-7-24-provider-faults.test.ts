/**
 * ASPSMS's codes for failures on its side (2, 6, 7, 24) are what `PUT /_smsim/faults/aspsms`
 * injects: the XML interface answers them in its normal reply, and the request changes nothing.
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  expectReadableByEveryClient,
  IMPLEMENTATIONS,
  MOBILE,
  recipient,
  useXml,
} from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('injected provider faults through $name', ({ kind }) => {
  const xml = useXml(kind)
  const send = () =>
    xml.post(
      aspsms(credentials(), recipient(MOBILE), el('MessageData', 'Hi'), action('SendTextSMS')),
    )

  it.each([
    [2, 'Connect failed.'],
    [6, 'Time out error.'],
    [7, 'Transmission error. Please try it again.'],
    [24, 'Service temporarely not available.'],
  ])('answers %s when the fault is injected, then sends again', async (code, text) => {
    await xml.control.put('/faults/aspsms', { refuse: { code, times: 1 } })
    const refused = await send()
    expectReadableByEveryClient(refused)
    expect(refused.fields).toEqual({ ErrorCode: String(code), ErrorDescription: text })
    expect(await xml.messages()).toEqual([])
    expect((await send()).fields.ErrorCode).toBe('1')
  })

  it('answers the injected code even to a document that is not well-formed', async () => {
    await xml.control.put('/faults/aspsms', { refuse: { code: 24, times: 1 } })
    expect((await xml.post('<aspsms>')).fields).toEqual({
      ErrorCode: '24',
      ErrorDescription: 'Service temporarely not available.',
    })
  })
})
