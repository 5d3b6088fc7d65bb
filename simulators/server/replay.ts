/**
 * Requests with raw bytes ≥ 0x80 in their target (`message=été` from a client that does not
 * percent-encode). Apache, in front of the real `http.php`, takes them (RFC 9112 "obs-text");
 * Node's parser refuses them (`HPE_INVALID_URL`) with no option to relax it. So smsim reads
 * the request's bytes as they come, percent-encodes those bytes in the request line — which
 * core/form.ts decodes as the raw bytes they stand for — and has a second parser, one that
 * never listens, read the result. The connection is closed after the answer.
 *
 * The limits are those of the bytes received: a raw `é` is two bytes, not the six of `%C3%A9`,
 * for the 414 and the 431 alike (limits.ts); the second parser is given room for the
 * re-encoded head.
 *
 * A request may come in several packets. Node hands over each packet that follows the refused
 * one as another parse error (its parser stays in error), so the head is gathered from them
 * until it is whole and the rest is passed on as it comes; Node's request timeout still runs
 * meanwhile. A request line whose first packets Node had already parsed before the raw byte
 * cannot be read again — those bytes are gone — and is answered 400 with a reason.
 */
import { Duplex } from 'node:stream'
import { MAX_BODY_BYTES, MAX_HEADER_BYTES } from './limits.ts'

/**
 * Node's `maxHeaderSize` for the second parser. The head it reads is the one received — whose
 * count is under {@link MAX_HEADER_BYTES}, or it is refused first — with the target's raw
 * bytes each written as three, and `Connection: close`: at most three times as much, plus a
 * few bytes. Four times leaves room and no more.
 */
export const REPLAY_MAX_HEADER_BYTES = 4 * MAX_HEADER_BYTES

/**
 * Most bytes a request being replayed may hold in memory before it is passed on: its head
 * (whose raw bytes may be four times its count, when it is mostly line ends and colons: 431
 * beyond {@link REPLAY_MAX_HEADER_BYTES}) and, while an answer to an earlier request on the
 * connection is still being written, its body (413 beyond).
 */
export const MAX_REPLAY_BUFFER_BYTES = 4 * MAX_HEADER_BYTES + MAX_BODY_BYTES

/** What a request whose target has raw bytes became, once its head is whole. */
export interface ReencodedHead {
  /** The head to parse again: raw bytes of the request line percent-encoded, `Connection: close`. */
  head: Buffer
  /** The request target's length in bytes as received. */
  targetBytes: number
  /** The head's size as Node counts it, as received (see {@link nodeHeadCount}). */
  count: number
}

const REQUEST_LINE = /^[A-Z]+ \//

/**
 * Where, in `packet`, the request whose target holds the refused byte at `at` begins; -1 when
 * its line began in an earlier packet, whose bytes Node's parser has taken.
 *
 * @example
 * requestStart(Buffer.from('GET /a?m=\xe9 HTTP/1.1\r\n', 'latin1'), 9) // 0
 * requestStart(Buffer.from('\xe9 HTTP/1.1\r\n', 'latin1'), 0) // -1
 */
export function requestStart(packet: Buffer, at: number): number {
  const lineBreak = packet.lastIndexOf(0x0a, at)
  const start = lineBreak + 1
  return REQUEST_LINE.test(packet.toString('latin1', start, Math.min(at, start + 16))) ? start : -1
}

/**
 * The length of the head at the start of `bytes`, blank line included (CRLF or bare LF line
 * ends, as Node's parser takes both); -1 while it is not whole. The search starts at `from`.
 *
 * @example
 * headLength(Buffer.from('GET / HTTP/1.1\r\nHost: a\r\n\r\nbody')) // 27
 */
export function headLength(bytes: Buffer, from = 0): number {
  for (let i = bytes.indexOf(0x0a, from); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
    const next = bytes[i + 1] === 0x0d ? i + 2 : i + 1
    if (bytes[next] === 0x0a) return next + 1
  }
  return -1
}

