/**
 * Issue 10, items 3 and 4: what smsim keeps of a hostile request is bounded, and no stored
 * record can break a read. Everything goes through real HTTP on 127.0.0.1: the request to the
 * provider endpoint, then the control API's reads.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  JOURNAL_FIELD_CHARS,
  JOURNAL_MAX_FIELDS,
  JOURNAL_TEXT_CHARS,
  MAX_DEPTH,
} from '../../simulators/core/bounds.ts'
import type { JournalEntry } from '../../simulators/core/model.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'
import { rawHttp } from '../support/raw-http.ts'

const SMSTOB = { provider: 'smstob' as const, id: 'ecole@example.fr', secret: 'XV65JU' }
const ASPSMS = { provider: 'aspsms' as const, id: 'I3QHMYKEY6E', secret: 'mypassword' }

let smsim: TestSmsim

beforeAll(async () => {
  smsim = await startTestSmsim({
    accounts: [
      { ...SMSTOB, credits: 1_000_000, options: { duplicateCheck: false } },
      { ...ASPSMS, credits: 1_000_000 },
    ],
    clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  })
})
afterAll(() => smsim.close())
beforeEach(() => smsim.control.post('/reset'))

function postJson(method: string, body: string) {
  return rawHttp(smsim.url, {
    method: 'POST',
    path: `/aspsms/json/${method}`,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(body),
  })
}

function postHttpPhp(fields: Record<string, string>) {
  return rawHttp(smsim.url, {
    method: 'POST',
    path: '/smstob/http.php',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(new URLSearchParams(fields).toString()),
    encoding: 'latin1',
  })
}

/** A control API read as raw text: its status, and its body parsed when it is JSON. */
async function read(path: string): Promise<{ status: number; text: string; json: unknown }> {
  const response = await rawHttp(smsim.url, { path: `/_smsim${path}` })
  let json: unknown
  try {
    json = JSON.parse(response.body)
  } catch {
    json = undefined
  }
  return { status: response.status, text: response.body, json }
}

