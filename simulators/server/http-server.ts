/**
 * The standalone HTTP side: a plain `node:http` listener dispatches provider requests by host
 * and path (a table lookup, no router), and hands `/_smsim/` and `/` to express. DESIGN.md
 * measured express at ~15 % of bare Node: the provider endpoints are the hot path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Server as TlsServer, TLSSocket } from 'node:tls'
import { PortInUseError, SmsimError } from '../core/errors.ts'
import type { SimRequest, SimResponse } from '../core/provider.ts'
import { HostAllowList } from './control-guard.ts'
import { createControlApp } from './control.ts'
import { closeTls, listenTls } from './https-listener.ts'
import type { LiveLimits } from './live-limits.ts'
import {
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  MAX_BODY_BYTES,
  MAX_HEADER_BYTES,
  MAX_HTTP_CONNECTIONS,
  MAX_URL_BYTES,
  REQUEST_TIMEOUT_MS,
  TIMEOUT_CHECK_INTERVAL_MS,
} from './limits.ts'
import { REPLAY_MAX_HEADER_BYTES, Replay, requestStart, type ReplayHost } from './replay.ts'
import type { HttpOutcome } from '../engine/engine.ts'
import type { HttpRoute } from '../engine/router.ts'
import type { Simulator } from './simulator.ts'

export interface HttpServerHandle {
  server: Server
  host: string
  port: number
  url: string
  /** The HTTPS side, when asked for: the same requests, over TLS. */
  https?: { server: TlsServer; port: number; url: string }
  close(): Promise<void>
}

/** The HTTP side's timeouts and connection cap (limits.ts); tests lower them to reach them. */
export interface HttpLimits {
  /** {@link HEADERS_TIMEOUT_MS} */
  headersTimeoutMs: number
  /** {@link REQUEST_TIMEOUT_MS} */
  requestTimeoutMs: number
  /** {@link TIMEOUT_CHECK_INTERVAL_MS} */
  timeoutCheckIntervalMs: number
  /** {@link KEEP_ALIVE_TIMEOUT_MS} */
  keepAliveTimeoutMs: number
  /** {@link MAX_HTTP_CONNECTIONS} */
  maxConnections: number
}

export const HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: HEADERS_TIMEOUT_MS,
  requestTimeoutMs: REQUEST_TIMEOUT_MS,
  timeoutCheckIntervalMs: TIMEOUT_CHECK_INTERVAL_MS,
  keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
  maxConnections: MAX_HTTP_CONNECTIONS,
}

/** A parse or socket error as Node hands it to `clientError`. */
type ClientError = NodeJS.ErrnoException & { rawPacket?: Buffer; bytesParsed?: number }

/**
 * Starts the HTTP side on `host:port` (port 0 picks a free port).
 *
 * @example
 * const http = await startHttpServer(sim, { port: 0, limits: { requestTimeoutMs: 500 } })
 * console.log(http.url)
 * await http.close()
 */
