/**
 * The standalone HTTP side: a plain `node:http` listener dispatches provider requests by host
 * and path (a table lookup, no router), and hands `/_smsim/` and `/` to express. DESIGN.md
 * measured express at ~15 % of bare Node: the provider endpoints are the hot path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Duplex } from 'node:stream'
import { PortInUseError, SmsimError } from '../core/errors.ts'
import { responseBytes, type SimRequest, type SimResponse } from '../core/provider.ts'
import { HostAllowList } from './control-guard.ts'
import { createControlApp } from './control.ts'
import { MAX_BODY_BYTES, MAX_URL_BYTES, REQUEST_TIMEOUT_MS } from './limits.ts'
import type { Simulator } from './simulator.ts'

export interface HttpServerHandle {
  server: Server
  host: string
  port: number
  url: string
  close(): Promise<void>
}

/** Starts the HTTP side on `host:port` (port 0 picks a free port). */
export async function startHttpServer(
  sim: Simulator,
  options: {
    host?: string
    port?: number
    logger?: Pick<Console, 'error'>
    /** Who may use the control API (control-guard.ts): its token and the Host names allowed. */
    access?: { token?: string; allowHosts?: readonly string[] }
  } = {},
): Promise<HttpServerHandle> {
  const host = options.host ?? '127.0.0.1'
  const logger = options.logger ?? console
  const hosts = new HostAllowList({ host, allowHosts: options.access?.allowHosts ?? [] })
  const control = createControlApp(sim, logger, {
    hosts,
    ...(options.access?.token !== undefined ? { token: options.access.token } : {}),
  })
  // The response being written on each connection: bytes that cannot parse after a request
  // must not cut its answer short (see clientError below).
  const answering = new WeakMap<Duplex, ServerResponse>()
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (req, res) => {
    answering.set(req.socket, res)
    dispatch(sim, control, req, res).catch((error: unknown) => {
      logger.error('smsim: request failed:', error)
      if (!res.headersSent)
        send(res, {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: 'Internal Server Error',
        })
      else res.destroy()
    })
  })
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket) => {
    if (error.code === 'HPE_INVALID_URL' && replayEscaped(server, socket, error.rawPacket)) return
    // Node's parser refuses headers over 16 KiB itself; say so rather than a bare 400.
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : '400 Bad Request'
    let refused = false
    const refuse = () => {
      if (refused) return
      refused = true
      if (socket.writable)
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
      else socket.destroy()
    }
    // A client whose Content-Length was too short (maxkueng's node client counts characters,
    // not bytes) leaves the tail of its body on the connection, where it cannot parse. The
    // request already read is answered first, as pipelined requests are; only then the 400.
    const pending = answering.get(socket)
    if (pending && !pending.writableFinished) {
      pending.once('finish', refuse)
      pending.once('close', refuse)
    } else refuse()
  })
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
  return {
    server,
    host,
    port,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * Clients that do not percent-encode send raw bytes ≥ 0x80 in the URL (`message=été`). Apache,
 * in front of the real `http.php`, takes them (RFC 9112 "obs-text"); Node's parser refuses them
 * with no option to relax it. So the request is parsed again with those bytes percent-encoded,
 * which core/form.ts decodes as the raw bytes they stand for, and the connection is closed after
 * the answer. Only a request that came whole in the refused packet is replayed; others get 400.
 */
function replayEscaped(server: Server, socket: Duplex, packet: Buffer | undefined): boolean {
  if (!packet || !socket.writable || !/^[A-Z]+ \//.test(packet.toString('latin1', 0, 16)))
    return false
  const lineEnd = packet.indexOf('\r\n')
  const headEnd = packet.indexOf('\r\n\r\n')
  if (headEnd < 0 || !packet.subarray(0, lineEnd).some((b) => b >= 0x80)) return false
  const headers = packet.toString('latin1', lineEnd + 2, headEnd).split('\r\n')
  const body = packet.subarray(headEnd + 4)
  const length = headers
    .find((h) => /^content-length:/i.test(h))
    ?.replace(/^[^:]*:/, '')
    .trim()
  if (headers.some((h) => /^transfer-encoding:/i.test(h)) || Number(length ?? 0) !== body.length)
    return false
  let line = ''
  for (const b of packet.subarray(0, lineEnd))
    line += b >= 0x80 ? `%${b.toString(16).toUpperCase()}` : String.fromCharCode(b)
  const head = [line, ...headers.filter((h) => h && !/^connection:/i.test(h)), 'Connection: close']
  const relay = new Duplex({
    read() {},
    write: (chunk: Buffer, _encoding, callback) => void socket.write(chunk, callback),
    final: (callback) => void socket.end(callback),
    destroy: (error, callback) => {
      socket.destroy(error ?? undefined)
      callback(error)
    },
  })
  socket.once('close', () => relay.destroy())
  relay.push(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]))
  server.emit('connection', relay)
  return true
}

async function dispatch(
  sim: Simulator,
  control: (req: IncomingMessage, res: ServerResponse) => void,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const target = req.url ?? '/'
  if (Buffer.byteLength(target, 'latin1') > MAX_URL_BYTES) {
    return send(res, plain(414, 'URI Too Long'))
  }
  const q = target.indexOf('?')
  const path = q < 0 ? target : target.slice(0, q)
  if (path === '/' || path.startsWith('/_smsim')) return control(req, res)
  const host = hostName(req.headers.host)
  if (!sim.route(host, path)) {
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
  // A request that announces no body has none: not waiting for its end is a third of the hot path.
  const hasBody =
    req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined
  const body = hasBody ? await readBody(req) : EMPTY_BODY
  if (body === 'too-large') return send(res, plain(413, 'Payload Too Large'), true)
  const request: SimRequest = {
    method: req.method ?? 'GET',
    host,
    path,
    query: q < 0 ? '' : target.slice(q + 1),
    headers: req.headers as Record<string, string | undefined>,
    body,
  }
  const outcome = await sim.handleHttp(request)
  if (outcome.kind === 'drop') return void req.socket.destroy()
  if (outcome.kind === 'unrouted') return send(res, plain(404, 'Not Found'))
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

function readBody(req: IncomingMessage): Promise<Uint8Array | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) return Promise.resolve('too-large')
  return new Promise((resolve, reject) => {
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
    req.on('error', reject)
  })
}

function plain(status: number, text: string): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text }
}

const EMPTY_BODY = new Uint8Array(0)

function send(res: ServerResponse, response: SimResponse, close = false): void {
  const body = responseBytes(response)
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': String(body.byteLength),
    ...(close ? { connection: 'close' } : {}),
  })
  // A string goes out with the headers in one write; a Buffer would take a second (writev).
  res.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1'), 'latin1')
}