/**
 * A head's size as Node counts it against `maxHeaderSize`: the request target, and each
 * header's name and value (from its first non-blank byte to the line end); not the method,
 * the version, the colons or the line ends. Works on a head not yet whole, too.
 *
 * @example
 * nodeHeadCount('GET /a HTTP/1.1\r\nHost:  example\r\n') // 2 + 4 + 7
 */
export function nodeHeadCount(head: string): number {
  const lines = head.split(/\r?\n/)
  let count = targetOf(lines[0] ?? '').length
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    count += colon < 0 ? line.length : colon + line.slice(colon + 1).replace(/^[ \t]+/, '').length
  }
  return count
}

/** The target of a request line: between the first space and the last one (before the version). */
function targetOf(line: string): string {
  const first = line.indexOf(' ')
  const last = line.lastIndexOf(' ')
  return first < 0 ? '' : last > first ? line.slice(first + 1, last) : line.slice(first + 1)
}

/**
 * The head to parse again, from the head as received (`head`, blank line included): bytes
 * ≥ 0x80 of the request line percent-encoded, any `Connection` header replaced by
 * `Connection: close`.
 *
 * @example
 * reencodeHead(Buffer.from('GET /?m=\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n', 'latin1')).head.toString()
 * // 'GET /?m=%C3%A9 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'
 */
export function reencodeHead(head: Buffer): ReencodedHead {
  const text = head.toString('latin1')
  const lines = text.split(/\r?\n/).filter((line) => line !== '')
  const requestLine = lines[0] ?? ''
  let line = ''
  for (let i = 0; i < requestLine.length; i++) {
    const code = requestLine.charCodeAt(i)
    line += code >= 0x80 ? `%${code.toString(16).toUpperCase()}` : requestLine[i]
  }
  const headers = lines.slice(1).filter((h) => !/^connection[ \t]*:/i.test(h))
  return {
    head: Buffer.from([line, ...headers, 'Connection: close', '', ''].join('\r\n'), 'latin1'),
    targetBytes: targetOf(requestLine).length,
    count: nodeHeadCount(text),
  }
}

/** What the HTTP server gives a replay: how to answer and close, and where to parse again. */
export interface ReplayHost {
  /** Calls `then` once every answer already due on `socket` has been written. */
  afterPending(socket: Duplex, then: () => void): void
  /** Answers `status` and closes. */
  refuse(socket: Duplex, status: string): void
  /** Hands `relay`, which carries the re-encoded request, to the second parser. */
  parse(relay: Duplex, received: ReencodedHead): void
  /** Whether the second parser has read the request on `relay` whole. */
  complete(relay: Duplex): boolean
  /** The server's `requestTimeout`: how long the whole request may take. */
  requestTimeoutMs: number
}

/**
 * One request being replayed: gathers its head from the packets that come, then passes it
 * re-encoded, and the rest as it comes, to the second parser through a relay stream whose
 * answer goes back on the client's socket.
 *
 * @example
 * // in the server's clientError handler, on the first HPE_INVALID_URL of a socket:
 * const replay = new Replay(socket, error.rawPacket.subarray(start), host)
 * // and on the next ones (Node's parser refuses every later packet too):
 * replay.receive(error.rawPacket)
 */
export class Replay {
  #socket: Duplex
  #host: ReplayHost
  /** What came of the request and is not passed on yet, and its size. */
  #chunks: Buffer[] = []
  #size = 0
  /** How far the search for the head's end has gone, and the size when the head was last counted. */
  #searched = 0
  #counted = 0
  #head: { length: number; reencoded: ReencodedHead } | undefined
  #relay: Duplex | undefined
  #done = false
  readonly #started = performance.now()

  constructor(socket: Duplex, first: Buffer, host: ReplayHost) {
    this.#socket = socket
    this.#host = host
    this.receive(first)
  }

