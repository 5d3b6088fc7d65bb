import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import { decideAspsms } from './decide.ts'
import { MAX_RECIPIENTS } from './numbers.ts'
import { requestFromSoapFields, type AspsmsOperation, type AspsmsRequest } from './request.ts'
import {
  DEFAULT_TOKEN_TEXT,
  MAX_TOKEN_VALIDITY_MINUTES,
  TOKEN_DEFAULTS,
  tokenFromMask,
} from './token.ts'

/** Thursday 15 January 2026, 10:00 in Zurich. */
const NOW = new Date('2026-01-15T09:00:00Z')
const MINUTE = 60_000
const KEY = 'KEY'
const MOBILE = '+41791234567'
const MOBILE2 = '+41797654321'

function setup(credits = 10): MemoryStore {
  const store = new MemoryStore()
  store.createAccount({ provider: 'aspsms', id: KEY, secret: 'pw', credits }, NOW)
  return store
}

const req = (operation: AspsmsOperation, fields: Record<string, string> = {}): AspsmsRequest =>
  requestFromSoapFields(operation, 'soap', { UserKey: KEY, Password: 'pw', ...fields })

function run(store: MemoryStore, request: AspsmsRequest, now = NOW) {
  const decision = decideAspsms(request, store, now)
  return { ...decision, ...store.apply(decision.effects, now) }
}

const TOKEN = {
  Originator: 'ESF',
  Recipients: MOBILE,
  MessageData: 'Code: <VERIFICATIONCODE>',
  TokenReference: 'login-42',
}

/** Sends a token and returns the code the phone shows. */
function sendToken(store: MemoryStore, fields: Record<string, string> = {}, now = NOW): string {
  const decision = run(store, req('SendTokenSMS', { ...TOKEN, ...fields }), now)
  expect(decision.code).toBe(1)
  const text = decision.sms.at(-1)?.text ?? ''
  expect(text).toMatch(/^Code: /)
  return text.slice('Code: '.length)
}

const verify = (store: MemoryStore, code: string, fields: Record<string, string> = {}, now = NOW) =>
  run(
    store,
    req('VerifyToken', {
      PhoneNumber: MOBILE,
      TokenReference: TOKEN.TokenReference,
      VerificationCode: code,
      ...fields,
    }),
    now,
  ).code

describe('tokenFromMask', () => {
  it.each([
    ['#', /^\d$/],
    ['A', /^[A-Z]$/],
    ['N', /^[A-Z0-9]$/],
    ['######', /^\d{6}$/],
    ['AA-##', /^[A-Z]{2}-\d{2}$/],
    ['ESF-NNN!', /^ESF-[A-Z0-9]{3}!$/],
    ['', /^$/],
  ])('fills mask %j', (mask, shape) => {
    expect(tokenFromMask(mask, 'seed')).toMatch(shape)
  })

  it('gives the same code for the same seed and usually another for another seed', () => {
    expect(tokenFromMask('NNNNNN', 'a')).toBe(tokenFromMask('NNNNNN', 'a'))
    expect(tokenFromMask('NNNNNN', 'a')).not.toBe(tokenFromMask('NNNNNN', 'b'))
  })

  it('never writes I or O, which read like 1 and 0', () => {
    const codes = Array.from({ length: 200 }, (_, i) => tokenFromMask('AAAA', `s${i}`)).join('')
    expect(codes).not.toMatch(/[IO]/)
  })
})

