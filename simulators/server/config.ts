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
 * dataDir: .smsim-data                            # keep the state (relative to this file)
 */
import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
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
  /**
   * Where the state is kept (`--data-dir`), resolved from the file's own directory when
   * relative; `--data-dir` given on the command line wins.
   */
  dataDir?: string
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
  const config = checkConfig(raw ?? {}, providers, file)
  if (config.dataDir) config.dataDir = resolve(dirname(file), config.dataDir)
  return config
}

/** The keys each part of the file takes: any other is a typo that would silently do nothing. */
const KNOWN_KEYS = {
  file: ['demo', 'accounts', 'clock', 'numbers', 'callbackAllow', 'dataDir'],
  account: ['provider', 'id', 'secret', 'credits', 'options'],
  clock: ['now', 'frozen'],
  number: ['status', 'backAfterMs'],
} as const

/**
 * Checks a parsed config object, and reports every problem of the file at once (each with
 * where it is), so that a file with three mistakes takes one round to fix, not three.
 *
 * @example
 * checkConfig({ accounts: [{ provider: 'smstob', id: 'a@b.fr', credit: 3 }] }, PROVIDERS, 'smsim.yaml')
 * // throws BadConfigError: 'smsim.yaml: accounts[0]: unknown key credit; known: provider, id, secret, credits, options'
 */
export function checkConfig(
  raw: unknown,
  providers: readonly Provider[],
  where = 'config',
): SmsimConfig {
  const problems: string[] = []
  const config = readConfig(raw, providers, (problem) => problems.push(problem))
  if (problems.length === 1) throw new BadConfigError(`${where}: ${problems[0]}`)
  if (problems.length > 1)
    throw new BadConfigError(
      `${where}: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  return config
}

/** A mapping (a YAML map, a JSON object), as opposed to a list, a string or nothing. */
function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reports the keys of `value` that `known` does not list, as a problem of `at`. */
function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  at: string,
  problem: (message: string) => void,
): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key))
  if (unknown.length)
    problem(
      `${at}unknown key${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${known.join(', ')}`,
    )
}

/** Reads what can be read, telling `problem` of everything that cannot. */
function readConfig(
  raw: unknown,
  providers: readonly Provider[],
  problem: (message: string) => void,
): SmsimConfig {
  const config: SmsimConfig = { demo: true, accounts: [], numbers: [], callbackAllow: [] }
  if (!isMapping(raw)) {
    problem('must be a mapping')
    return config
  }
  unknownKeys(raw, KNOWN_KEYS.file, '', problem)
  const { demo, accounts, clock, numbers, callbackAllow, dataDir } = raw
  if (demo !== undefined && typeof demo !== 'boolean') problem('demo must be true or false')
  if (dataDir !== undefined) {
    if (typeof dataDir !== 'string' || dataDir === '')
      problem('dataDir must be the path of a directory')
    else config.dataDir = dataDir
  }
  config.demo = demo !== false
  if (callbackAllow !== undefined) {
    const list = typeof callbackAllow === 'string' ? [callbackAllow] : callbackAllow
    if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string'))
      problem('callbackAllow must be a list of host names, addresses or CIDRs')
    else {
      try {
        parseCallbackAllow(list as string[], 'callbackAllow')
        config.callbackAllow = list as string[]
      } catch (error) {
        problem((error as Error).message)
      }
    }
  }
  if (accounts !== undefined && !Array.isArray(accounts)) problem('accounts must be a list')
  else
    for (const [i, entry] of (accounts ?? []).entries()) {
      const account = readAccount(entry, `accounts[${i}]`, providers, problem)
      if (account) config.accounts.push(account)
    }
  if (clock !== undefined) {
    if (!isMapping(clock)) problem('clock must be a mapping of now and frozen')
    else {
      unknownKeys(clock, KNOWN_KEYS.clock, 'clock: ', problem)
      if (typeof clock.now !== 'string')
        problem('clock.now must be an ISO 8601 date-time with offset')
      else {
        try {
          toInstant(clock.now)
          config.clock = { now: clock.now, frozen: clock.frozen === true }
        } catch (error) {
          problem(`clock.now: ${(error as Error).message}`)
        }
      }
      if (clock.frozen !== undefined && typeof clock.frozen !== 'boolean')
        problem('clock.frozen must be true or false')
    }
  }
  // `numbers:` with nothing under it (YAML's null) is an empty mapping, as it always was.
  if (numbers !== undefined && numbers !== null && !isMapping(numbers))
    problem('numbers must be a mapping of phone numbers to their state')
  else
    for (const [number, state] of Object.entries(numbers ?? {})) {
      const read = readNumber(number, state, problem)
      if (read) config.numbers.push(read)
    }
  return config
}

/** One entry of `accounts`, or `undefined` with its problems told. */
function readAccount(
  entry: unknown,
  at: string,
  providers: readonly Provider[],
  problem: (message: string) => void,
): AccountInput | undefined {
  if (!isMapping(entry)) {
    problem(`${at} must be a mapping of provider, id, secret, credits and options`)
    return undefined
  }
  const found: string[] = []
  const own = (message: string) => void found.push(message)
  unknownKeys(entry, KNOWN_KEYS.account, `${at}: `, own)
  const provider = providers.find((p) => p.id === entry.provider)
  if (!provider) own(`${at}.provider must be one of ${providers.map((p) => p.id).join(', ')}`)
  if (typeof entry.id !== 'string' || entry.id.trim() === '')
    own(`${at}.id must be a non-empty string`)
  if (entry.secret !== undefined && typeof entry.secret !== 'string')
    own(`${at}.secret must be a string`)
  if (entry.credits !== undefined && (typeof entry.credits !== 'number' || entry.credits < 0))
    own(`${at}.credits must be a number ≥ 0`)
  const options = entry.options ?? {}
  if (!isMapping(options)) own(`${at}.options must be a mapping`)
  else if (provider) {
    const invalid = provider.validateOptions?.(options) ?? []
    if (invalid.length) own(`${at}.options: ${invalid.join('; ')}`)
  }
  for (const message of found) problem(message)
  if (found.length || !provider || !isMapping(options)) return undefined
  return {
    provider: provider.id,
    id: (entry.id as string).trim(),
    ...(entry.secret !== undefined ? { secret: entry.secret as string } : {}),
    ...(entry.credits !== undefined ? { credits: entry.credits as number } : {}),
    options,
  }
}

/** One entry of `numbers`, or `undefined` with its problems told. */
function readNumber(
  number: string,
  state: unknown,
  problem: (message: string) => void,
): { number: string; state: NumberState } | undefined {
  const at = `numbers."${number}"`
  const parsed = parsePhone(number)
  if (!parsed) problem(`numbers: "${number}" is not a phone number`)
  if (!isMapping(state)) {
    problem(`${at} must be a mapping of status and backAfterMs`)
    return undefined
  }
  unknownKeys(state, KNOWN_KEYS.number, `${at}: `, problem)
  const status = NUMBER_STATUSES.find((s) => s === state.status)
  if (!status) problem(`${at}.status must be one of ${NUMBER_STATUSES.join(', ')}`)
  const back = state.backAfterMs
  if (back !== undefined && (typeof back !== 'number' || !Number.isFinite(back) || back < 0))
    problem(`${at}.backAfterMs must be a number ≥ 0`)
  if (!parsed || !status) return undefined
  return {
    number: parsed.e164,
    state: { status, ...(typeof back === 'number' ? { backAfterMs: back } : {}) },
  }
}
