/**
 * Raw UTF-8 bytes in the URL (a client that does not percent-encode) are read again with those
 * bytes percent-encoded — three bytes each — but the limits count the bytes the client sent:
 * 414 only for a target over MAX_URL_BYTES as received, 431 only for a head whose count (as
 * Node counts it) reaches MAX_HEADER_BYTES as received. And such a request is read whole when it
 * comes in several packets.
 *
 * @see simulators/server/replay.ts, simulators/server/limits.ts
 */
import { describe, expect, it } from 'vitest'
import { MAX_HEADER_BYTES, MAX_URL_BYTES } from '../../simulators/server/limits.ts'
import { ECOLE, useSmstob } from '../smstob/helpers.ts'
import { rawConnect } from '../support/raw-socket.ts'

/** How long the server may take to answer and close. */
const PROMPTLY_MS = 2_000

const PATH = '/smstob/http.php?'
const LOGIN = `email=${ECOLE.email}&pass=${ECOLE.pass}&numero=0660919010`

/**
 * `text` as UTF-8 bytes, one char per byte, spaces as `+`: how a client that does not
 * percent-encode writes it.
 */
const utf8 = (text: string) => Buffer.from(text.replaceAll(' ', '+'), 'utf8').toString('latin1')

/**
 * A target of exactly `bytes` bytes as sent, whose `message` is `text` in raw UTF-8, padded by a
 * `filler` parameter of raw two-, three- and four-byte characters (that smsim ignores).
 */
function rawTarget(text: string, bytes: number): string {
  const start = `${PATH}${LOGIN}&message=${utf8(text)}&filler=`
  let filler = ''
  for (const char of ['😀', '€', 'é']) {
    const one = utf8(char)
    while (start.length + filler.length + one.length <= bytes - 8) filler += one
  }
  return start + filler + 'x'.repeat(bytes - start.length - filler.length)
}

/** A head with `target`, whose count as Node makes it (target, names, values) is `count`. */
function headOfCount(target: string, count: number): string {
  const fixed = target.length + 'Host127.0.0.1ConnectioncloseX-Filler'.length
  return `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Filler: ${'v'.repeat(count - fixed)}\r\n\r\n`
}

const statusLine = (text: string) => text.slice(0, text.indexOf('\r\n'))
const body = (text: string) => text.slice(text.indexOf('\r\n\r\n') + 4)

