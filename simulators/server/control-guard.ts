/**
 * Who may use the control API (`/_smsim/`, and `/`). smsim runs on a developer's machine next to
 * a browser: any page that browser opens can send requests to `127.0.0.1:8780`. Three guards
 * keep those pages out, and a fourth keeps out the network when smsim listens beyond loopback:
 *
 * 1. **Host** — only the names this smsim is reached by (loopback names, the address it is bound
 *    to, the names the user allows). A DNS-rebinding page (`evil.example` re-resolved to
 *    127.0.0.1) sends `Host: evil.example` and is refused, reads included.
 * 2. **Cross-site writes** — a write announced by the browser as coming from another site
 *    (`Sec-Fetch-Site`) or from another origin (`Origin`) is refused. Browsers send `Origin` on
 *    every POST, PUT, PATCH and DELETE; curl and test clients send none and are not browsers.
 * 3. **Content types** — a write with a body must say JSON (or CSV for a group import). The
 *    types a page may send without a CORS preflight (text/plain, form-urlencoded, multipart) are
 *    refused even where the browser sent no `Origin` (an old browser, a plugin).
 * 4. **Token** — with `--control-token`, every route but `/_smsim/health` needs
 *    `Authorization: Bearer <token>`, compared in constant time.
 *
 * Each refusal is a JSON `{ error }` that says why and what to do. The provider endpoints are
 * not behind any of this: they take what the real providers take.
 *
 * @see docs/decisions/010-control-api-access.md
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { BlockList, isIP } from 'node:net'
import { hostname, networkInterfaces } from 'node:os'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { BadConfigError } from '../core/errors.ts'

/**
 * Shortest control token accepted. A network attacker guessing over HTTP tries thousands of
 * tokens a second; 16 random characters (`openssl rand -hex 16` gives 32) put that out of reach,
 * where a word like `secret` would fall in minutes.
 */
export const MIN_CONTROL_TOKEN_LENGTH = 16

/**
 * Longest Host or Origin a refusal quotes back. Node takes headers up to 16 KiB; a name is at most
 * 253 characters (RFC 1035), an origin a little more: enough to recognise it, never a page of
 * whatever a client sent.
 */
export const MAX_QUOTED_HEADER_CHARS = 300

/** Methods that change nothing (RFC 9110 §9.2.1 "safe"): the cross-site check leaves them be. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What a browser says of where a request comes from, in the values that mean another site. */
const FOREIGN_FETCH_SITES = new Set(['cross-site', 'same-site'])

const WHO_MAY_WRITE =
  "smsim's control API takes writes from its own pages and from clients that are not browsers (curl, tests)"

/** What the control API is told about who may use it. */
export interface ControlAccessOptions {
  /** `--control-token`: required on every route but health when set. */
  token?: string
  /** The Host names it answers to (loopback, the bound address, `--allow-host`). */
  hosts?: HostAllowList
}

/**
 * Checks a control token before smsim starts. Throws BadConfigError (exit 2) for one that could
 * not be sent in a header or is too short to resist guessing.
 *
 * @example
 * checkControlToken(process.env.SMSIM_CONTROL_TOKEN) // the token, or undefined when unset
 */
export function checkControlToken(token: string | undefined): string | undefined {
  if (token === undefined) return undefined
  if (!/^[\x21-\x7e]+$/.test(token))
    throw new BadConfigError(
      '--control-token / SMSIM_CONTROL_TOKEN: use printable ASCII with no spaces (it is sent in an Authorization header)',
    )
  if (token.length < MIN_CONTROL_TOKEN_LENGTH)
    throw new BadConfigError(
      `--control-token / SMSIM_CONTROL_TOKEN: at least ${MIN_CONTROL_TOKEN_LENGTH} characters (e.g. openssl rand -hex 16)`,
    )
  return token
}

/**
 * A Host header (or a name from `--allow-host`) as a bare lower-case name or address, without
 * port, brackets or the trailing dot of a fully qualified name: `LOCALHOST.:8780` → `localhost`,
 * `[::1]:8780` → `::1`.
 *
 * @example
 * hostOfHeader('[::1]:8780') // '::1'
 */
export function hostOfHeader(value: string): string {
  let host = value.trim().toLowerCase()
  if (host.startsWith('['))
    host = host.slice(1, host.indexOf(']') < 0 ? undefined : host.indexOf(']'))
  else if (host.indexOf(':') === host.lastIndexOf(':')) host = host.replace(/:\d*$/, '')
  return host.replace(/\.$/, '')
}

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/**
 * Whether `host` (a bare name or address) is this machine's loopback.
 *
 * @example
 * isLoopback('app.localhost') // true
 * isLoopback('10.0.0.1')      // false
 */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  const family = isIP(host)
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6')
}