/** How deep a parsed JSON value goes (objects and arrays count one level each). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0
  const children = Array.isArray(value) ? value : Object.values(value)
  return 1 + Math.max(0, ...children.map(depthOf))
}

const nested = (depth: number, key = 'UserName') =>
  `{"${key}":${'['.repeat(depth)}${']'.repeat(depth)},"Password":"x"}`

describe('the journal of a hostile request', () => {
  it('answers GET /_smsim/journal, /mails and /messages with JSON after a JSON value nested 5,000 deep', async () => {
    expect((await postJson('CheckCredits', nested(5_000))).status).toBe(200)
    for (const path of ['/journal', '/mails', '/messages', '/accounts']) {
      const answer = await read(path)
      expect([path, answer.status]).toEqual([path, 200])
      expect(answer.json).toBeDefined()
    }
  })

  it('keeps a few kilobytes of a 240 KB JSON request whose UserName is nested 120,000 deep', async () => {
    expect((await postJson('CheckCredits', nested(120_000))).status).toBe(200)
    const journal = await read('/journal')
    expect(journal.status).toBe(200)
    expect(journal.text.length).toBeLessThan(2_000)
    const [entry] = journal.json as JournalEntry[]
    // What ASPSMS read: UserName is no scalar, so no UserKey; the password, masked.
    expect(entry).toMatchObject({
      transport: 'json',
      request: { operation: 'CheckCredits', fields: { Password: '****' } },
    })
    expect(entry!.request.fields).not.toHaveProperty('UserKey')
  })

  it('keeps no structure deeper than the bound, whatever the store is handed', async () => {
    // Through the engine's own entry point: a journal entry built from a client's structure.
    const deep = JSON.parse(`{"a":${'['.repeat(100)}"x"${']'.repeat(100)}}`)
    smsim.sim.store.addJournal({
      at: '2026-01-05T08:00:00.000Z',
      provider: 'aspsms',
      transport: 'json',
      request: deep,
    })
    const journal = await read('/journal')
    expect(journal.status).toBe(200)
    expect(depthOf(journal.json)).toBeLessThanOrEqual(MAX_DEPTH + 2)
    expect(journal.text).toContain(`[nested deeper than ${MAX_DEPTH} levels]`)
  })

  it('journals a 200 KB http.php message cut past the longest SMS, saying how much was cut', async () => {
    const message = 'a'.repeat(200_000)
    const answer = await postHttpPhp({
      email: SMSTOB.id,
      pass: SMSTOB.secret,
      numero: '0660919010',
      message,
    })
    expect(answer.body).toBe('80')
    const [entry] = (await read('/journal')).json as JournalEntry[]
    const params = entry!.request.params as Record<string, string>
    expect(params.message).toBe(
      `${'a'.repeat(JOURNAL_TEXT_CHARS)}... (${200_000 - JOURNAL_TEXT_CHARS} more characters)`,
    )
    // The SMS itself was cut to SMStoB's 10 parts, as before.
    const [sms] = (await read('/messages')).json as { text: string; segments: number }[]
    expect(sms).toMatchObject({ segments: 10, text: 'a'.repeat(1_530) })
  })

  it('lists only the fields the operation reads, and cuts long names and values', async () => {
    const fields: Record<string, string> = {
      email: SMSTOB.id,
      pass: SMSTOB.secret,
      numero: '0'.repeat(10_000),
      message: 'Bonjour',
    }
    for (let i = 0; i < 200; i++) fields[`extra${i}`] = 'x'.repeat(1_000)
    expect((await postHttpPhp(fields)).body).toBe('84')
    const [entry] = (await read('/journal')).json as JournalEntry[]
    expect(entry!.request).toEqual({
      method: 'POST',
      params: {
        email: SMSTOB.id,
        pass: '****',
        numero: `${'0'.repeat(JOURNAL_FIELD_CHARS)}... (${10_000 - JOURNAL_FIELD_CHARS} more characters)`,
        message: 'Bonjour',
      },
      ignored: [...Array.from({ length: 20 }, (_, i) => `extra${i}`), '... (180 more items)'],
    })
  })

  it('keeps at most 40 of an XML document’s fields', async () => {
    const elements = Array.from({ length: 300 }, (_, i) => `<F${i}>${'v'.repeat(100)}</F${i}>`)
    const body = `<aspsms><Userkey>${ASPSMS.id}</Userkey><Password>${ASPSMS.secret}</Password><Action>ShowCredits</Action>${elements.join('')}</aspsms>`
    const answer = await rawHttp(smsim.url, {
      method: 'POST',
      path: '/aspsms/xmlsvr.asp',
      headers: { 'content-type': 'text/xml' },
      body: Buffer.from(body),
    })
    expect(answer.status).toBe(200)
    const [entry] = (await read('/journal')).json as JournalEntry[]
    const kept = entry!.request.fields as Record<string, string>
    expect(Object.keys(kept)).toHaveLength(JOURNAL_MAX_FIELDS + 1)
    expect(kept['...']).toBe(`${303 - JOURNAL_MAX_FIELDS} more fields`)
    expect(kept.Password).toBe('****rd')
  })
})

describe('account options', () => {
  it('refuses options nested deeper than the bound with a 400, and the account reads still answer', async () => {
    const body = `{"provider":"allmysms","id":"deep","secret":"k","options":{"x":${'['.repeat(5_000)}${']'.repeat(5_000)}}}`
    const answer = await rawHttp(smsim.url, {
      method: 'POST',
      path: '/_smsim/accounts',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(body),
    })
    expect([answer.status, JSON.parse(answer.body)]).toEqual([
      400,
      { error: `options must not nest deeper than ${MAX_DEPTH} levels` },
    ])
    expect((await read('/accounts')).status).toBe(200)
  })
})

describe('what the store keeps, in bytes', () => {
  let small: TestSmsim
  const JOURNAL_BYTES = 256 * 1024

  beforeAll(async () => {
    small = await startTestSmsim({
      accounts: [{ ...SMSTOB, credits: 1_000_000, options: { duplicateCheck: false } }],
      storeLimits: { journalBytes: JOURNAL_BYTES, smsBytes: 256 * 1024 },
    })
  })
  afterAll(() => small.close())

  it('drops the oldest journal entries past its byte budget, and the reads still answer', async () => {
    for (let i = 0; i < 200; i++) {
      const answer = await rawHttp(small.url, {
        method: 'POST',
        path: '/smstob/http.php',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(
          new URLSearchParams({
            email: SMSTOB.id,
            pass: SMSTOB.secret,
            numero: '0660919010',
            message: `${i} ${'é'.repeat(20_000)}`,
          }).toString(),
        ),
      })
      expect(answer.body).toBe('80')
    }
    const journal = await small.control.get<JournalEntry[]>('/journal')
    // Each entry keeps ~4 KB of message: the budget holds about 60 of them, never 200.
    expect(journal.length).toBeGreaterThan(20)
    expect(journal.length).toBeLessThan(100)
    expect(journal.at(-1)!.seq).toBe(200)
    expect(journal[0]!.seq).toBeGreaterThan(100)
    const retention = (
      small.sim.store.inner as unknown as { retention(): Record<string, { bytes: number }> }
    ).retention()
    expect(retention.journal!.bytes).toBeLessThanOrEqual(JOURNAL_BYTES)
    expect(retention.sms!.bytes).toBeLessThanOrEqual(256 * 1024)
    expect((await small.control.get<unknown[]>('/messages')).length).toBeLessThan(200)
  })
})