describe('raw bytes in the URL, counted as received', () => {
  const smstob = useSmstob('standalone')
  const lastText = async () => (await smstob.messages()).at(-1)?.text

  /** Sends `pieces` on one connection, a moment apart, and returns what the server answered. */
  const exchange = async (...pieces: string[]) => {
    const connection = await rawConnect(smstob.origin)
    for (const [i, piece] of pieces.entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 30))
      await connection.write(piece)
    }
    return (await connection.serverEnd(PROMPTLY_MS)).text
  }

  describe('the 414 limit, on the target', () => {
    it(`answers a target of ${MAX_URL_BYTES} bytes of raw UTF-8 (three times that once encoded)`, async () => {
      const target = rawTarget('Un été à 20 €', MAX_URL_BYTES)
      expect(target).toHaveLength(MAX_URL_BYTES)
      const text = await exchange(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
      expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
      expect(body(text)).toBe('80')
      expect(await lastText()).toBe('Un été à 20 €')
    })

    it(`answers 414 to a target of ${MAX_URL_BYTES + 1} bytes of raw UTF-8`, async () => {
      const target = rawTarget('Un été à 20 €', MAX_URL_BYTES + 1)
      const text = await exchange(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
      expect(statusLine(text)).toBe('HTTP/1.1 414 URI Too Long')
      expect(body(text)).toBe('URI Too Long')
      expect(await smstob.messages()).toEqual([])
    })

    it('answers the 2,889-byte request line the issue reported as 414', async () => {
      const line = `GET ${rawTarget('Été', 2889 - 'GET  HTTP/1.1'.length)} HTTP/1.1`
      expect(line).toHaveLength(2889)
      const text = await exchange(`${line}\r\nHost: 127.0.0.1\r\n\r\n`)
      expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
    })
  })

  describe('the 431 limit, on the head', () => {
    const target = rawTarget('Déjà lu', 6000)

    it(`answers a head of raw UTF-8 whose count is ${MAX_HEADER_BYTES - 1}, as Node does an ASCII one`, async () => {
      const ascii = await exchange(
        headOfCount(`${PATH}${LOGIN}&message=ascii`, MAX_HEADER_BYTES - 1),
      )
      expect(statusLine(ascii)).toBe('HTTP/1.1 200 OK')
      const text = await exchange(headOfCount(target, MAX_HEADER_BYTES - 1))
      expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
      expect(await lastText()).toBe('Déjà lu')
    })

    it(`answers 431 to a head of raw UTF-8 whose count is ${MAX_HEADER_BYTES}, as Node does an ASCII one`, async () => {
      const ascii = await exchange(headOfCount(`${PATH}${LOGIN}&message=ascii`, MAX_HEADER_BYTES))
      expect(statusLine(ascii)).toBe('HTTP/1.1 431 Request Header Fields Too Large')
      const text = await exchange(headOfCount(target, MAX_HEADER_BYTES))
      expect(statusLine(text)).toBe('HTTP/1.1 431 Request Header Fields Too Large')
      expect(await smstob.messages()).toEqual([])
    })

    it('answers the 6,089-byte request line the issue reported as 431', async () => {
      const line = `GET ${rawTarget('Été', 6089 - 'GET  HTTP/1.1'.length)} HTTP/1.1`
      expect(line).toHaveLength(6089)
      const text = await exchange(`${line}\r\nHost: 127.0.0.1\r\n\r\n`)
      expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
    })

    it('answers 431 to a head of raw bytes that keeps growing in packets without ending', async () => {
      const connection = await rawConnect(smstob.origin)
      await connection.write(`GET ${PATH}${LOGIN}&message=${utf8('é')} HTTP/1.1\r\n`)
      for (let i = 0; i < 20; i++) await connection.write(`X-${i}: ${'v'.repeat(1000)}\r\n`)
      const { text } = await connection.serverEnd(PROMPTLY_MS)
      expect(statusLine(text)).toBe('HTTP/1.1 431 Request Header Fields Too Large')
    })
  })

  describe('a request that comes in several packets', () => {
    it('reads a request line split after its first raw byte, and the head in pieces', async () => {
      const line = `GET ${PATH}${LOGIN}&message=${utf8('Mañana à 8 h')} HTTP/1.1`
      // The first packet ends just after the `ñ` (two bytes): Node refuses that packet.
      const at = line.indexOf(utf8('ñ')) + 2
      const text = await exchange(
        line.slice(0, at),
        line.slice(at),
        '\r\nHost: 127.0.0.1\r\n',
        '\r\n',
      )
      expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
      expect(await lastText()).toBe('Mañana à 8 h')
    })

    it('reads a POST whose head and form body come in separate packets', async () => {
      const form = `message=${encodeURIComponent('Dès demain')}`
      const text = await exchange(
        `POST ${PATH}${LOGIN}&x=${utf8('é')} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${form.length}\r\n\r\n`,
        form.slice(0, 10),
        form.slice(10),
      )
      expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
      expect(await lastText()).toBe('Dès demain')
    })

    it('reads a chunked body after a head with raw bytes', async () => {
      const form = `message=${encodeURIComponent('En morceaux')}`
      const text = await exchange(
        `POST ${PATH}${LOGIN}&x=${utf8('é')} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          'Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n',
        `${form.length.toString(16)}\r\n${form}\r\n`,
        '0\r\n\r\n',
      )
      expect(statusLine(text)).toBe('HTTP/1.1 200 OK')
      expect(await lastText()).toBe('En morceaux')
    })

    it('answers 400 with the reason when the line was split before its first raw byte', async () => {
      const line = `GET ${PATH}${LOGIN}&message=${utf8('été')} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`
      const at = line.indexOf('message=') + 8
      const text = await exchange(line.slice(0, at), line.slice(at))
      expect(statusLine(text)).toBe('HTTP/1.1 400 Bad Request')
      expect(body(text)).toMatch(/raw bytes .* several packets; percent-encode the URL/)
      expect(await smstob.messages()).toEqual([])
    })

    it('answers a whole request first, then the pipelined one with raw bytes', async () => {
      const first = `GET ${PATH}${LOGIN}&message=Premier HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`
      const second = `GET ${PATH}${LOGIN}&message=${utf8('Deuxième')} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`
      const text = await exchange(first + second)
      expect(text.match(/HTTP\/1\.1 \d+/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200'])
      expect((await smstob.messages()).map((sms) => sms.text)).toEqual(['Premier', 'Deuxième'])
    })
  })
})
