/**
 * `http.php` is served under smsim's prefix (`/smstob/http.php`, any host) and at its real path
 * (`/http.php`) when the request names SMStoB's real host, so that an application needs to
 * change only its base URL, or nothing but a hosts entry. Host names compare without case and
 * without port, as DNS names do; paths keep their case, as on Apache.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "Url : http://www.SMStoB.com/http.php?…"
 * @see shared/research/french-providers.md — §A, the host written `SMStoB.com` by real callers
 */
import { describe, expect, it } from 'vitest'
import { encodeFields, rawHttp, SEND, useSmstob } from './helpers.ts'

describe('host routing on the standalone server', () => {
  const smstob = useSmstob('standalone')
  /** A good send at `path`, naming `host` (or the server's own address). */
  const request = (path: string, host?: string) =>
    rawHttp(smstob.origin, { path: `${path}?${encodeFields(SEND)}`, headers: host ? { host } : {} })

  it.each([
    ['/smstob/http.php', 'the server’s own address', undefined],
    ['/http.php', 'www.smstob.com', 'www.smstob.com'],
    ['/http.php', 'smstob.com', 'smstob.com'],
    ['/http.php', 'SMStoB.com:8780, as real callers write it, with a port', 'SMStoB.com:8780'],
    ['/http.php', 'WWW.SMSTOB.COM', 'WWW.SMSTOB.COM'],
    ['/smstob/http.php', 'www.smstob.com', 'www.smstob.com'],
  ])('answers 80 at %s with Host %s', async (path, _hostText, host) => {
    expect(await request(path, host)).toMatchObject({ status: 200, body: '80' })
    expect(await smstob.messages()).toHaveLength(1)
  })

  it('answers 404 at /http.php for a host that is not SMStoB’s, and says where to look', async () => {
    const response = await request('/http.php', '127.0.0.1')
    expect(response.status).toBe(404)
    expect(response.body).toMatchInlineSnapshot(
      `"Not Found: no provider endpoint at /http.php (see GET /_smsim/providers)"`,
    )
  })

  it.each(['/HTTP.PHP', '/Http.php', '/nothing.php', '/smstob/http.php/'])(
    'answers a plain 404 at %s on SMStoB’s host',
    async (path) => {
      const response = await request(path, 'www.smstob.com')
      expect(response).toMatchObject({ status: 404, body: 'Not Found' })
    },
  )

  it('answers 404 at the prefix of a provider smsim does not have', async () => {
    expect((await request('/smstobe/http.php')).status).toBe(404)
  })
})

describe('host routing through msw in-process', () => {
  const smstob = useSmstob('msw')

  it.each([
    'http://www.smstob.com/http.php',
    'https://www.smstob.com/http.php',
    'http://SMStoB.com:8780/http.php',
    'https://SMSTOB.COM/http.php',
  ])('answers 80 at %s', async (url) => {
    expect(await (await fetch(`${url}?${encodeFields(SEND)}`)).text()).toBe('80')
    expect(await smstob.messages()).toHaveLength(1)
  })

  it('answers 404 at a path of SMStoB’s host that does not exist', async () => {
    expect((await fetch('http://www.smstob.com/HTTP.PHP')).status).toBe(404)
  })
})
