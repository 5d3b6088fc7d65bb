/**
 * The requests real iSendPro REST clients put on the wire — the generated PHP client (HEAD and
 * 2017), the generated Python client, the flowground connector, the n8n node, the provider's own
 * curl sample — replayed byte for byte from `simulators/isendpro/fixtures/rest/*.json`, and the
 * answer read the way each client reads it (french-http-clients.md "What each client needs back").
 *
 * @see shared/research/french-http-clients.md — "iSendPro REST", "What each client needs back"
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rawHttp, type RawResponse } from '../support/raw-http.ts'
import { useIsendpro } from './helpers.ts'

interface Fixture {
  client: string
  method: string
  path: string
  headers: Record<string, string>
  body: string
  reads: 'sms' | 'comptage' | 'credit'
}

const DIR = join(import.meta.dirname, '../../simulators/isendpro/fixtures/rest')
const FIXTURES = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({
    name,
    ...(JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Fixture),
  }))

/** What a client gets from an answer, or throws as that client would. */
type Reader = (response: RawResponse) => unknown

/**
 * The generated PHP and Python clients: a 2xx body (Python: 200–205) is decoded whatever the
 * Content-Type into the models — `etat.etat` an array, `code` cast to int, `credit` to double.
 */
const swaggerModels =
  (okStatus: (status: number) => boolean): Reader =>
  (response) => {
    if (!okStatus(response.status)) throw new Error(`ApiException(${response.status})`)
    return JSON.parse(response.body) as unknown
  }

/** flowground (swagger-client): parses a 2xx body only when its Content-Type says JSON. */
const flowground: Reader = (response) => {
  if (response.status < 200 || response.status > 299) throw new Error(`status ${response.status}`)
  const type = String(response.headers['content-type'] ?? '')
  if (!/(json|xml|yaml|text)\b/.test(type) || !type.startsWith('application/json'))
    throw new Error(`unparsed Blob (${type})`)
  return JSON.parse(response.body) as unknown
}

const READERS: Record<string, Reader> = {
  php: swaggerModels((s) => s >= 200 && s <= 299),
  python: swaggerModels((s) => s >= 200 && s <= 205),
  flowground,
  n8n: flowground,
  curl: (response) => JSON.parse(response.body) as unknown,
}

const readerOf = (client: string) =>
  READERS[Object.keys(READERS).find((k) => client.startsWith(k) || client.includes(k))!]!

describe('real iSendPro REST clients replayed against smsim', () => {
  const isendpro = useIsendpro({ credits: 100 })

  it('holds a fixture for each client the research measured', () => {
    expect(new Set(FIXTURES.map((f) => f.client.split(' ')[0]))).toEqual(
      new Set(['isendpro-php', 'isendpro-python', 'flowground-js', 'n8n', 'isendpro.com/docs']),
    )
  })

  it.each(FIXTURES)('$name ($client): the answer parses the way the client reads it', async (f) => {
    const response = await rawHttp(isendpro.smsim.url, {
      method: f.method,
      path: `/isendpro/cgi-bin${f.path}`,
      headers: f.headers,
      ...(f.body ? { body: Buffer.from(f.body, 'utf8') } : {}),
    })
    const answer = readerOf(f.client)(response) as {
      etat: { etat?: Record<string, unknown>[]; credit?: string; quantite?: string }
    }
    if (f.reads === 'credit') {
      // PHP casts `credit` to double, Python to float: "100.0" reads as 100.
      expect(Number.parseFloat(answer.etat.credit!)).toBe(100)
      expect(answer.etat.quantite).toBe('100')
      return
    }
    // An object here breaks the PHP and Python models and flowground's `etat.etat[]`.
    expect(Array.isArray(answer.etat.etat)).toBe(true)
    const first = answer.etat.etat![0]!
    if (f.reads === 'comptage') {
      expect(first).toEqual({ nb_caractere: expect.any(String), nb_sms: '1', tel: '0601020304' })
      expect(await isendpro.credits()).toBe(100)
      return
    }
    // PHP and Python cast `code` to int; flowground takes a number or a string.
    for (const item of answer.etat.etat!) expect(Number.parseInt(String(item.code), 10)).toBe(0)
    const sent = await isendpro.control.messages()
    expect(sent.length).toBe(answer.etat.etat!.length)
    // `\u00e0` escapes (PHP, Python) and raw UTF-8 (flowground) give the same text.
    for (const sms of sent) expect(sms.text).not.toMatch(/\\u00|Ã/)
  })

  it('decodes \\u escapes and raw UTF-8 to the same text', async () => {
    const php = FIXTURES.find((f) => f.name === 'php-sms.json')!
    await rawHttp(isendpro.smsim.url, {
      method: 'POST',
      path: '/isendpro/cgi-bin/sms',
      headers: php.headers,
      body: Buffer.from(php.body, 'utf8'),
    })
    await rawHttp(isendpro.smsim.url, {
      method: 'POST',
      path: '/isendpro/cgi-bin/sms',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(php.body.replace('\\u00e0', 'à'), 'utf8'),
    })
    const [a, b] = await isendpro.control.messages()
    expect(a?.text).toContain('unique à!')
    expect(b?.text).toBe(a?.text)
  })
})
