import { describe, expect, it } from 'vitest'
import { MemoryStore } from '../core/memory-store.ts'
import { decideAspsms } from './decide.ts'
import { requestFromSoapFields, type AspsmsOperation, type AspsmsRequest } from './request.ts'
import { MAX_VOUCHERS_PER_CALL } from './voucher.ts'

/** Thursday 15 January 2026, 10:00 in Zurich. */
const NOW = new Date('2026-01-15T09:00:00Z')
const RESELLER = 'RESELLER'
const CLIENT = 'CLIENT'

function setup(resellerCredits = 100): MemoryStore {
  const store = new MemoryStore()
  store.createAccount(
    {
      provider: 'aspsms',
      id: RESELLER,
      secret: 'pw',
      credits: resellerCredits,
      options: { reseller: true },
    },
    NOW,
  )
  store.createAccount({ provider: 'aspsms', id: CLIENT, secret: 'pw', credits: 1 }, NOW)
  return store
}

const req = (
  operation: AspsmsOperation,
  account: string,
  fields: Record<string, string> = {},
): AspsmsRequest =>
  requestFromSoapFields(operation, 'soap', { UserKey: account, Password: 'pw', ...fields })

function run(store: MemoryStore, request: AspsmsRequest, now = NOW) {
  const decision = decideAspsms(request, store, now)
  return { ...decision, ...store.apply(decision.effects, now) }
}

const credits = (store: MemoryStore, id: string) => store.account('aspsms', id)?.credits

/** Creates vouchers as the reseller and returns their codes. */
function create(store: MemoryStore, count: number, amount: number, remark = 'Ski club'): string[] {
  const decision = run(
    store,
    req('CreateVoucher', RESELLER, {
      NumberOfVouchers: String(count),
      AmountCreditsPerVoucher: String(amount),
      Remarks: remark,
    }),
  )
  expect(decision.code).toBe(1)
  expect(decision.reply.kind).toBe('text')
  return decision.reply.kind === 'text' ? decision.reply.text.split(';') : []
}

const redeem = (store: MemoryStore, account: string, code: string, now = NOW) =>
  run(store, req('RedeemVoucher', account, { RedeemCode: code }), now)

const transactions = (store: MemoryStore, account: string) => {
  const { reply } = run(store, req('GetVoucherTransactions', account))
  expect(reply.kind).toBe('vouchers')
  return reply.kind === 'vouchers' ? reply.vouchers : []
}

describe('CreateVoucher', () => {
  it('answers the new codes separated by ; and debits their credits from the reseller', () => {
    const store = setup()
    const codes = create(store, 2, 5)
    expect(codes).toHaveLength(2)
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
    expect(new Set(codes).size).toBe(2)
    expect(credits(store, RESELLER)).toBe(90)
    expect(store.ledger({ account: RESELLER }).at(-1)).toMatchObject({
      delta: -10,
      reason: 'CreateVoucher',
    })
  })

  it('creates other codes on a second call at the same instant', () => {
    const store = setup()
    const first = create(store, 1, 1)
    const second = create(store, 1, 1)
    expect(second).not.toEqual(first)
  })

  it('answers 26 to an account that is no reseller', () => {
    const store = setup()
    const request = req('CreateVoucher', CLIENT, {
      NumberOfVouchers: '1',
      AmountCreditsPerVoucher: '1',
    })
    expect(run(store, request)).toMatchObject({ code: 26, effects: [] })
  })

  it.each([
    ['no number of vouchers', '', '5'],
    ['zero vouchers', '0', '5'],
    [`more than ${MAX_VOUCHERS_PER_CALL} vouchers`, String(MAX_VOUCHERS_PER_CALL + 1), '1'],
    ['a fractional number of vouchers', '1.5', '5'],
    ['no amount', '1', ''],
    ['a zero amount', '1', '0'],
    ['a negative amount', '1', '-5'],
    ['an amount that is no number', '1', 'five'],
  ])('answers 11 for %s', (_what, count, amount) => {
    const request = req('CreateVoucher', RESELLER, {
      NumberOfVouchers: count,
      AmountCreditsPerVoucher: amount,
    })
    expect(run(setup(), request)).toMatchObject({ code: 11, effects: [] })
  })

  it(`creates ${MAX_VOUCHERS_PER_CALL} vouchers in one call`, () => {
    expect(create(setup(), MAX_VOUCHERS_PER_CALL, 1)).toHaveLength(MAX_VOUCHERS_PER_CALL)
  })

  it('answers 5 when the vouchers cost more than the balance, and creates none', () => {
    const store = setup(9)
    const request = req('CreateVoucher', RESELLER, {
      NumberOfVouchers: '2',
      AmountCreditsPerVoucher: '5',
    })
    expect(run(store, request)).toMatchObject({ code: 5, effects: [] })
    expect(transactions(store, RESELLER)).toEqual([])
  })

  it('answers 5, not a crash, for an infinite amount', () => {
    const request = req('CreateVoucher', RESELLER, {
      NumberOfVouchers: '1',
      AmountCreditsPerVoucher: 'Infinity',
    })
    expect(run(setup(), request).code).toBe(5)
  })

  it('takes a fractional amount of at least one credit', () => {
    const store = setup()
    create(store, 3, 1.25)
    expect(credits(store, RESELLER)).toBe(96.25)
  })
})

