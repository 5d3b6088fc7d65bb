/**
 * The HTTPS listener of `--tls` (ADR 020): TLS connections decrypted and handed to the one HTTP
 * server of http-server.ts, which parses, limits and dispatches them as it does plain ones.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls'
import { PortInUseError, SmsimError } from '../core/errors.ts'

/** The TLS connections open on each HTTPS listener, to end them at close. */
const tlsSockets = new WeakMap<TlsServer, Set<TLSSocket>>()

/**
 * The HTTPS side: a TLS listener whose decrypted connections are handed to `http`, so that
 * every request is parsed, limited and dispatched by the one HTTP server (the same limits, the
 * same answers). A client that does not trust the certificate fails its handshake; nothing is
 * logged of it (`tlsClientError`): that is the client's configuration, not smsim's failure.
 */
export async function listenTls(
  http: Server,
  host: string,
  tls: { port: number; cert: string; key: string },
  limits: { headersTimeoutMs: number; maxConnections: number },
): Promise<{ server: TlsServer; port: number }> {
  const sockets = new Set<TLSSocket>()
  const server = createTlsServer({
    cert: tls.cert,
    key: tls.key,
    ALPNProtocols: ['http/1.1'],
    // The handshake comes before the head: bounded as the head is (Node's default is 120 s),
    // so that a client that never finishes it cannot hold one of the connections for long.
    handshakeTimeout: limits.headersTimeoutMs,
  })
  tlsSockets.set(server, sockets)
  server.maxConnections = limits.maxConnections
  server.on('secureConnection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
    http.emit('connection', socket)
  })
  server.on('tlsClientError', (_error, socket) => socket.destroy())
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(host, tls.port, error)
          : new SmsimError('SMSIM_LISTEN', error.message, { cause: error }),
      ),
    )
    server.listen(tls.port, host, () => resolve())
  })
  return { server, port: (server.address() as AddressInfo).port }
}

/** Stops listening and ends the TLS connections still open. */
export function closeTls(server: TlsServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    for (const socket of tlsSockets.get(server) ?? []) socket.destroy()
  })
}
