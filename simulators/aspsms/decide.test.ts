import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import { ASPSMS_STATUS_CODES, ASPSMS_UNREACHABLE, aspsmsStatusText } from './codes.ts'
import { VERSION_INFO, decideAspsms } from './decide.ts'
import { ASPSMS_FAULT_CODES } from './index.ts'
import type { AspsmsOptions } from './options.ts'
import { requestFromSoapFields, type AspsmsOperation, type AspsmsRequest } from './request.ts'

/** Thursday 15 January 2026, 10:00 in Zurich. */
const NOW = new Date('2026-01-15T09:00:00Z')
const KEY = 'KEY'
const PW = 'pw'
const MOBILE = '+41791234567'

function setup(credits = 10, options: Partial<AspsmsOptions> = {}): MemoryStore {
  const store = new MemoryStore()
  store.createAccount({ provider: 'aspsms', id: KEY, secret: PW, credits, options }, NOW)
  return store
}

/** A request as the SOAP codec builds it, with working credentials unless overridden. */
const req = (
  operation: AspsmsOperation,
  fields: Record<string, string> = {},
  overrides: Partial<AspsmsRequest> = {},
): AspsmsRequest => ({
  ...requestFromSoapFields(operation, 'soap', { UserKey: KEY, Password: PW, ...fields }),
  ...overrides,
})

const SEND = { Recipients: `${MOBILE}:1`, Originator: 'ESF', MessageText: 'Bonjour' }

function run(store: MemoryStore, request: AspsmsRequest, now = NOW, refuse?: number) {
  const decision = decideAspsms(request, store, now, refuse)
  const applied = store.apply(decision.effects, now)
  return { ...decision, ...applied }
}

const status = (store: MemoryStore, request: AspsmsRequest, now = NOW) =>
  run(store, request, now).code

const credits = (store: MemoryStore) => store.account('aspsms', KEY)?.credits

describe('decideAspsms: authentication', () => {
  it('answers 8 for an empty UserKey', () => {
    expect(status(setup(), req('SendTextSMS', { ...SEND, UserKey: '' }))).toBe(8)
  })

  it('answers 9 for an empty Password', () => {
    expect(status(setup(), req('CheckCredits', { Password: '' }))).toBe(9)
  })

  it.each([
    ['an unknown UserKey', { UserKey: 'OTHER' }],
    ['a wrong Password', { Password: 'PW' }],
    ['a UserKey in another case', { UserKey: 'key' }],
  ])('answers 3 for %s, and records no account', (_what, fields) => {
    const decision = run(setup(), req('SendTextSMS', { ...SEND, ...fields }))
    expect(decision.code).toBe(3)
    expect(decision.account).toBeUndefined()
    expect(decision.effects).toEqual([])
  })

  it('answers 25 for a barred account, naming the account for the journal', () => {
    const decision = run(setup(10, { barred: true }), req('SendTextSMS', SEND))
    expect(decision).toMatchObject({ code: 25, account: KEY, effects: [] })
  })

  it('checks the UserKey before the Password', () => {
    expect(status(setup(), req('CheckCredits', { UserKey: '', Password: '' }))).toBe(8)
  })
})

describe('decideAspsms: injected faults', () => {
  it.each(ASPSMS_FAULT_CODES.map((code) => [code]))(
    'answers the injected code %i and changes nothing',
    (code) => {
      const store = setup()
      const decision = run(store, req('SendTextSMS', SEND), NOW, code)
      expect(decision.reply).toEqual({ kind: 'status', status: code })
      expect(decision.effects).toEqual([])
      expect(store.messages()).toEqual([])
      expect(credits(store)).toBe(10)
    },
  )

  it('answers an injected code before looking at the credentials', () => {
    expect(run(setup(), req('CheckCredits', { UserKey: '' }), NOW, 24).code).toBe(24)
  })
})