export async function startHttpServer(
  sim: Simulator,
  options: {
    host?: string
    port?: number
    logger?: Pick<Console, 'error'>
    limits?: Partial<HttpLimits>
    /** Who may use the control API (control-guard.ts): its token and the Host names allowed. */
    access?: { token?: string; allowHosts?: readonly string[] }
    /** Lower bounds of the event stream and the waits, for tests that reach them (live-limits.ts). */
    liveLimits?: Partial<LiveLimits>
    /**
     * Also serve everything over TLS on `port` (0: a free one), with this certificate chain and
     * key (local-ca.ts). The decrypted connections are handed to the same HTTP server.
     */
    tls?: { port: number; cert: string; key: string }
  } = {},
): Promise<HttpServerHandle> {
  const host = options.host ?? '127.0.0.1'
  const logger = options.logger ?? console
  const limits = { ...HTTP_LIMITS, ...options.limits }
  const hosts = new HostAllowList({ host, allowHosts: options.access?.allowHosts ?? [] })
  const control = createControlApp(
    sim,
    logger,
    {
      hosts,
      ...(options.access?.token !== undefined ? { token: options.access.token } : {}),
    },
    options.liveLimits,
  )
  // The response being written on each connection: bytes that cannot parse after a request
  // must not cut its answer short (see clientError below).
  const answering = new WeakMap<Duplex, ServerResponse>()
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    answering.set(req.socket, res)
    const failed = (error: unknown) => {
      logger.error('smsim: request failed:', error)
      if (!res.headersSent)
        send(res, {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: 'Internal Server Error',
        })
      else res.destroy()
    }
    // Answered in this turn when nothing waits (issue 17); a promise otherwise.
    let pending: void | Promise<void>
    try {
      pending = dispatch(sim, control, req, res)
    } catch (error) {
      return failed(error)
    }
    pending?.catch(failed)
  }
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckIntervalMs,
    },
    onRequest,
  )
  server.keepAliveTimeout = limits.keepAliveTimeoutMs
  server.maxConnections = limits.maxConnections
  // Parses again, never listening, the requests with raw bytes in their target (replay.ts).
  const reparser = createServer({ maxHeaderSize: REPLAY_MAX_HEADER_BYTES }, onRequest)

  /**
   * Calls `then` once the answer due on `socket`, if any, has been written. A client whose
   * Content-Length was too short (maxkueng's node client counts characters, not bytes) leaves
   * the tail of its body on the connection, where it cannot parse: the request already read is
   * answered first, as pipelined requests are, and only then the error. Only a request read
   * whole is sure to be answered: one whose body never came whole will never be, and waiting
   * for it kept the socket for ever (CLOSE-WAIT once the client had gone).
   */
  const afterPending = (socket: Duplex, then: () => void) => {
    const pending = answering.get(socket)
    if (!pending || pending.writableFinished || !pending.req.complete) return then()
    let called = false
    const once = () => {
      if (called) return
      called = true
      then()
    }
    pending.once('finish', once)
    pending.once('close', once)
  }
  const replays = new WeakMap<Duplex, Replay>()
  // Sockets being answered an error and closed: further errors on them change nothing.
  const closing = new WeakSet<Duplex>()
  const replayHost: ReplayHost = {
    afterPending,
    refuse,
    parse(relay, received) {
      replayedTargets.set(relay, received.targetBytes)
      reparser.emit('connection', relay)
    },
    complete: (relay) => answering.get(relay)?.req.complete === true,
    requestTimeoutMs: limits.requestTimeoutMs,
  }

  const onClientError = (error: ClientError, socket: Duplex) => {
    const replay = replays.get(socket)
    if (replay) return replayError(replay, error, socket)
    if (closing.has(socket)) {
      // Only a failed socket changes something: the answer due can no longer be written.
      if (refusal(error) === undefined) socket.destroy()
      return
    }
    const packet = error.rawPacket
    const at = error.bytesParsed ?? 0
    if (error.code === 'HPE_INVALID_URL' && packet && (packet[at] ?? 0) >= 0x80) {
      const start = requestStart(packet, at)
      if (start >= 0) {
        replays.set(socket, new Replay(socket, packet.subarray(start), replayHost))
        socket.once('end', () => replays.get(socket)?.ended())
        return
      }
      return close(socket, '400 Bad Request', SPLIT_RAW_TARGET)
    }
    close(socket, refusal(error))
  }
  /** Errors on a socket whose request is being replayed: its next packets, a timeout, a reset. */
  const replayError = (replay: Replay, error: ClientError, socket: Duplex) => {
    if (error.code === 'HPE_INVALID_URL' && error.rawPacket) replay.receive(error.rawPacket)
    else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') replay.timedOut()
    else if (refusal(error) === undefined) socket.destroy()
  }
  /** Answers the error (after the answer due before it, if any) and closes. */
  const close = (socket: Duplex, status: string | undefined, text?: string) => {
    closing.add(socket)
    if (status === undefined) return void socket.destroy()
    afterPending(socket, () => refuse(socket, status, text))
  }
  server.on('clientError', onClientError)
  reparser.on('clientError', onClientError)

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(host, options.port ?? 0, error)
          : new SmsimError('SMSIM_LISTEN', error.message, { cause: error }),
      ),
    )
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port, address } = server.address() as AddressInfo
  hosts.listeningOn(address)
  const shownHost = host.includes(':') ? `[${host}]` : host
  const closeHttp = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  let https: { server: TlsServer; port: number } | undefined
  if (options.tls) {
    try {
      https = await listenTls(server, host, options.tls, limits)
    } catch (error) {
      await closeHttp()
      throw error
    }
  }
  return {
    server,
    host,
    port,
    url: `http://${shownHost}:${port}`,
    ...(https ? { https: { ...https, url: `https://${shownHost}:${https.port}` } } : {}),
    close: async () => {
      await Promise.all([closeHttp(), https && closeTls(https.server)])
    },
  }
}