describe('SendTokenSMS and VerifyToken', () => {
  it('sends the code in place of <VERIFICATIONCODE>, charges a credit and verifies it once', () => {
    const store = setup()
    const code = sendToken(store, { TokenMask: '######' })
    expect(code).toMatch(/^\d{6}$/)
    expect(store.account('aspsms', KEY)?.credits).toBe(9)
    expect(store.messages()[0]).toMatchObject({ from: 'ESF', to: MOBILE, status: 'delivered' })
    expect(verify(store, code)).toBe(1)
    expect(verify(store, code)).toBe(39)
  })

  it(`uses the mask ${TOKEN_DEFAULTS.mask} when none is given`, () => {
    expect(sendToken(setup())).toMatch(/^[A-Z0-9]{4}$/)
  })

  it('keeps the literal characters of a mask', () => {
    expect(sendToken(setup(), { TokenMask: 'ESF-AA##' })).toMatch(/^ESF-[A-Z]{2}\d{2}$/)
  })

  it('sends the default text when MessageData is empty', () => {
    const store = setup()
    run(store, req('SendTokenSMS', { ...TOKEN, MessageData: '', VerificationCode: 'K9' }))
    expect(store.messages()[0]?.text).toBe(DEFAULT_TOKEN_TEXT.replace('<VERIFICATIONCODE>', 'K9'))
  })

  it('replaces every <VERIFICATIONCODE> of the text', () => {
    const store = setup()
    const text = '<VERIFICATIONCODE> is your code (<VERIFICATIONCODE>)'
    run(store, req('SendTokenSMS', { ...TOKEN, MessageData: text, VerificationCode: '1234' }))
    expect(store.messages()[0]?.text).toBe('1234 is your code (1234)')
  })

  it('sends the VerificationCode the caller chose instead of one from the mask', () => {
    const store = setup()
    expect(sendToken(store, { VerificationCode: 'ABC123', TokenMask: '#' })).toBe('ABC123')
    expect(verify(store, 'ABC123')).toBe(1)
  })

  it('compares codes without case by default', () => {
    const store = setup()
    sendToken(store, { VerificationCode: 'AbC123' })
    expect(verify(store, 'abc123')).toBe(1)
  })

  it('compares codes with case when TokenCaseSensitive is 1', () => {
    const store = setup()
    sendToken(store, { VerificationCode: 'AbC123', TokenCaseSensitive: '1' })
    expect(verify(store, 'abc123')).toBe(37)
    expect(verify(store, 'AbC123')).toBe(1)
  })

  it('finds the token by the phone number in any international form', () => {
    const store = setup()
    const code = sendToken(store, { Recipients: '0041 79 123 45 67' })
    expect(verify(store, code, { PhoneNumber: '41791234567' })).toBe(1)
  })

  it(`expires a token after ${TOKEN_DEFAULTS.validityMinutes} minutes by default`, () => {
    const store = setup()
    const code = sendToken(store)
    const late = new Date(NOW.getTime() + TOKEN_DEFAULTS.validityMinutes * MINUTE)
    expect(verify(store, code, {}, late)).toBe(37)
    expect(verify(store, code, {}, new Date(late.getTime() - 1))).toBe(1)
  })

  it('keeps a token for TokenValidity minutes', () => {
    const store = setup()
    const code = sendToken(store, { TokenValidity: '30' })
    expect(verify(store, code, {}, new Date(NOW.getTime() + 30 * MINUTE))).toBe(37)
    expect(verify(store, code, {}, new Date(NOW.getTime() + 30 * MINUTE - 1))).toBe(1)
  })

  it('answers 36 to a verification without code, and the token stays pending', () => {
    const store = setup()
    const code = sendToken(store)
    expect(verify(store, '')).toBe(36)
    expect(verify(store, code)).toBe(1)
  })

  it('answers 37 to a wrong code, and the right one still verifies', () => {
    const store = setup()
    const code = sendToken(store, { VerificationCode: '1234' })
    expect(verify(store, '9999')).toBe(37)
    expect(verify(store, code)).toBe(1)
  })

  it.each([
    ['another reference', { TokenReference: 'login-43' }],
    ['another phone', { PhoneNumber: MOBILE2 }],
    ['no phone', { PhoneNumber: '' }],
  ])('answers 38 for %s', (_what, fields) => {
    const store = setup()
    const code = sendToken(store)
    expect(verify(store, code, fields)).toBe(38)
  })

  it('sends each recipient its own token, charging each', () => {
    const store = setup()
    const decision = run(
      store,
      req('SendTokenSMS', { ...TOKEN, Recipients: `${MOBILE};${MOBILE2}` }),
    )
    expect(decision.code).toBe(1)
    expect(store.account('aspsms', KEY)?.credits).toBe(8)
    const [first, second] = decision.sms.map((sms) => sms.text.slice('Code: '.length))
    expect(verify(store, first!)).toBe(1)
    expect(verify(store, second!, { PhoneNumber: MOBILE2 })).toBe(1)
  })

  it('sends from the recipient’s own number when no originator is given (TOKENDOC)', () => {
    const store = setup()
    const decision = run(store, req('SendTokenSMS', { ...TOKEN, Originator: '' }))
    expect(decision.code).toBe(1)
    expect(decision.sms[0]).toMatchObject({ from: MOBILE, to: MOBILE })
  })

  it('fails a national recipient with 206 and keeps no token for it', () => {
    const store = setup()
    const decision = run(store, req('SendTokenSMS', { ...TOKEN, Recipients: '0791234567' }))
    expect(decision.code).toBe(1)
    expect(decision.sms[0]).toMatchObject({ status: 'failed', reason: 'invalid-destination' })
    expect(store.account('aspsms', KEY)?.credits).toBe(10)
    expect(verify(store, '1234', { PhoneNumber: '0791234567' })).toBe(38)
  })

  it('answers 5 when the credits cover only some recipients, and sends nothing', () => {
    const store = setup(1)
    const decision = run(
      store,
      req('SendTokenSMS', { ...TOKEN, Recipients: `${MOBILE};${MOBILE2}` }),
    )
    expect(decision).toMatchObject({ code: 5, effects: [] })
    expect(store.messages()).toEqual([])
  })

  it.each([
    ['not a number', 'soon'],
    ['zero', '0'],
    ['negative', '-5'],
    ['fractional', '2.5'],
    ['longer than a year', String(MAX_TOKEN_VALIDITY_MINUTES + 1)],
    ['past the largest date', '1e15'],
  ])('answers 11 for a TokenValidity %s', (_what, validity) => {
    expect(run(setup(), req('SendTokenSMS', { ...TOKEN, TokenValidity: validity })).code).toBe(11)
  })

  it('answers 20 without a recipient', () => {
    expect(run(setup(), req('SendTokenSMS', { ...TOKEN, Recipients: '' })).code).toBe(20)
  })

  it(`answers 27 beyond ${MAX_RECIPIENTS} recipients, as every send does`, () => {
    const recipients = Array.from({ length: MAX_RECIPIENTS + 1 }, () => MOBILE).join(';')
    expect(run(setup(2000), req('SendTokenSMS', { ...TOKEN, Recipients: recipients })).code).toBe(
      27,
    )
  })

  it('answers the send’s own refusals: 10 for a bad originator, 30 for a locked number', () => {
    expect(run(setup(), req('SendTokenSMS', { ...TOKEN, Originator: 'ABCDEFGHIJKL' })).code).toBe(
      10,
    )
    expect(run(setup(), req('SendTokenSMS', { ...TOKEN, Originator: MOBILE2 })).code).toBe(30)
  })

  it('answers 27 when the code makes the text longer than 16 parts', () => {
    const text = 'x'.repeat(2440) + ' <VERIFICATIONCODE>'
    expect(
      run(setup(), req('SendTokenSMS', { ...TOKEN, MessageData: text, TokenMask: '#'.repeat(32) }))
        .code,
    ).toBe(27)
  })

  it('answers 11 to a mask longer than 32 characters', () => {
    expect(run(setup(), req('SendTokenSMS', { ...TOKEN, TokenMask: '#'.repeat(33) })).code).toBe(11)
  })
})
