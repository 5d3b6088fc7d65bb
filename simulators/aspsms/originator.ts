/**
 * The originator unlock flow: a numeric originator (a phone number) may be used only once its
 * owner proved it is theirs. `SendOriginatorUnlockCode` sends a code by SMS to that number — it
 * lands on the simulated phone like any SMS — `UnlockOriginator` takes the code back, and
 * `CheckOriginatorAuthorization` tells where things stand (28–31).
 *
 * Which step answers which code is not public (research §6); ours: the send answers 1, a right
 * code 1, a wrong one 30; the check 31 / 29 / 30; anything asked of an alphanumeric originator
 * 28 ("restrictions only refer to numeric … originators", XMLSPEC §6.3.4.2).
 *
 * @see shared/research/aspsms.md — §6 "Unlock procedure"
 */
import type { Effect } from '../core/effects.ts'
import type { Account } from '../core/model.ts'
import { countSegments } from '../core/segments.ts'
import { classifyOriginator, parseRecipient } from './numbers.ts'
import { aspsmsOptions, derivedCode } from './options.ts'
import type { AspsmsRequest } from './request.ts'

/** Unlock codes are 8 digits, like XMLSPEC's example `65164424`. */
const UNLOCK_CODE_DIGITS = 8

type Outcome = { status: number; effects: Effect[] }

export function decideOriginator(request: AspsmsRequest, account: Account, now: Date): Outcome {
  const kind = classifyOriginator(request.originator)
  if (request.originator === '' || kind.kind === 'invalid') return { status: 10, effects: [] }
  if (kind.kind === 'alphanumeric') return { status: 28, effects: [] }
  const options = aspsmsOptions(account)
  const unlocked = options.unlockedOriginators.includes(kind.digits)
  const pending = options.pendingUnlocks[kind.digits]
  const setOptions = (set: Record<string, unknown>): Effect => ({
    kind: 'options',
    provider: 'aspsms',
    account: account.id,
    set,
  })

  switch (request.operation) {
    case 'CheckOriginatorAuthorization':
      return { status: unlocked ? 31 : pending ? 29 : 30, effects: [] }
    case 'UnlockOriginator': {
      if (unlocked) return { status: 31, effects: [] }
      // `||`, not `??`: a codec that fills every field may send OriginatorUnlockCode '' beside
      // the JSON name UnlockCode.
      const code = request.extra.OriginatorUnlockCode || request.extra.UnlockCode || ''
      if (!pending || code.trim() !== pending) return { status: 30, effects: [] }
      const { [kind.digits]: _used, ...stillPending } = options.pendingUnlocks
      return {
        status: 1,
        effects: [
          setOptions({
            unlockedOriginators: [...options.unlockedOriginators, kind.digits],
            pendingUnlocks: stillPending,
          }),
        ],
      }
    }
    default: {
      // SendOriginatorUnlockCode
      if (unlocked) return { status: 31, effects: [] }
      const phone = parseRecipient(kind.value)
      if (!phone) return { status: 10, effects: [] }
      const code = derivedCode(
        `${account.id}|${kind.digits}|${now.toISOString()}`,
        '0123456789',
        UNLOCK_CODE_DIGITS,
      )
      const text = `Your ASPSMS originator unlock code: ${code}`
      const { encoding, segments } = countSegments(text)
      return {
        status: 1,
        effects: [
          setOptions({ pendingUnlocks: { ...options.pendingUnlocks, [kind.digits]: code } }),
          {
            kind: 'sms',
            sms: {
              provider: 'aspsms',
              account: account.id,
              transport: request.transport,
              from: 'aspsms.com',
              to: phone.e164,
              text,
              encoding,
              segments,
              class: 'normal',
              validityMs: 24 * 3600_000,
              meta: { operation: request.operation, unlockCode: code },
            },
          },
        ],
      }
    }
  }
}
