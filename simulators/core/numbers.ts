/**
 * What happens to an SMS sent to a number: the number's state. By default every valid mobile
 * is reachable and the SMS is delivered at once. A documented block of magic numbers reaches
 * every failure the providers document, and any number can be given a state through the
 * control API (`PUT /_smsim/numbers/{number}`).
 *
 * The magic blocks are `+33 6 00 00 00 NN` (national `06000000NN`) and `+41 79 999 00 NN`
 * (national `07999900NN`), where `NN` picks the behaviour in {@link MAGIC_NUMBERS}.
 *
 * @example
 * numberStateOf('+33600000010') // { status: 'unassigned' }
 * numberStateOf('+33660919010') // { status: 'ok' }
 */

/** The states a number can be in. */
export const NUMBER_STATUSES = [
  'ok',
  'unassigned',
  'blacklisted',
  'mvno',
  'absent',
  'memory-full',
  'rejected',
] as const

export type NumberStatus = (typeof NUMBER_STATUSES)[number]

export interface NumberState {
  status: NumberStatus
  /**
   * For `absent`: how long the phone stays off after the SMS reaches the network. Left out, it
   * never comes back and the SMS expires when its lifetime runs out.
   */
  backAfterMs?: number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** The magic numbers, by their last two digits. */
export const MAGIC_NUMBERS: Readonly<Record<string, NumberState & { meaning: string }>> = {
  '00': { status: 'ok', meaning: 'delivered at once (so are 01–09 and every ordinary number)' },
  '10': { status: 'unassigned', meaning: 'number not assigned to any subscriber (NPAI)' },
  '11': { status: 'blacklisted', meaning: 'recipient on the STOP / opt-out list' },
  '12': {
    status: 'mvno',
    meaning: 'number of a Full MVNO (delivered, but refused by providers that cannot route there)',
  },
  '13': {
    status: 'absent',
    backAfterMs: 10 * MINUTE,
    meaning: 'phone off: delivered 10 minutes late',
  },
  '14': {
    status: 'absent',
    backAfterMs: 6 * HOUR,
    meaning: 'phone off for 6 hours: delivered if the lifetime is longer, expired otherwise',
  },
  '15': { status: 'absent', meaning: 'phone off for good: expires when its lifetime runs out' },
  '16': {
    status: 'memory-full',
    meaning: 'SIM memory full: a normal SMS fails, a flash SMS is displayed',
  },
  '17': { status: 'rejected', meaning: 'refused by the operator (not delivered)' },
}

/** E.164 prefixes of the magic blocks: the last two digits select the state. */
export const MAGIC_PREFIXES = ['+336000000', '+417999900'] as const

/** The state a number has when nothing was set for it. */
export function magicNumberState(e164: string): NumberState | undefined {
  if (e164.length !== 12) return undefined
  const prefix = MAGIC_PREFIXES.find((p) => e164.startsWith(p))
  if (!prefix) return undefined
  const entry = MAGIC_NUMBERS[e164.slice(prefix.length)]
  if (entry)
    return {
      status: entry.status,
      ...(entry.backAfterMs ? { backAfterMs: entry.backAfterMs } : {}),
    }
  const last = Number(e164.slice(prefix.length))
  return last < 10 ? { status: 'ok' } : undefined
}

/** A number's state: the one set through the control API, else the magic one, else `ok`. */
export function numberStateOf(
  e164: string,
  overrides?: ReadonlyMap<string, NumberState>,
): NumberState {
  return overrides?.get(e164) ?? magicNumberState(e164) ?? { status: 'ok' }
}
