/**
 * One HTTP/1.1 request written byte for byte on its own socket, for inputs no HTTP client
 * library will send: raw bytes ≥ 0x80 or spaces in the request line, repeated or malformed
 * headers, a Content-Length that lies. The answer is read until the server closes (every
 * request says `Connection: close`), so that nothing a case leaves on a connection reaches
 * the next one.
 *
 * @example
 * const answer = await sendHttp(port, { method: 'GET', target: '/smstob/http.php?email=a', headers: [], body: Buffer.alloc(0) })
 * answer.status // 200
 */
import { connect } from 'node:net'

/** A request as the fuzzer builds it; `target` and header strings are written one byte per char. */
export interface RawHttpRequest {
  method: string
  /** The request target as sent: each char below 0x100 is one byte. */
  target: string
  /** In order, repeats kept; `Host` is added when absent, `Content-Length` when there is a body. */
  headers: [string, string][]
  body: Buffer
}

export interface RawHttpAnswer {
  /** 0 when the server closed the connection without an answer. */
  status: number
  headers: Record<string, string>
  body: Buffer
  /** From the first byte written to the connection's close. */
  ms: number
}

/**
 * How long a case may take before the fuzzer calls it a hang. Far above any budget the
 * properties assert, so that a slow answer is reported with its duration rather than a timeout.
 */
export const HTTP_CASE_TIMEOUT_MS = 60_000

/** The bytes of `request`, as {@link sendHttp} writes them. */
export function requestBytes(request: RawHttpRequest, host: string): Buffer {
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()))
  const lines = [`${request.method} ${request.target} HTTP/1.1`]
  if (!names.has('host')) lines.push(`Host: ${host}`)
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`)
  if (request.body.length > 0 && !names.has('content-length') && !names.has('transfer-encoding'))
    lines.push(`Content-Length: ${request.body.length}`)
  if (!names.has('connection')) lines.push('Connection: close')
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), request.body])
}

/** Sends `request` to 127.0.0.1:`port` and reads the answer until the server closes. */
export function sendHttp(
  port: number,
  request: RawHttpRequest,
  timeoutMs = HTTP_CASE_TIMEOUT_MS,
): Promise<RawHttpAnswer> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    socket.setNoDelay(true)
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    // A server that refuses the request may reset the connection while we still write.
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ ...parseAnswer(Buffer.concat(chunks)), ms: performance.now() - started })
    })
    socket.end(requestBytes(request, `127.0.0.1:${port}`))
  })
}

function parseAnswer(bytes: Buffer): Omit<RawHttpAnswer, 'ms'> {
  const headEnd = bytes.indexOf('\r\n\r\n')
  if (headEnd < 0) return { status: 0, headers: {}, body: bytes }
  const [statusLine = '', ...lines] = bytes.toString('latin1', 0, headEnd).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body = bytes.subarray(headEnd + 4)
  const length = Number(headers['content-length'])
  if (Number.isInteger(length) && length < body.length) body = body.subarray(0, length)
  return { status: Number(statusLine.split(' ')[1] ?? 0), headers, body }
}
