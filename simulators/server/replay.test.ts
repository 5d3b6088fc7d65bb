import { describe, expect, it } from 'vitest'
import { headLength, nodeHeadCount, reencodeHead, requestStart } from './replay.ts'

const bytes = (text: string) => Buffer.from(text, 'latin1')

describe('requestStart', () => {
  it('finds a request at the start of the packet', () => {
    expect(requestStart(bytes('GET /a?m=\xe9 HTTP/1.1\r\n'), 9)).toBe(0)
  })

  it('finds a request after the end of the one before it in the packet', () => {
    const packet = bytes('GET / HTTP/1.1\r\nHost: a\r\n\r\nPOST /b?\xe9 HTTP/1.1\r\n')
    expect(requestStart(packet, packet.indexOf(0xe9))).toBe(27)
  })

  it('finds a request after the empty lines some clients send before it', () => {
    expect(requestStart(bytes('\r\n\nGET /\xe9 HTTP/1.1\r\n'), 8)).toBe(3)
  })

  it('gives -1 when the line began in an earlier packet', () => {
    expect(requestStart(bytes('\xe9 HTTP/1.1\r\n'), 0)).toBe(-1)
    expect(requestStart(bytes('bonjour\xe9 HTTP/1.1\r\n'), 7)).toBe(-1)
  })

  it('gives -1 for a line that is not a request to a path', () => {
    expect(requestStart(bytes('get /\xe9 HTTP/1.1'), 5)).toBe(-1)
    expect(requestStart(bytes('GET http://a/\xe9 HTTP/1.1'), 13)).toBe(-1)
  })
})

describe('headLength', () => {
  it('ends after the blank line, CRLF or bare LF', () => {
    expect(headLength(bytes('GET / HTTP/1.1\r\nHost: a\r\n\r\nbody'))).toBe(27)
    expect(headLength(bytes('GET / HTTP/1.1\nHost: a\n\nbody'))).toBe(24)
    expect(headLength(bytes('GET / HTTP/1.1\r\nHost: a\n\r\n'))).toBe(26)
  })

  it('gives -1 while the head is not whole', () => {
    expect(headLength(bytes('GET / HTTP/1.1\r\nHost: a\r\n'))).toBe(-1)
    expect(headLength(bytes('GET / HTTP/1.1\r\nHost: a\r\n\r'))).toBe(-1)
    expect(headLength(bytes(''))).toBe(-1)
  })
})

describe('nodeHeadCount', () => {
  it('counts the target and each name and value, not the method, version, colons or line ends', () => {
    expect(nodeHeadCount('GET /a HTTP/1.1\r\nHost: example\r\nX: 1\r\n\r\n')).toBe(
      2 + 4 + 7 + 1 + 1,
    )
  })

  it('skips the blanks before a value and counts those after it, as Node does', () => {
    expect(nodeHeadCount('GET / HTTP/1.1\r\nHost:   a  \r\n')).toBe(1 + 4 + 3)
  })

  it('counts a head not yet whole, its last line included', () => {
    expect(nodeHeadCount('GET /abc HTTP/1.1\r\nX-Lo')).toBe(4 + 4)
    expect(nodeHeadCount('GET /ab')).toBe(3)
  })

  it('counts raw bytes once each', () => {
    expect(nodeHeadCount('GET /?m=\xc3\xa9 HTTP/1.1\r\n')).toBe(6)
  })
})

describe('reencodeHead', () => {
  it('percent-encodes the raw bytes of the line, and closes the connection after the answer', () => {
    const result = reencodeHead(bytes('GET /?m=\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n'))
    expect(result.head.toString('latin1')).toBe(
      'GET /?m=%C3%A9 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    )
    expect(result).toMatchObject({ targetBytes: 6, count: 6 + 4 + 1 })
  })

  it('replaces the client’s Connection header, in any case', () => {
    const result = reencodeHead(
      bytes('GET /\xe9 HTTP/1.1\r\nCONNECTION : keep-alive\r\nHost: a\r\n\r\n'),
    )
    expect(result.head.toString('latin1')).toBe(
      'GET /%E9 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    )
  })

  it('keeps raw bytes in header values, which Node takes', () => {
    const result = reencodeHead(bytes('GET /\xe9 HTTP/1.1\nX-Name: \xe9t\xe9\n\n'))
    expect(result.head.toString('latin1')).toBe(
      'GET /%E9 HTTP/1.1\r\nX-Name: \xe9t\xe9\r\nConnection: close\r\n\r\n',
    )
  })

  it('keeps the head within three times its received count, plus the Connection header', () => {
    const target = `/?m=${'\xe9'.repeat(5000)}`
    const result = reencodeHead(bytes(`GET ${target} HTTP/1.1\r\nHost: a\r\n\r\n`))
    expect(nodeHeadCount(result.head.toString('latin1'))).toBeLessThanOrEqual(
      3 * result.count + 'Connectionclose'.length,
    )
  })
})