describe('RedeemVoucher', () => {
  it('moves the voucher’s credits to the account that redeems it, once', () => {
    const store = setup()
    const [code] = create(store, 1, 5)
    expect(redeem(store, CLIENT, code!).code).toBe(1)
    expect(credits(store, CLIENT)).toBe(6)
    expect(credits(store, RESELLER)).toBe(95)
    expect(store.ledger({ account: CLIENT }).at(-1)).toMatchObject({ delta: 5, balance: 6 })
    expect(redeem(store, CLIENT, code!)).toMatchObject({ code: 3, effects: [] })
    expect(credits(store, CLIENT)).toBe(6)
  })

  it('takes a code in lower case and with spaces around it', () => {
    const store = setup()
    const [code] = create(store, 1, 5)
    expect(redeem(store, CLIENT, ` ${code!.toLowerCase()} `).code).toBe(1)
  })

  it('lets another account redeem none of a spent code', () => {
    const store = setup()
    store.createAccount({ provider: 'aspsms', id: 'THIRD', secret: 'pw', credits: 0 }, NOW)
    const [code] = create(store, 1, 5)
    redeem(store, CLIENT, code!)
    expect(redeem(store, 'THIRD', code!).code).toBe(3)
    expect(credits(store, 'THIRD')).toBe(0)
  })

  it.each([
    ['an unknown code', 'ABCDEFGHJKLM'],
    ['an empty code', ''],
  ])('answers 3 for %s', (_what, code) => {
    const store = setup()
    create(store, 1, 5)
    expect(redeem(store, CLIENT, code)).toMatchObject({ code: 3, effects: [] })
  })

  it('redeems each voucher of a batch on its own', () => {
    const store = setup()
    const codes = create(store, 3, 2)
    for (const code of codes) expect(redeem(store, CLIENT, code).code).toBe(1)
    expect(credits(store, CLIENT)).toBe(7)
  })

  it('lets a client without any credit redeem a voucher', () => {
    const store = setup()
    store.createAccount({ provider: 'aspsms', id: 'EMPTY', secret: 'pw', credits: 0 }, NOW)
    const [code] = create(store, 1, 5)
    expect(redeem(store, 'EMPTY', code!).code).toBe(1)
    expect(credits(store, 'EMPTY')).toBe(5)
  })
})

describe('GetVoucherTransactions', () => {
  it('lists the vouchers the account created, with when each was redeemed', () => {
    const store = setup()
    const [first, second] = create(store, 2, 5, 'Ski club')
    const redeemedAt = new Date('2026-01-16T08:00:00Z')
    redeem(store, CLIENT, second!, redeemedAt)
    expect(transactions(store, RESELLER)).toEqual([
      { code: first, remark: 'Ski club', credits: 5, created: NOW.toISOString(), redeemed: '' },
      {
        code: second,
        remark: 'Ski club',
        credits: 5,
        created: NOW.toISOString(),
        redeemed: redeemedAt.toISOString(),
      },
    ])
  })

  it('lists nothing for an account that created no voucher', () => {
    const store = setup()
    create(store, 1, 5)
    expect(transactions(store, CLIENT)).toEqual([])
  })
})
