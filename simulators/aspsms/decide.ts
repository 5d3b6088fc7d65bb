/**
 * ASPSMS's decision for any request, from any interface: authentication, then the operation.
 * Pure: `(request, state, now) → { reply, effects }`.
 *
 * Authentication (our choice where the sources are silent, research §5.1/§8): an empty UserKey
 * 8, an empty Password 9, an unknown UserKey or a wrong Password 3 (what clients observe for
 * bad credentials), a barred account 25. GetStatusCodeDescription and VersionInfo take no
 * credentials.
 */
import type { Decision } from '../core/effects.ts'
import type { StateView } from '../core/store.ts'
import { aspsmsStatusText } from './codes.ts'
import { decideInquire } from './inquire.ts'
import { aspsmsOptions } from './options.ts'
import { decideOriginator } from './originator.ts'
import { replyStatus, type AspsmsReply } from './reply.ts'
import type { AspsmsRequest } from './request.ts'
import { decideAspsmsSend } from './send.ts'
import { decideSendToken, decideVerifyToken } from './token.ts'
import { decideVoucher } from './voucher.ts'

/**
 * VersionInfo's answer: "first token the version, `build:` the build" is all clients read
 * (tschiemer); the rest says what answers.
 */
export const VERSION_INFO = '2.0.0 build:1 ASPSMSX2 simulated by smsim'

/**
 * @example
 * decideAspsms({ operation: 'CheckCredits', userKey: 'K', password: 'P', … }, store, now)
 * // { reply: { kind: 'credits', credits: 12.5 }, effects: [], code: 1, account: 'K' }
 */
export function decideAspsms(
  request: AspsmsRequest,
  view: StateView,
  now: Date,
  refuse?: number,
): Decision<AspsmsReply> {
  const done = (
    reply: AspsmsReply,
    effects: Decision<AspsmsReply>['effects'] = [],
    account?: string,
  ): Decision<AspsmsReply> => ({
    reply,
    effects,
    code: replyStatus(reply),
    ...(account ? { account } : {}),
  })
  const status = (code: number, account?: string) =>
    done({ kind: 'status', status: code }, [], account)

  if (refuse !== undefined) return status(refuse)
  if (request.operation === 'GetStatusCodeDescription') {
    const code = request.extra.StatusCode ?? ''
    // "If invalid status code given, returns status code as description" (tschiemer).
    return done({ kind: 'text', text: aspsmsStatusText(Number(code)) ?? code })
  }
  if (request.operation === 'VersionInfo') return done({ kind: 'text', text: VERSION_INFO })

  if (request.userKey === '') return status(8)
  if (request.password === '') return status(9)
  const account = view.account('aspsms', request.userKey)
  if (!account || account.secret !== request.password) return status(3)
  if (aspsmsOptions(account).barred) return status(25, account.id)
  const id = account.id

  switch (request.operation) {
    case 'CheckCredits':
      return done({ kind: 'credits', credits: account.credits }, [], id)
    case 'SendOriginatorUnlockCode':
    case 'UnlockOriginator':
    case 'CheckOriginatorAuthorization': {
      const { status: code, effects } = decideOriginator(request, account, now)
      return done({ kind: 'status', status: code }, effects, id)
    }
    case 'SendTokenSMS': {
      const { status: code, effects } = decideSendToken(request, account, view, now)
      return done({ kind: 'status', status: code }, effects, id)
    }
    case 'VerifyToken': {
      const { status: code, effects } = decideVerifyToken(request, account, now)
      return done({ kind: 'status', status: code }, effects, id)
    }
    case 'InquireDeliveryNotifications': {
      const { reply, effects } = decideInquire(request.transactionReferenceNumbers, account, view)
      return done(reply, effects, id)
    }
    case 'RedeemVoucher':
    case 'CreateVoucher':
    case 'GetVoucherTransactions': {
      const { reply, effects } = decideVoucher(request, account, view, now)
      return done(reply, effects, id)
    }
    default: {
      const { reply, effects } = decideAspsmsSend(request, account, view, now)
      return done(reply, effects, id)
    }
  }
}