/** Whether an address smsim listens on is every address of the machine. */
const isWildcard = (address: string) => address === '0.0.0.0' || address === '::'

/**
 * The Host names the control API answers to: loopback names always; the address smsim is bound
 * to (all the machine's interface addresses and its host name when that is 0.0.0.0 or ::); and
 * the user's names — exact, `*.example.com` for its subdomains, `*` for any.
 *
 * @example
 * const hosts = new HostAllowList({ host: '127.0.0.1', allowHosts: ['smsim.test'] })
 * hosts.allows('smsim.test:8780') // true
 * hosts.allows('evil.example')    // false
 */
export class HostAllowList {
  readonly #names = new Set<string>()
  readonly #suffixes: string[] = []
  readonly #any: boolean
  #wildcard = false

  /**
   * @param options.host - the `--host` smsim listens on, a name or an address
   * @param options.allowHosts - `--allow-host`: names, `*.domain`, `*`
   */
  constructor(options: { host?: string; allowHosts?: readonly string[] } = {}) {
    let any = false
    for (const entry of options.allowHosts ?? []) {
      const name = entry.trim().toLowerCase()
      if (name === '*') any = true
      else if (name.startsWith('*.')) this.#suffixes.push(name.slice(1).replace(/\.$/, ''))
      else if (name) this.#names.add(bareHost(name))
    }
    this.#any = any
    if (options.host) this.listeningOn(options.host)
  }

  /** Adds the address the server listens on, once it does (a name given may resolve to it). */
  listeningOn(address: string): void {
    if (isWildcard(bareHost(address))) this.#wildcard = true
    else this.#names.add(bareHost(address))
  }

  /** Whether a request with this Host header is for this smsim. No header: not a browser's. */
  allows(header: string | undefined): boolean {
    if (header === undefined || this.#any) return true
    const host = hostOfHeader(header)
    if (isLoopback(host) || this.#names.has(host)) return true
    if (this.#suffixes.some((suffix) => host.endsWith(suffix))) return true
    // Read each time: a laptop's address changes with the network it joins.
    return this.#wildcard && machineNames().has(host)
  }
}

/** A name or address as given on the command line (IPv6 with or without brackets), bare. */
const bareHost = (value: string) =>
  isIP(value.trim()) === 6 ? value.trim().toLowerCase() : hostOfHeader(value)

/** The machine's host name and the addresses of its interfaces, as Host headers name them. */
function machineNames(): Set<string> {
  const names = new Set([hostname().toLowerCase()])
  for (const list of Object.values(networkInterfaces()))
    for (const entry of list ?? []) names.add(entry.address.toLowerCase().replace(/%.*$/, ''))
  return names
}

/** The origin a Host header names, in a scheme: `localhost:80` under http → `localhost`. */
function originHost(scheme: string, host: string): string | undefined {
  try {
    return new URL(`${scheme}//${host}`).host
  } catch {
    return undefined
  }
}

/**
 * The media type of a Content-Type header, without its parameters.
 *
 * @example
 * mediaType('text/plain; charset=UTF-8') // 'text/plain'
 */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Whether a request carries a body (a declared length above 0, or a chunked one). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length']
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined
}

const refuse = (res: Response, status: number, error: string) =>
  void res.status(status).json({ error })

/**
 * Refuses a request whose Host is not a name of this smsim (403). Ahead of everything express
 * serves: `/_smsim/…` and `/`.
 *
 * @example
 * app.use(hostGuard(new HostAllowList({ host: '127.0.0.1' })))
 */
export function hostGuard(hosts: HostAllowList): RequestHandler {
  return (req, res, next) => {
    if (hosts.allows(req.headers.host)) return next()
    const name = hostOfHeader(req.headers.host ?? '').slice(0, MAX_QUOTED_HEADER_CHARS)
    refuse(
      res,
      403,
      `refused: Host "${name}" is not a name of this smsim (a web page reached through another name, e.g. DNS rebinding?); to reach it under that name, start smsim with --allow-host ${name} (or SMSIM_ALLOW_HOSTS)`,
    )
  }
}

/**
 * Refuses a write a browser sent from another site (403): `Sec-Fetch-Site` says so, or `Origin`
 * names anything but this smsim as the request's Host names it (`null` included: a sandboxed
 * frame, a file, a redirect across origins).
 *
 * @example
 * app.use(crossSiteGuard())
 */
export function crossSiteGuard(): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const site = req.headers['sec-fetch-site']
    if (typeof site === 'string' && FOREIGN_FETCH_SITES.has(site.toLowerCase()))
      return refuse(
        res,
        403,
        `refused: a write to the control API from another site (Sec-Fetch-Site: ${site}); ${WHO_MAY_WRITE}`,
      )
    const origin = req.headers.origin
    if (origin === undefined) return next()
    if (!isOwnOrigin(origin, req.headers.host))
      return refuse(
        res,
        403,
        `refused: a write to the control API from the origin ${origin.slice(0, MAX_QUOTED_HEADER_CHARS)}, not this smsim's; ${WHO_MAY_WRITE}`,
      )
    next()
  }
}

