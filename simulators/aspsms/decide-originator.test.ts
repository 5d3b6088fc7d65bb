import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import { decideAspsms } from './decide.ts'
import type { AspsmsOptions } from './options.ts'
import { requestFromSoapFields, type AspsmsOperation, type AspsmsRequest } from './request.ts'

/** Thursday 15 January 2026, 10:00 in Zurich. */
const NOW = new Date('2026-01-15T09:00:00Z')
const KEY = 'KEY'
const OWNER = '+41797654321'
const RECIPIENT = '+41791234567'

function setup(options: Partial<AspsmsOptions> = {}, credits = 10): MemoryStore {
  const store = new MemoryStore()
  store.createAccount({ provider: 'aspsms', id: KEY, secret: 'pw', credits, options }, NOW)
  return store
}

const req = (operation: AspsmsOperation, fields: Record<string, string> = {}): AspsmsRequest =>
  requestFromSoapFields(operation, 'soap', { UserKey: KEY, Password: 'pw', ...fields })

function run(store: MemoryStore, request: AspsmsRequest, now = NOW) {
  const decision = decideAspsms(request, store, now)
  return { ...decision, ...store.apply(decision.effects, now) }
}

const check = (store: MemoryStore, originator: string) =>
  run(store, req('CheckOriginatorAuthorization', { Originator: originator })).code

const unlock = (store: MemoryStore, originator: string, code: string) =>
  run(store, req('UnlockOriginator', { Originator: originator, OriginatorUnlockCode: code })).code

const sendFrom = (store: MemoryStore, originator: string) =>
  run(
    store,
    req('SendTextSMS', { Recipients: RECIPIENT, Originator: originator, MessageText: 'Hi' }),
  )

/** The unlock code as the owner reads it on the phone. */
function codeOnPhone(store: MemoryStore, phone: string): string {
  const sms = store.messages({ provider: 'aspsms', to: phone }).at(-1)
  const code = /(\d{8})/.exec(sms?.text ?? '')?.[1]
  expect(code).toBeDefined()
  return code!
}

describe('originator unlock', () => {
  it('unlocks a numeric originator end to end with the code sent to its phone', () => {
    const store = setup()
    expect(check(store, OWNER)).toBe(30)
    expect(sendFrom(store, OWNER).code).toBe(30)

    const sent = run(store, req('SendOriginatorUnlockCode', { Originator: OWNER }))
    expect(sent.code).toBe(1)
    expect(sent.sms).toEqual([
      expect.objectContaining({ to: OWNER, from: 'aspsms.com', status: 'delivered' }),
    ])
    expect(store.account('aspsms', KEY)?.credits).toBe(10)
    expect(check(store, OWNER)).toBe(29)

    const code = codeOnPhone(store, OWNER)
    expect(unlock(store, '0041797654321', code)).toBe(1)
    expect(check(store, OWNER)).toBe(31)

    for (const form of [OWNER, '0041797654321', '41797654321']) {
      const decision = sendFrom(store, form)
      expect(decision.code).toBe(1)
      expect(decision.sms[0]).toMatchObject({ from: form, to: RECIPIENT, status: 'delivered' })
    }
  })

  it('answers 30 to a wrong code and keeps the right one pending', () => {
    const store = setup()
    run(store, req('SendOriginatorUnlockCode', { Originator: OWNER }))
    const code = codeOnPhone(store, OWNER)
    const wrong = code === '00000000' ? '11111111' : '00000000'
    expect(unlock(store, OWNER, wrong)).toBe(30)
    expect(check(store, OWNER)).toBe(29)
    expect(unlock(store, OWNER, ` ${code} `)).toBe(1)
  })

  it('answers 30 to an unlock without a code ever sent', () => {
    expect(unlock(setup(), OWNER, '65164424')).toBe(30)
  })

  it('takes the code of a second request and forgets the first', () => {
    const store = setup()
    run(store, req('SendOriginatorUnlockCode', { Originator: OWNER }))
    const first = codeOnPhone(store, OWNER)
    run(store, req('SendOriginatorUnlockCode', { Originator: OWNER }), new Date(NOW.getTime() + 1))
    const second = codeOnPhone(store, OWNER)
    expect(second).not.toBe(first)
    expect(unlock(store, OWNER, first)).toBe(30)
    expect(unlock(store, OWNER, second)).toBe(1)
  })

  it('answers 31 to every step once the originator is unlocked', () => {
    const store = setup({ unlockedOriginators: ['41797654321'] })
    expect(check(store, OWNER)).toBe(31)
    expect(unlock(store, OWNER, '65164424')).toBe(31)
    const resend = run(store, req('SendOriginatorUnlockCode', { Originator: OWNER }))
    expect(resend).toMatchObject({ code: 31, effects: [] })
  })

  it('reads originators unlocked through the control API in any international form', () => {
    const store = setup({ unlockedOriginators: ['+41797654321', '0041791111111'] })
    expect(sendFrom(store, '41797654321').code).toBe(1)
    expect(sendFrom(store, '+41791111111').code).toBe(1)
    expect(check(store, '0041797654321')).toBe(31)
  })

  it('takes the code as UnlockCode when OriginatorUnlockCode is empty (the JSON name)', () => {
    const store = setup()
    run(store, req('SendOriginatorUnlockCode', { Originator: OWNER }))
    const code = codeOnPhone(store, OWNER)
    const request = req('UnlockOriginator', {
      Originator: OWNER,
      OriginatorUnlockCode: '',
      UnlockCode: code,
    })
    expect(run(store, request).code).toBe(1)
  })

  it('keeps one unlock per account', () => {
    const store = setup({ unlockedOriginators: ['41797654321'] })
    store.createAccount({ provider: 'aspsms', id: 'OTHER', secret: 'pw', credits: 10 }, NOW)
    const other = req('SendTextSMS', {
      UserKey: 'OTHER',
      Recipients: RECIPIENT,
      Originator: OWNER,
      MessageText: 'Hi',
    })
    expect(run(store, other).code).toBe(30)
  })

  it.each<[AspsmsOperation]>([
    ['CheckOriginatorAuthorization'],
    ['SendOriginatorUnlockCode'],
    ['UnlockOriginator'],
  ])('answers 28 to %s for an alphanumeric originator, which needs no unlock', (operation) => {
    const decision = run(setup(), req(operation, { Originator: 'ESF Tignes' }))
    expect(decision).toMatchObject({ code: 28, effects: [] })
  })

  it.each([
    ['no originator', ''],
    ['an originator of 12 characters', 'ABCDEFGHIJKL'],
    ['an originator with forbidden characters', 'a#b'],
  ])('answers 10 for %s', (_what, originator) => {
    expect(check(setup(), originator)).toBe(10)
  })

  it.each([
    ['a landline', '+41441234567'],
    ['a national number', '0797654321'],
    ['a short code', '1234'],
  ])('answers 10 to an unlock code asked for %s, which no phone can receive', (_what, number) => {
    const store = setup()
    expect(run(store, req('SendOriginatorUnlockCode', { Originator: number })).code).toBe(10)
    expect(store.messages()).toEqual([])
  })
})
