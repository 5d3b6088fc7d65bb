import { describe, expect, it } from 'vitest'
import {
  clean,
  parseRecipientList,
  parseTrnList,
  requestFromSoapFields,
  yes,
  type AspsmsRequest,
} from './request.ts'

describe('clean', () => {
  it.each([
    ['None', 'None'],
    ['null', 'null'],
    ['NULL', 'NULL'],
    ['undefined', 'undefined'],
    ['an empty string', ''],
    ['spaces only', '   '],
  ])('reads %s as nothing', (_what, value) => {
    expect(clean(value)).toBe('')
  })

  it('reads undefined and null values as nothing', () => {
    expect(clean(undefined)).toBe('')
    expect(clean(null)).toBe('')
  })

  it('trims the spaces around a value and keeps the rest', () => {
    expect(clean('  KEY123 ')).toBe('KEY123')
    expect(clean('Nonesuch')).toBe('Nonesuch')
  })

  it('writes numbers and booleans as text', () => {
    expect(clean(5)).toBe('5')
    expect(clean(true)).toBe('true')
  })
})

describe('yes', () => {
  it.each([['1'], ['true'], ['True'], ['TRUE'], ['yes'], [' 1 '], [true], [1]])(
    'reads %j as yes',
    (value) => {
      expect(yes(value)).toBe(true)
    },
  )

  it.each([['0'], ['false'], ['False'], [''], ['None'], ['on'], [false], [undefined], [0]])(
    'reads %j as no',
    (value) => {
      expect(yes(value)).toBe(false)
    },
  )
})

describe('parseRecipientList', () => {
  it('reads number:TRN pairs separated by semicolons', () => {
    expect(parseRecipientList('0041791234567:fid1;+41797654321:fid2')).toEqual([
      { number: '0041791234567', trn: 'fid1' },
      { number: '+41797654321', trn: 'fid2' },
    ])
  })

  it('reads bare numbers, as SendSimpleTextSMS sends them', () => {
    expect(parseRecipientList('0041791234567;+41797654321')).toEqual([
      { number: '0041791234567' },
      { number: '+41797654321' },
    ])
  })

  it('mixes numbers with and without a TRN', () => {
    expect(parseRecipientList('num:TRN;num2')).toEqual([
      { number: 'num', trn: 'TRN' },
      { number: 'num2' },
    ])
  })

  it('takes commas as separators too', () => {
    expect(parseRecipientList('+41791234567:a,+41797654321')).toEqual([
      { number: '+41791234567', trn: 'a' },
      { number: '+41797654321' },
    ])
  })

  it('trims spaces around items, numbers and TRNs, and keeps spaces inside a number', () => {
    expect(parseRecipientList(' +41 79 123 45 67 : 12 ; ; 0041797654321 ')).toEqual([
      { number: '+41 79 123 45 67', trn: '12' },
      { number: '0041797654321' },
    ])
  })

  it('drops an empty TRN after the colon', () => {
    expect(parseRecipientList('+41791234567:')).toEqual([{ number: '+41791234567' }])
  })

  it('reads an empty list, or None, as no recipient', () => {
    expect(parseRecipientList('')).toEqual([])
    expect(parseRecipientList('None')).toEqual([])
    expect(parseRecipientList(';;')).toEqual([])
  })
})

describe('parseTrnList', () => {
  it('splits TRNs on semicolons and commas and drops empty ones', () => {
    expect(parseTrnList('4242; 4243,,4244;')).toEqual(['4242', '4243', '4244'])
  })
})

describe('requestFromSoapFields', () => {
  const base = {
    UserKey: 'KEY',
    Password: 'pw',
    Recipients: '+41791234567:1',
    Originator: 'ESF',
  }

  it('maps the SOAP names of SendTextSMS onto the request', () => {
    const request = requestFromSoapFields('SendTextSMS', 'soap', {
      ...base,
      MessageText: 'Bonjour',
      DeferredDeliveryTime: '15062026200000',
      FlashingSMS: 'True',
      TimeZone: '2',
      URLBufferedMessageNotification: 'http://x/b?id=',
      URLDeliveryNotification: 'http://x/d?id=',
      URLNonDeliveryNotification: 'http://x/n?id=',
      AffiliateId: '208355',
    })
    expect(request).toEqual<AspsmsRequest>({
      operation: 'SendTextSMS',
      transport: 'soap',
      userKey: 'KEY',
      password: 'pw',
      recipients: [{ number: '+41791234567', trn: '1' }],
      originator: 'ESF',
      text: 'Bonjour',
      deferredDeliveryTime: '15062026200000',
      timeZone: '2',
      flashing: true,
      forceGsm7: false,
      urlBuffered: 'http://x/b?id=',
      urlDelivered: 'http://x/d?id=',
      urlNonDelivered: 'http://x/n?id=',
      affiliateId: '208355',
      transactionReferenceNumbers: [],
      extra: {},
    })
  })

  it('reads missing fields as empty, as aspsms-t omits them', () => {
    const request = requestFromSoapFields('SendTextSMS', 'http', { UserKey: 'KEY' })
    expect(request).toMatchObject({
      password: '',
      recipients: [],
      originator: '',
      text: '',
      deferredDeliveryTime: '',
      flashing: false,
      urlDelivered: '',
    })
  })

  it('takes the text from MessageData when there is no MessageText (SendTokenSMS)', () => {
    const request = requestFromSoapFields('SendTokenSMS', 'soap', {
      ...base,
      MessageData: 'Code: <VERIFICATIONCODE>',
    })
    expect(request.text).toBe('Code: <VERIFICATIONCODE>')
  })

  it('prefers MessageText over MessageData, even when MessageText is empty', () => {
    expect(
      requestFromSoapFields('SendTextSMS', 'soap', { MessageText: 'a', MessageData: 'b' }).text,
    ).toBe('a')
    expect(
      requestFromSoapFields('SendTextSMS', 'soap', { MessageText: '', MessageData: 'b' }).text,
    ).toBe('')
  })

  it('keeps the text as sent, spaces included', () => {
    expect(requestFromSoapFields('SendTextSMS', 'soap', { MessageText: '  hi  ' }).text).toBe(
      '  hi  ',
    )
  })

  it('reads None in the credentials and options as empty, as zeep sends it', () => {
    const request = requestFromSoapFields('SendTextSMS', 'http', {
      ...base,
      Originator: 'None',
      DeferredDeliveryTime: 'None',
      TimeZone: 'None',
      FlashingSMS: 'None',
    })
    expect(request).toMatchObject({
      originator: '',
      deferredDeliveryTime: '',
      timeZone: '',
      flashing: false,
    })
  })

  it('puts every field it does not know into extra, cleaned', () => {
    const request = requestFromSoapFields('SendTokenSMS', 'soap', {
      ...base,
      TokenReference: ' ref1 ',
      TokenMask: '####',
      VerificationCode: 'None',
      WapURL: 'http://x',
    })
    expect(request.extra).toEqual({
      TokenReference: 'ref1',
      TokenMask: '####',
      VerificationCode: '',
      WapURL: 'http://x',
    })
  })

  it('splits TransactionReferenceNumbers on semicolons', () => {
    const request = requestFromSoapFields('InquireDeliveryNotifications', 'soap', {
      UserKey: 'KEY',
      Password: 'pw',
      TransactionReferenceNumbers: '4242;4243',
    })
    expect(request.transactionReferenceNumbers).toEqual(['4242', '4243'])
    expect(request.extra).toEqual({})
  })
})
