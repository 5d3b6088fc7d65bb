/**
 * The requests real allmysms HTTP API 9.0 clients put on the wire (french-http-clients.md, and
 * research B.1.1 for the clients that could not be run), kept as fixtures in
 * simulators/allmysms/fixtures/http/, replayed byte for byte to a started smsim — multipart
 * with curl's boundary, RFC 1738 urlencoded, a GET with raw XML in the query — and each answer
 * read the way that client reads it.
 *
 * @see shared/research/french-http-clients.md — "allmysms HTTP API 9.0", "What each client needs back"
 */
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fixture } from './helpers.ts'
import { rawHttp } from '../support/raw-http.ts'
import { useAllmysmsHttp } from './http-helpers.ts'

interface ClientFixture {
  client: string
  source: string
  method: 'GET' | 'POST'
  path: string
  encoding: 'multipart' | 'urlencoded' | 'query-raw'
  headers?: Record<string, string>
  boundary?: string
  fields: [string, string][]
  reads: string
  expect: { path: string; equals?: unknown; type?: string }[]
  httpStatus?: number
  sms?: { to: string; text?: string; from?: string }[]
}

const DIR = new URL('../../simulators/allmysms/fixtures/http/', import.meta.url)
const NAMES = readdirSync(DIR).filter((n) => n.endsWith('.json'))

const load = (name: string) => JSON.parse(fixture(`http/${name}`).toString('utf8')) as ClientFixture

/** PHP's `http_build_query` / Guzzle's form encoding: RFC 1738, space as `+`. */
const rfc1738 = (text: string) =>
  encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** The request's path and bytes, as the client writes them. */
function wire(f: ClientFixture): { path: string; headers: Record<string, string>; body?: Buffer } {
  const base = '/allmysms/http/9.0'
  if (f.encoding === 'query-raw')
    return {
      path: `${base}${f.path}?${f.fields.map(([n, v]) => `${n}=${v}`).join('&')}`,
      headers: f.headers ?? {},
    }
  if (f.encoding === 'urlencoded') {
    const body = Buffer.from(f.fields.map(([n, v]) => `${rfc1738(n)}=${rfc1738(v)}`).join('&'))
    return { path: `${base}${f.path}`, headers: { ...f.headers }, body }
  }
  const boundary = f.boundary!
  const parts = f.fields.map(
    ([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`,
  )
  const body = Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8')
  return {
    path: `${base}${f.path}`,
    headers: { ...f.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  }
}

/** `a.0.b` in a parsed answer; `length` of a list. */
function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, key) => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key]),
      value,
    )
}

describe('real allmysms HTTP clients replayed against a started smsim', () => {
  const ams = useAllmysmsHttp()

  it('has a fixture for each client french-http-clients.md and research B.1.1 record', () => {
    expect(NAMES).toEqual(
      expect.arrayContaining([
        'davaxi-sendSms.json',
        'davaxi-simple.json',
        'davaxi-getInfo.json',
        'davaxi-getAcks.json',
        'davaxi-getAckBySmsId.json',
        'laravel-channel.json',
        'numesia-laravel.json',
        'esup-sendSms.json',
        'java-get-xml.json',
      ]),
    )
  })

  it.each(NAMES)('%s: the answer parses the way the client reads it', async (name) => {
    const f = load(name)
    // A campaign to read back, for the acks fixtures.
    const earlier = await ams.client().send({ message: 'Bonjour', recipients: ['0612121515'] })
    const fill = (text: string) =>
      text
        .replace('${campaignId}', earlier.campaignId ?? '')
        .replace('${smsId}', earlier.smsIds[0]?.smsId ?? '')
    const request = wire({ ...f, fields: f.fields.map(([n, v]) => [n, fill(v)]) })
    const before = (await ams.messages()).length
    const response = await rawHttp(ams.smsim.url, {
      method: f.method,
      path: request.path,
      headers: {
        ...request.headers,
        ...(request.body ? { 'content-length': String(request.body.length) } : {}),
      },
      ...(request.body ? { body: request.body } : {}),
    })
    expect(response.status).toBe(f.httpStatus ?? 200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    // Every client json_decodes / JSON.parses the body, whatever the Content-Type.
    const json = JSON.parse(response.body) as unknown
    for (const check of f.expect) {
      const value = at(json, check.path)
      if ('equals' in check) expect(value, check.path).toEqual(check.equals)
      if (check.type) expect(typeof value, check.path).toBe(check.type)
    }
    if (f.sms) {
      const sent = (await ams.messages()).slice(before)
      expect(sent).toHaveLength(f.sms.length)
      f.sms.forEach((want, i) => expect(sent[i]).toMatchObject(want))
    }
  })
})
