/**
 * Where a delivery notification may go. Its URL comes from whoever sends the SMS, so without a
 * rule smsim calls anything its host can reach on their behalf: its own `http.php` (a
 * notification sent an SMS from another account), a cloud metadata service at 169.254.169.254,
 * the other services of the machine and of its network.
 *
 * The rule, checked on the addresses actually connected to:
 *
 * - smsim's own ports (HTTP and SMTP) on any address of this machine are refused, whatever is
 *   allowed;
 * - otherwise an address must be allowed: loopback by default (the developer's application, the
 *   conformance runner's receiver), and the hosts, addresses and CIDRs of `--callback-allow`,
 *   `SMSIM_CALLBACK_ALLOW` and the config file's `callbackAllow`.
 *
 * A name is resolved once; every address it resolves to must pass, and the request then
 * connects to those very addresses (no second lookup that a DNS server could answer otherwise).
 * Numeric forms (`2130706433`, `0x7f.1`) are normalised by the URL parser, IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) here.
 *
 * @see docs/decisions/010-control-api-access.md
 */
import { lookup as systemLookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import { BadConfigError } from '../core/errors.ts'
import { CallbackRefusedError } from '../engine/callbacks.ts'

/** What is allowed before any option: this machine's loopback. */
export const DEFAULT_CALLBACK_ALLOW = ['127.0.0.0/8', '::1/128'] as const

const WIDEN_HINT = 'loopback only by default; widen with --callback-allow'

/** Resolves a host name to every address it has (injectable: tests answer for the DNS). */
export type CallbackLookup = (
  hostname: string,
) => Promise<readonly { address: string; family: number }[]>

/** A notification URL that passed, with the addresses to connect to. */
export interface CheckedCallback {
  url: URL
  addresses: { address: string; family: 4 | 6 }[]
}

const defaultLookup: CallbackLookup = (hostname) =>
  systemLookup(hostname, { all: true, verbatim: true })

/**
 * An address as it is compared: IPv4-mapped IPv6 as the IPv4 it stands for, the rest bare
 * (no brackets, no zone) and lower-case.
 *
 * @example
 * canonicalAddress('[::ffff:7f00:1]') // { address: '127.0.0.1', family: 4 }
 */
export function canonicalAddress(value: string): { address: string; family: 4 | 6 } {
  const bare = value
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase()
  if (isIP(bare) === 4) return { address: bare, family: 4 }
  const groups = ipv6Groups(bare)
  if (groups && groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6]!, groups[7]!]
    return { address: [high >> 8, high & 255, low >> 8, low & 255].join('.'), family: 4 }
  }
  return { address: bare, family: 6 }
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 included), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  if (isIP(address) !== 6) return undefined
  let text = address
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.split('::') as [string, string | undefined]
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : [])
  const left = part(head)
  const right = part(tail)
  const zeros = tail === undefined ? [] : Array<number>(8 - left.length - right.length).fill(0)
  return [...left, ...zeros, ...right]
}

const familyName = (family: 4 | 6) => (family === 4 ? 'ipv4' : 'ipv6')
const withPort = (a: { address: string; family: 4 | 6 }, port: number) =>
  a.family === 6 ? `[${a.address}]:${port}` : `${a.address}:${port}`

/** A host name as `--callback-allow` may name it (letters, digits, `-`, `_`, dots). */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/

/**
 * Reads allow-list entries: host names, addresses and CIDRs, one per entry or comma-separated.
 * Throws BadConfigError naming `where` for an entry that is none of these.
 *
 * @example
 * parseCallbackAllow(['app.example.com, 10.0.0.0/8', '192.0.2.7'], '--callback-allow')
 */
export function parseCallbackAllow(
  entries: readonly string[],
  where = '--callback-allow',
): { addresses: BlockList; names: Set<string> } {
  const addresses = new BlockList()
  const names = new Set<string>()
  for (const raw of [...DEFAULT_CALLBACK_ALLOW, ...entries].flatMap((e) => e.split(','))) {
    const entry = raw.trim().toLowerCase()
    if (!entry) continue
    const [base = '', prefix, extra] = entry.split('/')
    const ip = canonicalAddress(base)
    const family = isIP(ip.address)
    if (family !== 0 && prefix === undefined) {
      addresses.addAddress(ip.address, familyName(ip.family))
    } else if (family !== 0 && extra === undefined && /^\d{1,3}$/.test(prefix ?? '')) {
      const bits = Number(prefix)
      // A mapped IPv4 CIDR (::ffff:10.0.0.0/104) is the IPv4 one it stands for.
      const v4bits = ip.family === 4 && isIP(base.replace(/^\[|\]$/g, '')) === 6 ? bits - 96 : bits
      if (v4bits < 0 || v4bits > (ip.family === 4 ? 32 : 128))
        throw new BadConfigError(`${where}: "${raw.trim()}" has a prefix length out of range`)
      addresses.addSubnet(ip.address, v4bits, familyName(ip.family))
    } else if (HOST_NAME.test(entry.replace(/\.$/, ''))) {
      names.add(entry.replace(/\.$/, ''))
    } else {
      throw new BadConfigError(
        `${where}: "${raw.trim()}" is not a host name, an IP address or a CIDR (e.g. app.example.com, 192.0.2.7, 10.0.0.0/8)`,
      )
    }
  }
  return { addresses, names }
}