describe('decideAspsms: operations without credentials', () => {
  it.each([
    ['1', 'OK'],
    ['3', 'Authorization failed.'],
    ['24', 'Service temporarely not available.'],
    ['31', 'Originator already authorized'],
  ])('describes status code %s as %j', (code, text) => {
    const decision = run(setup(), req('GetStatusCodeDescription', { StatusCode: code }))
    expect(decision.reply).toEqual({ kind: 'text', text })
    expect(decision.code).toBe(1)
  })

  it('returns an unknown status code as its own description (tschiemer)', () => {
    expect(run(setup(), req('GetStatusCodeDescription', { StatusCode: '99' })).reply).toEqual({
      kind: 'text',
      text: '99',
    })
  })

  it('describes a code without UserKey or Password', () => {
    const request = req('GetStatusCodeDescription', { StatusCode: '5' }, { userKey: '' })
    expect(run(setup(), request).reply).toEqual({
      kind: 'text',
      text: 'Not enough credits available. Please recharge your account to proceed.',
    })
  })

  it('answers VersionInfo with a version first and a build number, without credentials', () => {
    const decision = run(setup(), req('VersionInfo', {}, { userKey: '', password: '' }))
    expect(decision.reply).toEqual({ kind: 'text', text: VERSION_INFO })
    expect(VERSION_INFO).toMatch(/^[^ ]+ build:[\d.]+/)
  })
})

describe('decideAspsms: CheckCredits', () => {
  it('answers the balance and changes nothing', () => {
    const decision = run(setup(12.5), req('CheckCredits'))
    expect(decision).toMatchObject({
      reply: { kind: 'credits', credits: 12.5 },
      effects: [],
      code: 1,
      account: KEY,
    })
  })
})

