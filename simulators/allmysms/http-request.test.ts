import { describe, expect, it } from 'vitest'
import type { SimRequest } from '../core/provider.ts'
import { mergeParams, readParams, readSimpleSend, readSmsData } from './http-request.ts'
import { MAX_RECIPIENTS } from './wire.ts'

const request = (fields: Partial<SimRequest>): SimRequest => ({
  method: 'POST',
  host: 'api.allmysms.com',
  path: '/http/9.0/sendSms',
  query: '',
  headers: {},
  body: new Uint8Array(),
  ...fields,
})

describe('readParams', () => {
  it('reads the query, then an urlencoded body on top (the body wins)', () => {
    const params = readParams(
      request({
        query: 'login=a&apiKey=q',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from('apiKey=b&message=Cours+annul%C3%A9'),
      }),
    )
    expect(Object.fromEntries(params)).toEqual({ login: 'a', apiKey: 'b', message: 'Cours annulé' })
  })

  it('reads the fields the engine read from a multipart body, and a body with no Content-Type as a form', () => {
    const multipart = readParams(
      request({
        query: 'login=query&apiKey=k',
        headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
        body: Buffer.from('--xyz…'),
        form: new Map([['login', 'arthur45']]),
      }),
    )
    expect(Object.fromEntries(multipart)).toEqual({ login: 'arthur45', apiKey: 'k' })
    expect(readParams(request({ body: Buffer.from('login=z') })).get('login')).toBe('z')
    expect(
      readParams(
        request({ headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }),
      ).size,
    ).toBe(0)
  })
})

describe('readSmsData', () => {
  it('reads the JSON stream with null keys, PHP escapes, numbers as strings and both param spellings', () => {
    const reading = readSmsData(
      '{"DATA":{"MESSAGE":"Bonjour #param_1# \\u00e9","DYNAMIC":1,"FLASH":"0","CAMPAIGN_NAME":null,"DATE":null,"TPOA":"ESF","MAIL_NOTIF":"0","SMS":[{"MOBILEPHONE":"0612121515","PARAMS_0":"Alice"},{"MOBILEPHONE":33612121516,"PARAM_1":"Bob"}],"CLIMSGID":null,"MASTERACCOUNT":null}}',
    )
    expect(reading).toMatchObject({
      ok: true,
      format: 'json',
      input: { message: 'Bonjour #param_1# é', dynamic: 1, flash: false, tpoa: 'ESF' },
    })
    if (!reading.ok) return
    expect(reading.input.recipients.map((r) => [r.mobile, r.params.get(1)])).toEqual([
      ['0612121515', 'Alice'],
      ['33612121516', 'Bob'],
    ])
    expect(reading.input).not.toHaveProperty('date')
  })

  it('reads allmysms’s own XML sample, CDATA and one SMS', () => {
    const reading = readSmsData(
      '<DATA>\n<MESSAGE><![CDATA[Bonjour & <b>]]></MESSAGE>\n<TPOA>MySociety</TPOA>\n<SMS>\n<MOBILEPHONE>33612345678</MOBILEPHONE>\n</SMS>\n</DATA>',
    )
    expect(reading).toMatchObject({
      ok: true,
      format: 'xml',
      input: {
        message: 'Bonjour & <b>',
        tpoa: 'MySociety',
        recipients: [{ mobile: '33612345678' }],
      },
    })
  })

  it.each([
    ['', 105, undefined],
    ['   ', 105, undefined],
    ['{"DATA":', 106, 'DATA'],
    ['<DATA><MESSAGE>x</DATA>', 106, 'DATA'],
    ['{"data":{}}', 106, 'DATA'],
    ['{"DATA":{"SMS":[{"MOBILEPHONE":"06"}]}}', 109, 'MESSAGE'],
    ['{"DATA":{"MESSAGE":true,"SMS":[{"MOBILEPHONE":"06"}]}}', 109, 'MESSAGE'],
    ['{"DATA":{"MESSAGE":"x","SMS":[]}}', 107, 'SMS'],
    ['{"DATA":{"MESSAGE":"x","SMS":[{"MOBILEPHONE":null}]}}', 107, 'SMS'],
    ['{"DATA":{"MESSAGE":"x","DYNAMIC":21,"SMS":[{"MOBILEPHONE":"06"}]}}', 112, 'DYNAMIC'],
    ['{"DATA":{"MESSAGE":"x","DATE":5.5e400,"SMS":[{"MOBILEPHONE":"06"}]}}', 112, 'DATE'],
    ['{"DATA":{"MESSAGE":"x","TRACKING":"2","SMS":[{"MOBILEPHONE":"06"}]}}', 112, 'TRACKING'],
  ])('answers %j with %s', (raw, code, tag) => {
    expect(readSmsData(raw)).toEqual({ ok: false, code, ...(tag ? { tag } : {}) })
  })

  it(`refuses more than ${MAX_RECIPIENTS} recipients`, () => {
    const sms = Array.from({ length: MAX_RECIPIENTS + 1 }, () => ({ MOBILEPHONE: '0612121515' }))
    expect(readSmsData(JSON.stringify({ DATA: { MESSAGE: 'x', SMS: sms } }))).toEqual({
      ok: false,
      code: 107,
      tag: 'SMS',
    })
  })
})

describe('mergeParams', () => {
  it('merges #param_N# up to DYNAMIC, leaves placeholders without a value as written', () => {
    const params = new Map([[1, 'Bob']])
    expect(mergeParams('Bonjour #param_1# et #param_2#', 1, params)).toBe(
      'Bonjour Bob et #param_2#',
    )
    expect(mergeParams('Bonjour #param_1#', 0, params)).toBe('Bonjour #param_1#')
    expect(mergeParams('#PARAM_1#', 2, params)).toBe('Bob')
  })
})

describe('readSimpleSend', () => {
  it('reads `;`-joined mobiles, empty values as absent, flash 1', () => {
    const input = readSimpleSend(
      new Map([
        ['message', 'Bonjour'],
        ['mobile', '0612121515; +33612121516;'],
        ['date', ''],
        ['campaign', ''],
        ['flash', '1'],
      ]),
    )
    expect(input).toMatchObject({ message: 'Bonjour', flash: true, dynamic: 0 })
    expect(input.recipients.map((r) => r.mobile)).toEqual(['0612121515', '+33612121516'])
    expect(input).not.toHaveProperty('date')
    expect(input).not.toHaveProperty('campaignName')
  })
})
