/**
 * The configuration file of `smsim start --config FILE`: YAML or JSON (JSON is YAML), read once
 * at start. Everything in it can also be done through the control API.
 *
 * @example
 * # smsim.yaml
 * demo: false
 * clock: { now: "2026-01-05T09:00:00+01:00", frozen: true }
 * accounts:
 *   - { provider: smstob, id: ecole@example.fr, secret: XV65JU, credits: 100 }
 * numbers:
 *   "0611223344": { status: unassigned }
 * callbackAllow: [app.example.com, 10.0.0.0/8]   # notifications may go there too
 */
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { toInstant } from '../core/clock.ts'
import { BadConfigError } from '../core/errors.ts'
import type { AccountInput } from '../core/model.ts'
import { NUMBER_STATUSES, type NumberState } from '../core/numbers.ts'
import { parsePhone } from '../core/phone.ts'
import type { Provider } from '../core/provider.ts'
import { parseCallbackAllow } from './callback-guard.ts'

export interface SmsimConfig {
  demo: boolean
  accounts: AccountInput[]
  clock?: { now: string; frozen: boolean }
  numbers: { number: string; state: NumberState }[]
  /** Hosts, addresses and CIDRs delivery notifications may go to besides loopback. */
  callbackAllow: string[]
}

/** Reads and checks a config file; every problem is reported with where it is. */
export async function loadConfig(
  file: string,
  providers: readonly Provider[],
): Promise<SmsimConfig> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new BadConfigError(`cannot read config file ${file}: ${(error as Error).message}`, error)
  }
  let raw: unknown
  try {
    raw = parse(text)
  } catch (error) {
    throw new BadConfigError(
      `${file} is not valid YAML or JSON: ${(error as Error).message}`,
      error,
    )
  }
  return checkConfig(raw ?? {}, providers, file)
}

/** Checks a parsed config object. */
export function checkConfig(
  raw: unknown,
  providers: readonly Provider[],
  where = 'config',
): SmsimConfig {
  const fail = (message: string): never => {
    throw new BadConfigError(`${where}: ${message}`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('must be a mapping')
  const { demo, accounts, clock, numbers, callbackAllow, ...rest } = raw as Record<string, unknown>
  const unknownKeys = Object.keys(rest)
  if (unknownKeys.length)
    fail(
      `unknown key(s) ${unknownKeys.join(', ')}; known: demo, accounts, clock, numbers, callbackAllow`,
    )
  const config: SmsimConfig = { demo: demo !== false, accounts: [], numbers: [], callbackAllow: [] }
  if (callbackAllow !== undefined) {
    const list = typeof callbackAllow === 'string' ? [callbackAllow] : callbackAllow
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string'))
      fail('callbackAllow must be a list of host names, addresses or CIDRs')
    try {
      parseCallbackAllow(list as string[], 'callbackAllow')
    } catch (error) {
      fail((error as Error).message)
    }
    config.callbackAllow = list as string[]
  }
  if (accounts !== undefined && !Array.isArray(accounts)) fail('accounts must be a list')
  for (const [i, entry] of ((accounts as unknown[]) ?? []).entries()) {
    const a = entry as Record<string, unknown>
    const provider = providers.find((p) => p.id === a?.provider)
    if (!provider)
      fail(`accounts[${i}].provider must be one of ${providers.map((p) => p.id).join(', ')}`)
    if (typeof a.id !== 'string' || a.id.trim() === '')
      fail(`accounts[${i}].id must be a non-empty string`)
    if (a.secret !== undefined && typeof a.secret !== 'string')
      fail(`accounts[${i}].secret must be a string`)
    if (a.credits !== undefined && (typeof a.credits !== 'number' || a.credits < 0))
      fail(`accounts[${i}].credits must be a number ≥ 0`)
    const options = (a.options ?? {}) as Record<string, unknown>
    const problems = provider!.validateOptions?.(options) ?? []
    if (problems.length) fail(`accounts[${i}].options: ${problems.join('; ')}`)
    config.accounts.push({
      provider: provider!.id,
      id: (a.id as string).trim(),
      ...(a.secret !== undefined ? { secret: a.secret as string } : {}),
      ...(a.credits !== undefined ? { credits: a.credits as number } : {}),
      options,
    })
  }
  if (clock !== undefined) {
    const c = clock as Record<string, unknown>
    if (typeof c?.now !== 'string') fail('clock.now must be an ISO 8601 date-time with offset')
    try {
      toInstant(c.now as string)
    } catch (error) {
      fail(`clock.now: ${(error as Error).message}`)
    }
    config.clock = { now: c.now as string, frozen: c.frozen === true }
  }
  for (const [number, state] of Object.entries((numbers ?? {}) as Record<string, NumberState>)) {
    const parsed = parsePhone(number)
    if (!parsed) fail(`numbers: "${number}" is not a phone number`)
    if (!NUMBER_STATUSES.includes(state?.status))
      fail(`numbers."${number}".status must be one of ${NUMBER_STATUSES.join(', ')}`)
    config.numbers.push({ number: parsed!.e164, state })
  }
  return config
}
