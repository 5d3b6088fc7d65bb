/**
 * The HTTP side lets go of every connection a client abandons or drags out: a body cut short
 * by a half-close, a body or a head that never arrives, a client that resets, an idle
 * keep-alive connection; and it takes no more connections at once than its cap. Each test
 * drives a raw socket and checks both ends: what the client got and when the server ended its
 * side, and that the server's own socket is closed (the leak was server sockets kept in
 * CLOSE-WAIT for ever, until no descriptor was left for HTTP or SMTP).
 *
 * Timeouts are real time by nature: they are lowered through `httpLimits`, and the assertions
 * take generous upper bounds.
 *
 * @see simulators/server/limits.ts, simulators/server/http-server.ts
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { HttpLimits } from '../../simulators/server/http-server.ts'
import { expectNothingLogged, recordingLogger } from '../support/logger.ts'
import { rawHttp } from '../support/raw-http.ts'
import { rawConnect, trackServerSockets, type RawConnection } from '../support/raw-socket.ts'
import { useTestSmsim } from '../support/smsim.ts'

/** How long the server may take to let go of a connection it should drop at once. */
const PROMPTLY_MS = 2_000

/** A provider endpoint and a control API route, each with a body a client may cut short. */
const PATHS = [
  {
    name: 'a provider endpoint',
    head: (length: number) =>
      'POST /smstob/http.php HTTP/1.1\r\nHost: www.smstob.com\r\n' +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`,
    part: 'email=abc',
  },
  {
    name: 'the control API',
    head: (length: number) =>
      'POST /_smsim/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
      `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`,
    part: '{"provid',
  },
] as const

const statusLine = (text: string) => text.slice(0, text.indexOf('\r\n'))

describe('connections a client abandons, at the default limits', () => {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger })
  afterEach(() => expectNothingLogged(logger))

  const healthy = async () =>
    expect((await rawHttp(smsim().url, { path: '/_smsim/health' })).status).toBe(200)

  describe.each(PATHS)('on $name', ({ head, part }) => {
    it('answers 400 and closes when the client half-closes before its body is whole', async () => {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      connection.end(head(50) + part)
      const { text } = await connection.serverEnd(PROMPTLY_MS)
      expect(statusLine(text)).toBe('HTTP/1.1 400 Bad Request')
      await server.closed(connection.port, PROMPTLY_MS)
      server.stop()
      await healthy()
    })

    it('closes when the client resets the connection in the middle of its body', async () => {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      await connection.write(head(50) + part)
      // Give the server the head before the reset, so that a request is in progress.
      await new Promise((resolve) => setTimeout(resolve, 50))
      connection.socket.resetAndDestroy()
      await server.closed(connection.port, PROMPTLY_MS)
      server.stop()
      await healthy()
    })

    it('answers a whole request, then 400 to the next one cut short, and closes', async () => {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      const whole = head(0)
        .replace('POST', 'GET')
        .replace(/Content-Type.*\r\n/, '')
      connection.end(whole + head(50) + part)
      const { text } = await connection.serverEnd(PROMPTLY_MS)
      expect(statusLine(text)).toMatch(/^HTTP\/1\.1 (200|404|405) /)
      expect(text.slice(text.lastIndexOf('HTTP/1.1'))).toMatch(/^HTTP\/1\.1 400 Bad Request/)
      await server.closed(connection.port, PROMPTLY_MS)
      server.stop()
    })
  })

  // Node's server ends its side as soon as a client half-closes (it does not keep half-open
  // connections), so an answer that is not ready yet is not written: the socket must still go.
  it('closes a connection that half-closes after a whole request still being answered', async () => {
    await smsim().control.put('/faults/smstob', { latencyMs: 100 })
    try {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      connection.end('GET /smstob/http.php?email=x HTTP/1.1\r\nHost: www.smstob.com\r\n\r\n')
      await connection.serverEnd(PROMPTLY_MS)
      await server.closed(connection.port, PROMPTLY_MS)
      server.stop()
    } finally {
      await smsim().control.delete('/faults/smstob')
    }
  })
})

/** Small timeouts, checked often, so that tests reach them in a fraction of a second. */
const LIMITS: Partial<HttpLimits> = {
  headersTimeoutMs: 300,
  requestTimeoutMs: 600,
  timeoutCheckIntervalMs: 25,
  keepAliveTimeoutMs: 100,
}

describe('timeouts (lowered to hundreds of milliseconds)', () => {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger, httpLimits: LIMITS })
  afterEach(() => expectNothingLogged(logger))

  /** Waits for the server to end `connection`, and checks when it did and that its socket went. */
  const cutOff = async (
    connection: RawConnection,
    server: ReturnType<typeof trackServerSockets>,
    limitMs: number,
  ) => {
    const { text, afterMs } = await connection.serverEnd(limitMs + PROMPTLY_MS)
    expect(afterMs).toBeGreaterThanOrEqual(limitMs * 0.9)
    await server.closed(connection.port, PROMPTLY_MS)
    server.stop()
    return text
  }

  describe.each(PATHS)('on $name', ({ head, part }) => {
    it('answers 408 and closes when the body never arrives (requestTimeout)', async () => {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      await connection.write(head(50) + part)
      const text = await cutOff(connection, server, LIMITS.requestTimeoutMs!)
      expect(statusLine(text)).toBe('HTTP/1.1 408 Request Timeout')
    })

    it('answers 408 and closes when the head never ends (headersTimeout)', async () => {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      await connection.write(head(50).slice(0, 40))
      const text = await cutOff(connection, server, LIMITS.headersTimeoutMs!)
      expect(statusLine(text)).toBe('HTTP/1.1 408 Request Timeout')
    })
  })

  describe('with raw bytes in the URL (a request smsim parses again, see replay.ts)', () => {
    const head = (length: number) =>
      'POST /smstob/http.php?email=a&x=\xc3\xa9 HTTP/1.1\r\nHost: www.smstob.com\r\n' +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`

    it('answers 408 and closes when the head never ends (headersTimeout)', async () => {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      await connection.write(head(50).slice(0, 60))
      const text = await cutOff(connection, server, LIMITS.headersTimeoutMs!)
      expect(statusLine(text)).toBe('HTTP/1.1 408 Request Timeout')
    })

    it('answers 408 and closes when the body never arrives (requestTimeout)', async () => {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      await connection.write(head(50) + 'numero=06')
      const text = await cutOff(connection, server, LIMITS.requestTimeoutMs!)
      expect(statusLine(text)).toBe('HTTP/1.1 408 Request Timeout')
    })

    it('answers a body that comes after headersTimeout but within requestTimeout', async () => {
      const server = trackServerSockets(smsim().http.server)
      const connection = await rawConnect(smsim().url)
      await connection.write(head(9))
      await new Promise((resolve) =>
        setTimeout(resolve, (LIMITS.headersTimeoutMs! + LIMITS.requestTimeoutMs!) / 2),
      )
      await connection.write('numero=06')
      const { text } = await connection.serverEnd(PROMPTLY_MS)
      expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
      await server.closed(connection.port, PROMPTLY_MS)
      server.stop()
    })
  })

  it('closes a connection that sends nothing at all, after headersTimeout', async () => {
    const server = trackServerSockets(smsim().http.server)
    const connection = await rawConnect(smsim().url)
    await cutOff(connection, server, LIMITS.headersTimeoutMs!)
  })

  it('closes an idle keep-alive connection after keepAliveTimeout (Node adds 1 s)', async () => {
    const server = trackServerSockets(smsim().http.server)
    const connection = await rawConnect(smsim().url)
    await connection.write('GET /_smsim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    const text = await cutOff(connection, server, LIMITS.keepAliveTimeoutMs!)
    expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
  })
})

describe('the cap on connections at once (lowered to 3)', () => {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger, httpLimits: { maxConnections: 3 } })
  afterEach(() => expectNothingLogged(logger))

  it('closes connections beyond the cap at once, and serves again when one goes', async () => {
    const held = await Promise.all([1, 2, 3].map(() => rawConnect(smsim().url)))
    // Let the server accept the three before the fourth comes.
    await new Promise((resolve) => setTimeout(resolve, 50))
    const refused = await rawConnect(smsim().url)
    await refused.write('GET /_smsim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n').catch(() => {})
    expect((await refused.serverEnd(PROMPTLY_MS)).text).toBe('')
    held[0]!.socket.destroy()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect((await rawHttp(smsim().url, { path: '/_smsim/health' })).status).toBe(200)
    for (const connection of held) connection.socket.destroy()
  })
})