  /** More of the request: a packet Node's parser refused after the first one. */
  receive(packet: Buffer): void {
    if (this.#done) return
    if (this.#relay) return void this.#relay.push(packet)
    this.#chunks.push(packet)
    this.#size += packet.length
    this.#take()
  }

  /**
   * Node's timeout on the client's socket: its parser never saw this request's head end, so
   * it is the headers timeout that fired. Right if the head is still not whole; otherwise the
   * request has until the request timeout, and is answered 408 then unless it is whole.
   */
  timedOut(): void {
    if (this.#done) return
    if (!this.#head) return this.#stop('408 Request Timeout')
    const left = this.#started + this.#host.requestTimeoutMs - performance.now()
    if (left <= 0) return this.#expire()
    setTimeout(() => this.#expire(), left).unref()
  }

  /**
   * The client has ended its side: the second parser sees the end of what it sent. (Node has
   * ended the server's side already, as it does for any client that half-closes.)
   */
  ended(): void {
    if (this.#relay) this.#relay.push(null)
    else this.#done = true
  }

  #take(): void {
    if (this.#head) {
      // Held while an earlier answer is written: the body may not grow without bound.
      if (this.#size > MAX_REPLAY_BUFFER_BYTES) this.#stop('413 Payload Too Large')
      return
    }
    const bytes = this.#bytes()
    // The blank line may have begun in the previous packet: search from 3 bytes before.
    const length = headLength(bytes, Math.max(0, this.#searched - 3))
    this.#searched = bytes.length
    if (length < 0) {
      // Counting walks the whole head: only once it may be over, and once per KiB it grows.
      if (bytes.length > REPLAY_MAX_HEADER_BYTES) this.#stop('431 Request Header Fields Too Large')
      else if (bytes.length >= MAX_HEADER_BYTES && bytes.length - this.#counted >= 1024) {
        this.#counted = bytes.length
        if (nodeHeadCount(bytes.toString('latin1')) >= MAX_HEADER_BYTES)
          this.#stop('431 Request Header Fields Too Large')
      }
      return
    }
    const reencoded = reencodeHead(bytes.subarray(0, length))
    if (reencoded.count >= MAX_HEADER_BYTES)
      return this.#stop('431 Request Header Fields Too Large')
    this.#head = { length, reencoded }
    // A pipelined request's answer goes after the answers due before it.
    this.#host.afterPending(this.#socket, () => this.#pass())
  }

  /** Everything received and not passed on, in one buffer. */
  #bytes(): Buffer {
    if (this.#chunks.length > 1) this.#chunks = [Buffer.concat(this.#chunks)]
    return this.#chunks[0] ?? Buffer.alloc(0)
  }

  #pass(): void {
    if (this.#done || !this.#head || !this.#socket.writable) return
    const relay = new ReplayRelay(this.#socket)
    this.#socket.once('close', () => relay.destroy())
    relay.push(
      Buffer.concat([this.#head.reencoded.head, this.#bytes().subarray(this.#head.length)]),
    )
    this.#chunks = []
    this.#relay = relay
    this.#host.parse(relay, this.#head.reencoded)
  }

  #expire(): void {
    if (this.#done) return
    if (!this.#relay || !this.#host.complete(this.#relay)) this.#stop('408 Request Timeout')
  }

  #stop(status: string): void {
    this.#done = true
    this.#chunks = []
    // Closing the socket closes the relay too (see #pass).
    this.#host.refuse(this.#socket, status)
  }
}

/**
 * The stream the second parser reads the re-encoded request from and writes its answer to:
 * what it writes goes to the client's socket, and closing it closes that socket.
 */
class ReplayRelay extends Duplex {
  #socket: Duplex
  constructor(socket: Duplex) {
    super()
    this.#socket = socket
  }
  override _read(): void {}
  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    this.#socket.write(chunk, callback)
  }
  override _final(callback: (error?: Error | null) => void): void {
    this.#socket.end(callback)
  }
  /**
   * What Node's server calls after the last answer (`Connection: close`), as on a real socket:
   * end, then let go of the client's socket once the answer is out, even if the client never
   * closes its side.
   */
  destroySoon(): void {
    this.end()
    this.once('finish', () => this.destroy())
  }
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#socket.destroy(error ?? undefined)
    callback(error)
  }
}