/** Why a request line with raw bytes could not be read again (see replay.ts). */
const SPLIT_RAW_TARGET =
  'Bad Request: raw bytes in a request line that came in several packets; percent-encode the URL'

/** The received size of the targets of replayed requests, by the relay they came through. */
const replayedTargets = new WeakMap<Duplex, number>()

const isParseError = (error: ClientError) => error.code?.startsWith('HPE_') === true

/**
 * What to answer a request Node's parser refused, or its timeout; `undefined` when the socket
 * itself failed (a reset, a write after the client left): nobody is there to read an answer.
 */
function refusal(error: ClientError): string | undefined {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return '408 Request Timeout'
    // Node's parser refuses heads over MAX_HEADER_BYTES itself; say so rather than a bare 400.
    case 'HPE_HEADER_OVERFLOW':
      return '431 Request Header Fields Too Large'
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return '413 Payload Too Large'
    default:
      return isParseError(error) ? '400 Bad Request' : undefined
  }
}

/**
 * Answers `status` and closes the connection: ends the server's side after the answer, and
 * lets go of the socket once the answer is out, so that a client that never closes its own
 * side does not keep a descriptor. With no status, or nobody left to read one, just closes.
 */
function refuse(socket: Duplex, status?: string, text = ''): void {
  if (status === undefined || !socket.writable) return void socket.destroy()
  const body = Buffer.from(text)
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\n` +
      (text ? 'Content-Type: text/plain; charset=utf-8\r\n' : '') +
      `Content-Length: ${body.length}\r\n\r\n${text}`,
  )
  socket.once('finish', () => socket.destroy())
}

function dispatch(
  sim: Simulator,
  control: (req: IncomingMessage, res: ServerResponse) => void,
  req: IncomingMessage,
  res: ServerResponse,
): void | Promise<void> {
  const target = req.url ?? '/'
  const targetBytes = Buffer.byteLength(target, 'latin1')
  // A replayed target was percent-encoded by smsim: its size is the one the client sent.
  if (
    targetBytes > MAX_URL_BYTES &&
    (replayedTargets.get(req.socket) ?? targetBytes) > MAX_URL_BYTES
  )
    return send(res, plain(414, 'URI Too Long'))
  const q = target.indexOf('?')
  const path = q < 0 ? target : target.slice(0, q)
  if (path === '/' || path.startsWith('/_smsim')) return control(req, res)
  const host = hostName(req.headers.host)
  const route = sim.route(host, path)
  if (!route) {
    return send(
      res,
      plain(
        404,
        sim.isProviderHost(host)
          ? 'Not Found'
          : `Not Found: no provider endpoint at ${path} (see GET /_smsim/providers)`,
      ),
    )
  }
  const query = q < 0 ? '' : target.slice(q + 1)
  // A request that announces no body has none: not waiting for its end is a third of the hot path.
  const hasBody =
    req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  if (!hasBody) return answer(sim, req, res, route, { host, path, query }, EMPTY_BODY)
  return readBody(req).then((body) => answer(sim, req, res, route, { host, path, query }, body))
}

/** Hands a request whose body was read to the engine, and writes its outcome. */
function answer(
  sim: Simulator,
  req: IncomingMessage,
  res: ServerResponse,
  route: HttpRoute,
  target: { host: string; path: string; query: string },
  body: Uint8Array | 'too-large' | 'aborted',
): void | Promise<void> {
  // The client left before its body was whole (or was cut off, see clientError): no answer.
  if (body === 'aborted') return
  if (body === 'too-large') return send(res, plain(413, 'Payload Too Large'), true)
  const request: SimRequest = {
    method: req.method ?? 'GET',
    host: target.host,
    path: target.path,
    query: target.query,
    headers: req.headers as Record<string, string | undefined>,
    body,
    ...((req.socket as TLSSocket).encrypted ? { secure: true } : {}),
  }
  const outcome = sim.answerHttp(route, request)
  if (outcome instanceof Promise) return outcome.then((settled) => write(req, res, settled))
  write(req, res, outcome)
}

/** Writes an engine's outcome: the response, or nothing and the connection closed. */
function write(req: IncomingMessage, res: ServerResponse, outcome: HttpOutcome): void {
  if (outcome.kind === 'drop') return void req.socket.destroy()
  send(res, outcome.response)
}

/** Host header to a bare lower-case name: `WWW.SMStoB.com:8780` → `www.smstob.com`. */
export function hostName(header: string | undefined): string {
  if (!header) return ''
  const value = header.trim().toLowerCase()
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1)
  const colon = value.indexOf(':')
  return colon < 0 ? value : value.slice(0, colon)
}

/**
 * The request's body, or why there is none: over {@link MAX_BODY_BYTES}, or the connection
 * closed before the body was whole (a reset, a half-close, a timeout), which settles the read
 * instead of leaving it waiting for an end that will not come.
 */
function readBody(req: IncomingMessage): Promise<Uint8Array | 'too-large' | 'aborted'> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) return Promise.resolve('too-large')
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        resolve('too-large')
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    // After 'end', 'close' changes nothing: the promise is settled.
    req.on('close', () => resolve('aborted'))
    req.on('error', () => resolve('aborted'))
  })
}

function plain(status: number, text: string): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text }
}

const EMPTY_BODY = new Uint8Array(0)

/** A response as it goes out: its header list (Content-Length included) and its body as text. */
interface Wire {
  headers: string[]
  body: string
  encoding: 'latin1' | 'utf8'
}

/**
 * The wire form of the answers that are constants (a frozen {@link SimResponse}, such as
 * SMStoB's `80`): built once, then written as they are (issue 17).
 */
const wires = new WeakMap<SimResponse, Wire>()

/**
 * The headers (a flat name/value list, as `writeHead` takes it, with Content-Length) and the
 * body of a response: the same bytes as `responseBytes` (core/provider.ts) gives, as a string that Node
 * writes with the head in one write.
 */
function wireOf(response: SimResponse): Wire {
  const known = wires.get(response)
  if (known) return known
  const { body } = response
  let text: string
  let encoding: 'latin1' | 'utf8'
  let length: number
  if (typeof body === 'string') {
    encoding = /charset=(iso-8859-1|latin1)/i.test(response.headers['content-type'] ?? '')
      ? 'latin1'
      : 'utf8'
    text = body
    length = encoding === 'latin1' ? body.length : Buffer.byteLength(body, 'utf8')
  } else {
    // One char per byte: written as latin1, the string is the bytes themselves.
    encoding = 'latin1'
    text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1')
    length = body.byteLength
  }
  const headers: string[] = []
  // Content-Length is smsim's to set, as the spread over the headers did before.
  for (const name in response.headers)
    if (name !== 'content-length') headers.push(name, response.headers[name]!)
  headers.push('content-length', String(length))
  const wire = { headers, body: text, encoding }
  if (Object.isFrozen(response) && Object.isFrozen(response.headers)) wires.set(response, wire)
  return wire
}

function send(res: ServerResponse, response: SimResponse, close = false): void {
  const wire = wireOf(response)
  res.writeHead(
    response.status,
    close ? [...withoutConnection(wire.headers), 'connection', 'close'] : wire.headers,
  )
  // A string goes out with the headers in one write; a Buffer would take a second (writev).
  res.end(wire.body, wire.encoding)
}

/** A header list without its Connection header, which `close` sets. */
function withoutConnection(headers: string[]): string[] {
  const kept: string[] = []
  for (let i = 0; i < headers.length; i += 2)
    if (headers[i] !== 'connection') kept.push(headers[i]!, headers[i + 1]!)
  return kept
}