/** This machine's addresses: loopback, "this host" (0.0.0.0, ::), and every interface's. */
function localAddresses(): BlockList {
  const list = new BlockList()
  list.addSubnet('127.0.0.0', 8, 'ipv4')
  list.addSubnet('0.0.0.0', 8, 'ipv4')
  list.addAddress('::1', 'ipv6')
  list.addAddress('::', 'ipv6')
  for (const entries of Object.values(networkInterfaces()))
    for (const entry of entries ?? []) {
      const local = canonicalAddress(entry.address)
      list.addAddress(local.address, familyName(local.family))
    }
  return list
}

/**
 * The check every notification passes before it is made (see the module comment).
 *
 * @example
 * const guard = new CallbackGuard({ allow: ['app.example.com'] })
 * guard.protect(8780, 'HTTP')
 * await guard.check('http://127.0.0.1:8780/smstob/http.php?…') // throws CallbackRefusedError
 */
export class CallbackGuard {
  readonly #allowed: BlockList
  readonly #names: Set<string>
  readonly #lookup: CallbackLookup
  /** smsim's own listening ports, by what listens there. */
  readonly #own = new Map<number, string>()

  constructor(options: { allow?: readonly string[]; lookup?: CallbackLookup } = {}) {
    const { addresses, names } = parseCallbackAllow(options.allow ?? [])
    this.#allowed = addresses
    this.#names = names
    this.#lookup = options.lookup ?? defaultLookup
  }

  /** Refuses `port` on every local address from now on (smsim's HTTP or SMTP side). */
  protect(port: number, label: string): void {
    this.#own.set(port, label)
  }

  /**
   * Resolves and checks a notification URL. Throws CallbackRefusedError for a URL that must not
   * be called, and a plain Error when the name does not resolve (a failed attempt, retried).
   */
  async check(raw: string, signal?: AbortSignal): Promise<CheckedCallback> {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      throw new CallbackRefusedError('not a URL')
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new CallbackRefusedError(`${url.protocol} is not http or https`)
    const host = url.hostname
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '')
      .toLowerCase()
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
    const literal = isIP(host) !== 0
    const addresses = literal
      ? [canonicalAddress(host)]
      : (await this.#resolve(host, signal)).map((a) => canonicalAddress(a.address))
    const via = (address: string) => (literal ? '' : `${host} resolves to ${address}, `)
    const label = this.#own.get(port)
    if (label !== undefined) {
      const local = localAddresses()
      const mine = addresses.find((a) => local.check(a.address, familyName(a.family)))
      if (mine)
        throw new CallbackRefusedError(
          `${via(mine.address)}${literal ? '' : 'and '}${withPort(mine, port)} is smsim's own ${label} port`,
        )
    }
    if (!this.#names.has(host)) {
      const outside = addresses.find((a) => !this.#allowed.check(a.address, familyName(a.family)))
      if (outside)
        throw new CallbackRefusedError(
          literal
            ? `${outside.address} is not an allowed callback address (${WIDEN_HINT})`
            : `${via(outside.address)}not an allowed callback address (${WIDEN_HINT})`,
        )
    }
    return { url, addresses }
  }

  async #resolve(host: string, signal?: AbortSignal) {
    let answers: readonly { address: string }[]
    try {
      answers = await abortable(this.#lookup(host), signal)
    } catch (error) {
      if (signal?.aborted) throw error
      const code = (error as { code?: string }).code ?? (error as Error).message
      throw new Error(`cannot resolve ${host} (${code})`)
    }
    if (!answers.length) throw new Error(`cannot resolve ${host} (no address)`)
    return answers
  }
}

/** `promise`, or its signal's reason as soon as it aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason)
    if (signal.aborted) return abort()
    signal.addEventListener('abort', abort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}
