/**
 * A raw TCP connection to smsim's HTTP side, for what no HTTP client does on purpose: stop
 * half-way through a request, half-close, stay silent, send a request line in several packets.
 * It records what the server sends and when the server ends its side; {@link trackServerSockets}
 * tells whether the server's own socket is gone (closed, not left in CLOSE-WAIT).
 *
 * @example
 * const server = trackServerSockets(smsim.http.server)
 * const connection = await rawConnect(smsim.url)
 * connection.end('POST /smstob/http.php HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nemail=abc')
 * expect((await connection.serverEnd(2000)).text).toMatch(/^HTTP\/1\.1 400/)
 * await server.closed(connection.port, 2000)
 */
import type { Server } from 'node:http'
import { connect, type Socket } from 'node:net'

export interface RawConnection {
  socket: Socket
  /** The client's own port: the server's socket for this connection is known by it. */
  port: number
  /** Writes bytes; a string is written as latin1 (one char, one byte). */
  write(bytes: string | Buffer): Promise<void>
  /** Writes `bytes`, if any, then half-closes (FIN): the client says it will send no more. */
  end(bytes?: string | Buffer): void
  /**
   * Resolves once the server has ended its side (FIN, or a reset): what it sent, and how long
   * after the connection opened. Rejects if that has not happened within `withinMs`.
   */
  serverEnd(withinMs: number): Promise<{ text: string; afterMs: number }>
}

const asBuffer = (bytes: string | Buffer) =>
  typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes

/** Opens a TCP connection to the HTTP server at `baseUrl` (an `http://host:port` URL). */
export async function rawConnect(baseUrl: string): Promise<RawConnection> {
  const { hostname, port } = new URL(baseUrl)
  const opened = performance.now()
  const socket = connect(Number(port), hostname)
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<{ text: string; afterMs: number }>((resolve) => {
    const done = () =>
      resolve({
        text: Buffer.concat(chunks).toString('latin1'),
        afterMs: performance.now() - opened,
      })
    socket.once('end', done)
    socket.once('close', done)
    // A reset is an end too, for these tests: the server let go of the connection.
    socket.on('error', () => {})
  })
  return {
    socket,
    port: socket.localPort ?? 0,
    write: (bytes) =>
      new Promise((resolve, reject) =>
        socket.write(asBuffer(bytes), (error) => (error ? reject(error) : resolve())),
      ),
    end: (bytes) => void (bytes === undefined ? socket.end() : socket.end(asBuffer(bytes))),
    serverEnd: (withinMs) => {
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `the server had not ended the connection ${withinMs} ms later; it sent ${JSON.stringify(Buffer.concat(chunks).toString('latin1'))}`,
              ),
            ),
          withinMs,
        )
      })
      return Promise.race([ended, late]).finally(() => clearTimeout(timer))
    },
  }
}

/** The server's sockets, by the port of the client at the other end. */
export interface ServerSockets {
  /** Resolves once the server's socket for the client on `clientPort` is closed; rejects after `withinMs`. */
  closed(clientPort: number, withinMs: number): Promise<void>
  /** Stops recording. */
  stop(): void
}

/**
 * Records every socket `server` accepts from now on, so that a test can check that the server
 * closed its own side: a socket the client closed but the server kept is the CLOSE-WAIT leak.
 */
export function trackServerSockets(server: Server): ServerSockets {
  const sockets = new Map<number, Socket>()
  const record = (socket: Socket) => void sockets.set(socket.remotePort ?? 0, socket)
  server.on('connection', record)
  return {
    async closed(clientPort, withinMs) {
      const started = performance.now()
      // The 'connection' event may come a moment after the client's 'connect'.
      while (!sockets.has(clientPort) && performance.now() - started < withinMs)
        await new Promise((resolve) => setTimeout(resolve, 5))
      const socket = sockets.get(clientPort)
      if (!socket) throw new Error(`the server never accepted the client on port ${clientPort}`)
      if (socket.closed) return
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        new Promise((resolve) => socket.once('close', resolve)),
        new Promise((_resolve, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new Error(`the server's socket for port ${clientPort} is still open (CLOSE-WAIT)`),
              ),
            withinMs - (performance.now() - started),
          )
        }),
      ]).finally(() => clearTimeout(timer))
    },
    stop: () => void server.off('connection', record),
  }
}
