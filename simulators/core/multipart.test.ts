import { describe, expect, it } from 'vitest'
import { MAX_MULTIPART_PARTS, multipartBoundary, parseMultipart } from './multipart.ts'

const body = (boundary: string, parts: string[]) =>
  Buffer.from(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`)

describe('multipart/form-data', () => {
  it('reads the boundary, quoted or not, and nothing from another type', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc')).toBe('----abc')
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b')
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeUndefined()
    expect(multipartBoundary('multipart/form-data')).toBeUndefined()
  })

  it('reads text fields as UTF-8, empty parts as empty values, the last repeat winning', () => {
    const fields = parseMultipart(
      body('b', [
        'Content-Disposition: form-data; name="message"\r\n\r\nCours annulé\r\nSTOP',
        'Content-Disposition: form-data; name="date"\r\n\r\n',
        'Content-Disposition: form-data; name="x"\r\n\r\n1',
        'Content-Disposition: form-data; name="x"\r\n\r\n2',
      ]),
      'b',
    )
    expect(Object.fromEntries(fields)).toEqual({
      message: 'Cours annulé\r\nSTOP',
      date: '',
      x: '2',
    })
  })

  it('skips files, honours a latin-1 charset, and stops at a truncated body without throwing', () => {
    const latin = Buffer.concat([
      Buffer.from(
        '--b\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\ndata\r\n--b\r\nContent-Disposition: form-data; name="t"\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\n',
      ),
      Buffer.from([0xe9]),
      Buffer.from('\r\n--b--\r\n'),
    ])
    expect(Object.fromEntries(parseMultipart(latin, 'b'))).toEqual({ t: 'é' })
    expect(
      parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'), 'b')
        .size,
    ).toBe(0)
    expect(parseMultipart(Buffer.from('garbage'), 'b').size).toBe(0)
  })

  it(`reads at most ${MAX_MULTIPART_PARTS} parts`, () => {
    const parts = Array.from(
      { length: MAX_MULTIPART_PARTS + 5 },
      (_, i) => `Content-Disposition: form-data; name="f${i}"\r\n\r\n${i}`,
    )
    expect(parseMultipart(body('b', parts), 'b').size).toBe(MAX_MULTIPART_PARTS)
  })
})
