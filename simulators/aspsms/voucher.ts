/**
 * Vouchers: a reseller account turns credits into voucher codes (`CreateVoucher`), any account
 * redeems one (`RedeemVoucher`), the creator lists them (`GetVoucherTransactions`). The WSDL
 * names the operations and the voucher fields; everything else is our choice: the result of
 * CreateVoucher is the new codes separated by `;`, an unknown or spent code answers 3
 * "Authorization failed." (a voucher code is a credential), a non-reseller 26.
 *
 * @see shared/research/aspsms.md — §1.2 (RedeemVoucher, CreateVoucher, GetVoucherTransactions)
 */
import type { Effect } from '../core/effects.ts'
import type { Account } from '../core/model.ts'
import type { StateView } from '../core/store.ts'
import { aspsmsOptions, derivedCode } from './options.ts'
import type { AspsmsReply } from './reply.ts'
import type { AspsmsRequest } from './request.ts'

/** Most vouchers created by one call (bounded state). */
export const MAX_VOUCHERS_PER_CALL = 100
/** Smallest voucher: fractions of a credit would round to free vouchers in the ledger. */
export const MIN_VOUCHER_CREDITS = 1
const VOUCHER_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

type Outcome = { reply: AspsmsReply; effects: Effect[] }
const status = (code: number): Outcome => ({ reply: { kind: 'status', status: code }, effects: [] })

export function decideVoucher(
  request: AspsmsRequest,
  account: Account,
  view: StateView,
  now: Date,
): Outcome {
  const options = aspsmsOptions(account)
  const x = request.extra
  switch (request.operation) {
    case 'GetVoucherTransactions':
      return {
        reply: {
          kind: 'vouchers',
          vouchers: options.vouchers.map((v) => ({
            code: v.code,
            remark: v.remark,
            credits: v.credits,
            created: v.created,
            redeemed: v.redeemed ?? '',
          })),
        },
        effects: [],
      }
    case 'CreateVoucher': {
      if (!options.reseller) return status(26)
      const count = Number(x.NumberOfVouchers)
      const amount = Number(x.AmountCreditsPerVoucher)
      if (
        !Number.isInteger(count) ||
        count < 1 ||
        count > MAX_VOUCHERS_PER_CALL ||
        !(amount >= MIN_VOUCHER_CREDITS)
      )
        return status(11)
      if (count * amount > account.credits) return status(5)
      const created = Array.from({ length: count }, (_, i) => ({
        code: derivedCode(
          `${account.id}|${now.toISOString()}|${options.vouchers.length + i}`,
          VOUCHER_ALPHABET,
          12,
        ),
        remark: x.Remarks ?? '',
        credits: amount,
        created: now.toISOString(),
      }))
      return {
        reply: { kind: 'text', text: created.map((v) => v.code).join(';') },
        effects: [
          {
            kind: 'debit',
            provider: 'aspsms',
            account: account.id,
            amount: count * amount,
            reason: 'CreateVoucher',
          },
          {
            kind: 'options',
            provider: 'aspsms',
            account: account.id,
            set: { vouchers: [...options.vouchers, ...created] },
          },
        ],
      }
    }
    default: {
      // RedeemVoucher
      const code = (x.RedeemCode ?? '').trim().toUpperCase()
      for (const owner of view.listAccounts('aspsms')) {
        const vouchers = aspsmsOptions(owner).vouchers
        const index = vouchers.findIndex((v) => v.code === code && !v.redeemed)
        if (index < 0) continue
        const voucher = vouchers[index]!
        const spent = { ...voucher, redeemed: now.toISOString(), redeemedBy: account.id }
        return {
          reply: { kind: 'status', status: 1 },
          effects: [
            {
              kind: 'debit',
              provider: 'aspsms',
              account: account.id,
              amount: -voucher.credits,
              reason: `voucher ${code} redeemed`,
            },
            {
              kind: 'options',
              provider: 'aspsms',
              account: owner.id,
              set: { vouchers: vouchers.map((v, i) => (i === index ? spent : v)) },
            },
          ],
        }
      }
      return status(3)
    }
  }
}