/** Whether `origin` is this smsim's own, at the scheme (http, or https behind a proxy) and host:port the request names. */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  return url.host === originHost(url.protocol, host)
}

/**
 * Requires the token on every route it is mounted before (401 with `WWW-Authenticate: Bearer`).
 * Both sides are hashed first so that the comparison takes the same time whatever the length
 * and the first wrong character of what was sent.
 *
 * @example
 * api.get('/health', health) // open
 * api.use(tokenGuard(token)) // every route after this needs the token
 */
export function tokenGuard(token: string): RequestHandler {
  const expected = digest(token)
  return (req, res, next) => {
    const header = req.headers.authorization
    const sent = header === undefined ? undefined : /^bearer +(\S+)$/i.exec(header.trim())?.[1]
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) return next()
    res.setHeader('www-authenticate', 'Bearer realm="smsim"')
    refuse(
      res,
      401,
      header === undefined
        ? "this smsim's control API needs its token: send Authorization: Bearer <token>, the value given to --control-token or SMSIM_CONTROL_TOKEN"
        : 'wrong control token (Authorization: Bearer …): it is the value given to --control-token or SMSIM_CONTROL_TOKEN',
    )
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * JSON media types: `application/json` and the `+json` family (`application/merge-patch+json`).
 *
 * @example
 * isJsonType('application/problem+json') // true
 */
export function isJsonType(type: string): boolean {
  return type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type)
}

/** The types a CSV body may come in: CSV, or bytes with no claim (`curl --data-binary` with `-H`). */
const CSV_TYPES = new Set(['text/csv', 'application/octet-stream'])

/**
 * Requires a JSON content type on a write that has a body (415). What `curl -d` sends
 * (form-urlencoded) and what a page sends without a preflight are refused with how to send JSON.
 *
 * @example
 * api.use(jsonBodyGuard(), express.json())
 */
export function jsonBodyGuard(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const type = mediaType(req.headers['content-type'])
    if (SAFE_METHODS.has(req.method) || !hasBody(req) || isJsonType(type)) return next()
    refuse(
      res,
      415,
      `the control API reads JSON: send the body with Content-Type: application/json (curl --json '{…}', or -H 'content-type: application/json' -d '{…}'); got ${type || 'no Content-Type'}`,
    )
  }
}

/**
 * Requires a CSV content type on a provider's CSV route that has a body (415); `what` names the
 * body in the message.
 *
 * @example
 * api.put('/accounts/smstob/:id/groups/:group', csvBodyGuard('the contacts'), express.raw(), importGroup)
 */
export function csvBodyGuard(what: string): RequestHandler {
  return (req, res, next) => {
    const type = mediaType(req.headers['content-type'])
    if (!hasBody(req) || CSV_TYPES.has(type)) return next()
    refuse(
      res,
      415,
      `send ${what} as a CSV body with Content-Type: text/csv (curl -X PUT --data-binary @contacts.csv -H 'content-type: text/csv' …); got ${type || 'no Content-Type'}`,
    )
  }
}

/**
 * What `smsim start` prints on stderr when the control API is open to more than this machine
 * with no token; undefined when it is not.
 *
 * @example
 * exposureWarning({ boundAddress: '0.0.0.0', port: 8780 }) // 'smsim: warning: …'
 */
export function exposureWarning(options: {
  boundAddress: string
  port: number
  token?: string
}): string | undefined {
  if (options.token !== undefined || isLoopback(bareHost(options.boundAddress))) return undefined
  return `smsim: warning: the control API listens on ${options.boundAddress}:${options.port} with no token. Anyone who can reach this machine on that port can create accounts and credits, read every SMS, mail and password smsim holds, move its clock and inject faults. Set a token: SMSIM_CONTROL_TOKEN=$(openssl rand -hex 16) smsim start … (or --control-token), and give the same to its clients (smsim conformance --control-token, controlClient(url, { token })).`
}

/**
 * Refuses `--allow-host '*'` without a token: any Host lets a DNS-rebinding page in, and the
 * token is then what keeps it out.
 *
 * @example
 * checkAllowHosts(['*'], undefined) // throws BadConfigError
 */
export function checkAllowHosts(allowHosts: readonly string[], token: string | undefined): void {
  if (token === undefined && allowHosts.some((h) => h.trim() === '*'))
    throw new BadConfigError(
      "--allow-host '*' accepts any Host name, which lets a web page in through a name it controls (DNS rebinding): use it with --control-token",
    )
}