describe('decideAspsms: every status code from its input', () => {
  const LOGO = { Recipients: MOBILE, MCC: '228', MNC: '1', URLBinaryFile: 'http://x.ch/l.bmp' }
  const BINARY = { Recipients: MOBILE, XSer: '020108', MessageData: '0048' }
  const NUMERIC = '+41797654321'
  /** Code, what causes it, the account's state, the request. */
  const CASES: [number, string, () => MemoryStore, AspsmsRequest][] = [
    [1, 'a text to a mobile', setup, req('SendTextSMS', SEND)],
    [3, 'a wrong password', setup, req('CheckCredits', { Password: 'x' })],
    [
      4,
      'a binary file that is no http(s) URL',
      setup,
      req('SendLogo', { ...LOGO, URLBinaryFile: 'ftp://x/l.bmp' }),
    ],
    [
      5,
      'two recipients and one credit',
      () => setup(1),
      req('SendTextSMS', { ...SEND, Recipients: `${MOBILE};+41797654321` }),
    ],
    [8, 'an empty UserKey', setup, req('CheckCredits', { UserKey: '' })],
    [9, 'an empty Password', setup, req('CheckCredits', { Password: '' })],
    [
      10,
      'a 12-character originator',
      setup,
      req('SendTextSMS', { ...SEND, Originator: 'ABCDEFGHIJKL' }),
    ],
    [11, 'an empty text', setup, req('SendTextSMS', { ...SEND, MessageText: '' })],
    [
      12,
      'binary data that is not hexadecimal',
      setup,
      req('SendBinaryData', { ...BINARY, MessageData: 'zz' }),
    ],
    [
      13,
      'a logo that is a text file',
      setup,
      req('SendLogo', { ...LOGO, URLBinaryFile: 'http://x.ch/l.txt' }),
    ],
    [14, 'an MCC of two digits', setup, req('SendLogo', { ...LOGO, MCC: '22' })],
    [15, 'no MNC', setup, req('SendLogo', { ...LOGO, MNC: '' })],
    [16, 'binary data without XSer', setup, req('SendBinaryData', { ...BINARY, XSer: '' })],
    [
      17,
      'a buffered URL that is no URL',
      setup,
      req('SendTextSMS', { ...SEND, URLBufferedMessageNotification: 'buffered' }),
    ],
    [
      18,
      'a delivery URL that is no URL',
      setup,
      req('SendTextSMS', { ...SEND, URLDeliveryNotification: 'ftp://x/' }),
    ],
    [
      19,
      'a non-delivery URL that is no URL',
      setup,
      req('SendTextSMS', { ...SEND, URLNonDeliveryNotification: 'x' }),
    ],
    [20, 'no recipient', setup, req('SendTextSMS', { ...SEND, Recipients: '' })],
    [21, 'binary data without data', setup, req('SendBinaryData', { ...BINARY, MessageData: '' })],
    [
      22,
      'a deferred time on 31 February',
      setup,
      req('SendTextSMS', { ...SEND, DeferredDeliveryTime: '31022026120000' }),
    ],
    [23, 'an inquiry without TRN', setup, req('InquireDeliveryNotifications')],
    [25, 'a barred account', () => setup(10, { barred: true }), req('CheckCredits')],
    [
      26,
      'a voucher asked by a non-reseller',
      setup,
      req('CreateVoucher', { NumberOfVouchers: '1', AmountCreditsPerVoucher: '1' }),
    ],
    [
      27,
      'a text of 17 parts',
      setup,
      req('SendTextSMS', { ...SEND, MessageText: 'a'.repeat(153 * 16 + 1) }),
    ],
    [
      28,
      'the authorization of an alphanumeric originator',
      setup,
      req('CheckOriginatorAuthorization', { Originator: 'ESF' }),
    ],
    [
      29,
      'the authorization of an originator with an unlock code pending',
      () => setup(10, { pendingUnlocks: { '41797654321': '12345678' } }),
      req('CheckOriginatorAuthorization', { Originator: NUMERIC }),
    ],
    [
      30,
      'a send from a numeric originator never unlocked',
      setup,
      req('SendTextSMS', { ...SEND, Originator: NUMERIC }),
    ],
    [
      31,
      'the authorization of an unlocked originator',
      () => setup(10, { unlockedOriginators: ['41797654321'] }),
      req('CheckOriginatorAuthorization', { Originator: NUMERIC }),
    ],
    [
      36,
      'a token verified without a code',
      withToken,
      req('VerifyToken', { PhoneNumber: MOBILE, TokenReference: 'r', VerificationCode: '' }),
    ],
    [
      37,
      'a token verified with a wrong code',
      withToken,
      req('VerifyToken', { PhoneNumber: MOBILE, TokenReference: 'r', VerificationCode: 'WRONG' }),
    ],
    [
      38,
      'a token never sent',
      setup,
      req('VerifyToken', { PhoneNumber: MOBILE, TokenReference: 'r', VerificationCode: '1234' }),
    ],
    [
      39,
      'a token verified twice',
      withVerifiedToken,
      req('VerifyToken', { PhoneNumber: MOBILE, TokenReference: 'r', VerificationCode: '1234' }),
    ],
  ]

  function withToken(): MemoryStore {
    const store = setup()
    const send = req('SendTokenSMS', {
      Recipients: MOBILE,
      TokenReference: 'r',
      VerificationCode: '1234',
    })
    expect(run(store, send).code).toBe(1)
    return store
  }

  function withVerifiedToken(): MemoryStore {
    const store = withToken()
    const verify = req('VerifyToken', {
      PhoneNumber: MOBILE,
      TokenReference: 'r',
      VerificationCode: '1234',
    })
    expect(run(store, verify).code).toBe(1)
    return store
  }

  it.each(CASES.map(([code, what, store, request]) => ({ code, what, store, request })))(
    'answers $code for $what',
    ({ code, store, request }) => {
      expect(status(store(), request)).toBe(code)
    },
  )

  it('covers every code of the table, but the unreachable ones and the injected faults', () => {
    const produced = new Set([...CASES.map(([code]) => code), ...ASPSMS_FAULT_CODES])
    const expected = ASPSMS_STATUS_CODES.map((c) => c.code).filter(
      (code) => !(code in ASPSMS_UNREACHABLE),
    )
    expect([...produced].sort((a, b) => a - b)).toEqual(expected)
  })

  it('gives every code a text', () => {
    for (const { code } of ASPSMS_STATUS_CODES) expect(aspsmsStatusText(code)).toBeTruthy()
  })
})
