import { describe, expect, it } from 'vitest'
import { isMultipart, readMultipart } from './multipart.ts'

/** A boundary as curl, PHP and Guzzle make them (long and random: see readMultipart's note). */
const BOUNDARY = '------------------------d74496d66958873e'
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`
const body = (parts: string[]) =>
  Buffer.from(`${parts.map((p) => `--${BOUNDARY}\r\n${p}\r\n`).join('')}--${BOUNDARY}--\r\n`)

describe('multipart/form-data', () => {
  it('knows a multipart Content-Type with a boundary, quoted or not, and nothing else', () => {
    expect(isMultipart('multipart/form-data; boundary=----abc')).toBe(true)
    expect(isMultipart('Multipart/Form-Data; boundary="a b"')).toBe(true)
    expect(isMultipart('application/x-www-form-urlencoded')).toBe(false)
    expect(isMultipart('multipart/form-data')).toBe(false)
    expect(isMultipart(undefined)).toBe(false)
  })

  it('reads text fields as UTF-8, empty parts as empty values, the last repeat winning', async () => {
    const fields = await readMultipart(
      body([
        'Content-Disposition: form-data; name="message"\r\n\r\nCours annulé\r\nSTOP',
        'Content-Disposition: form-data; name="date"\r\n\r\n',
        'Content-Disposition: form-data; name="x"\r\n\r\n1',
        'Content-Disposition: form-data; name="x"\r\n\r\n2',
      ]),
      TYPE,
    )
    expect(Object.fromEntries(fields)).toEqual({
      message: 'Cours annulé\r\nSTOP',
      date: '',
      x: '2',
    })
  })

  it('skips files, and reads nothing from a truncated or foreign body, without rejecting', async () => {
    const withFile = body([
      'Content-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\ndata',
      'Content-Disposition: form-data; name="t"\r\n\r\nbonjour',
    ])
    expect(Object.fromEntries(await readMultipart(withFile, TYPE))).toEqual({ t: 'bonjour' })
    const truncated = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nx`,
    )
    expect((await readMultipart(truncated, TYPE)).size).toBe(0)
    expect((await readMultipart(Buffer.from('garbage'), TYPE)).size).toBe(0)
  })
})
