import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

let smsim: TestSmsim
const base = () => `${smsim.url}/_smsim`

beforeAll(async () => {
  smsim = await startTestSmsim({
    accounts: [{ provider: 'smstob', id: 'ecole@example.fr', secret: 'XV65JU', credits: 10 }],
    clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  })
})
afterAll(() => smsim.close())
beforeEach(() => smsim.control.post('/reset'))

async function send(query: string): Promise<string> {
  return (await fetch(`${smsim.url}/smstob/http.php?${query}`)).text()
}

describe('control API', () => {
  it('reports health with the providers, the clock and where the SMTP gateway listens', async () => {
    const health = await smsim.control.get<{
      status: string
      providers: string[]
      clock: { now: string; frozen: boolean }
      smtp: { host: string; port: number }
    }>('/health')
    expect(health).toMatchObject({
      status: 'ok',
      providers: ['smstob', 'aspsms', 'allmysms', 'isendpro'],
      clock: { now: '2026-01-05T08:00:00.000Z', frozen: true },
      smtp: { host: '127.0.0.1', port: smsim.smtp.port },
    })
  })

  it('creates an account, reads it back with its credits, changes them and records the ledger', async () => {
    const created = await smsim.control.post('/accounts', {
      provider: 'smstob',
      id: 'new@example.fr',
      secret: 'pw',
      credits: 3,
    })
    expect(created).toMatchObject({ provider: 'smstob', id: 'new@example.fr', credits: 3 })
    await smsim.control.patch('/accounts/smstob/new@example.fr', {
      credits: 7,
      options: { duplicateCheck: false },
    })
    const account = await smsim.control.get<{ credits: number; options: object }>(
      '/accounts/smstob/NEW@example.fr',
    )
    expect(account).toMatchObject({ credits: 7, options: { duplicateCheck: false } })
    const ledger = await smsim.control.get<{ delta: number; balance: number }[]>(
      '/accounts/smstob/new@example.fr/ledger',
    )
    expect(ledger.map((l) => [l.delta, l.balance])).toEqual([
      [3, 3],
      [4, 7],
    ])
  })

  it('refuses a second account with the same login with 409', async () => {
    const response = await fetch(`${base()}/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'smstob', id: 'ECOLE@example.fr', secret: 'x' }),
    })
    expect(response.status).toBe(409)
    expect(await response.json()).toEqual({
      error: 'account smstob/ECOLE@example.fr already exists',
    })
  })

  it.each([
    [{ provider: 'nope', id: 'x' }, 404, /no provider "nope"/],
    [{ provider: 'smstob' }, 400, /id must be a string/],
    [{ provider: 'smstob', id: 'a@b.fr', credits: -1 }, 400, /credits must be a number ≥ 0/],
    [
      { provider: 'smstob', id: 'a@b.fr', options: { lifetimeHours: 100 } },
      400,
      /lifetimeHours must be between 1 and 72/,
    ],
    [
      { provider: 'smstob', id: 'a@b.fr', options: { groups: { g: [{ number: '0145454545' }] } } },
      400,
      /not a mobile number/,
    ],
  ])('refuses the account %j with %i and says why', async (body, status, message) => {
    const response = await fetch(`${base()}/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(response.status).toBe(status)
    expect(((await response.json()) as { error: string }).error).toMatch(message)
  })

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const response = await fetch(`${base()}/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"provider":',
    })
    expect(response.status).toBe(400)
    const text = await response.text()
    expect(text).not.toMatch(/at .*\.ts:\d+/)
  })

  it('answers an unknown control route with 404', async () => {
    const response = await fetch(`${base()}/nothing`)
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ error: 'no control route GET /_smsim/nothing' })
  })

  it('lists messages filtered by provider, national or E.164 number, account and status', async () => {
    await send('email=ecole@example.fr&pass=XV65JU&numero=0660919010&message=Un')
    await send('email=ecole@example.fr&pass=XV65JU&numero=0600000010&message=Deux')
    const byNational = await smsim.control.get<{ text: string }[]>(
      '/messages?to=06%2060%2091%2090%2010',
    )
    const byE164 = await smsim.control.get<{ text: string }[]>('/messages?to=%2B33660919010')
    expect(byNational.map((m) => m.text)).toEqual(['Un'])
    expect(byE164).toEqual(byNational)
    const failed = await smsim.control.get<{ text: string; reason: string }[]>(
      '/messages?provider=smstob&status=failed',
    )
    expect(failed).toMatchObject([{ text: 'Deux', reason: 'unassigned' }])
    expect(await smsim.control.get('/messages?account=other@example.fr')).toEqual([])
  })

  it('journals every request with the code answered and the SMS it created', async () => {
    await send('email=ecole@example.fr&pass=wrong&numero=0660919010&message=Un')
    await send('email=ecole@example.fr&pass=XV65JU&numero=0660919010&message=Un')
    const journal = await smsim.control.get<
      { code: number; account?: string; messages?: string[]; at: string }[]
    >('/journal?provider=smstob')
    expect(journal.map((j) => j.code)).toEqual([82, 80])
    expect(journal[1]).toMatchObject({
      account: 'ecole@example.fr',
      messages: ['sms-000001'],
      at: '2026-01-05T08:00:00.000Z',
    })
  })

  it('sets, reads and advances the clock, and refuses a time without an offset', async () => {
    await smsim.control.put('/clock', { now: '2026-07-14T12:00:00+02:00', frozen: true })
    const advanced = await smsim.control.post<{ now: string }>('/clock/advance', { ms: 3_600_000 })
    expect(advanced.now).toBe('2026-07-14T11:00:00.000Z')
    const bad = await fetch(`${base()}/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ now: '2026-07-14T12:00:00' }),
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/no time zone offset/)
  })

  it('gives a number a state, which the next send follows, and clears it', async () => {
    await smsim.control.put('/numbers/0660919010', { status: 'blacklisted' })
    await send('email=ecole@example.fr&pass=XV65JU&numero=0660919010&message=Un')
    await smsim.control.delete('/numbers/%2B33660919010')
    await send('email=ecole@example.fr&pass=XV65JU&numero=0660919010&message=Deux')
    const messages =
      await smsim.control.get<{ text: string; status: string; reason?: string }[]>('/messages')
    expect(messages.map((m) => [m.text, m.status, m.reason])).toEqual([
      ['Un', 'failed', 'blacklisted'],
      ['Deux', 'delivered', undefined],
    ])
    const bad = await fetch(`${base()}/numbers/0660919010`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'sleepy' }),
    })
    expect(bad.status).toBe(400)
  })

  it('describes the magic numbers', async () => {
    const numbers = await smsim.control.get<{
      magic: { prefixes: string[]; suffixes: Record<string, { status: string }> }
    }>('/numbers')
    expect(numbers.magic.prefixes).toEqual(['+336000000', '+417999900'])
    expect(numbers.magic.suffixes['10']?.status).toBe('unassigned')
  })

  it('lists the providers with their code tables', async () => {
    const providers =
      await smsim.control.get<{ id: string; codes: { code: number }[] }[]>('/providers')
    expect(providers[0]?.codes.map((c) => c.code)).toEqual([
      80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91,
    ])
  })

  it('resets to the configured accounts, forgetting SMS, journal, numbers and credits spent', async () => {
    await send('email=ecole@example.fr&pass=XV65JU&numero=0660919010&message=Un')
    await smsim.control.put('/numbers/0611111111', { status: 'rejected' })
    await smsim.control.post('/reset')
    expect(await smsim.control.get('/messages')).toEqual([])
    expect(await smsim.control.get('/journal')).toEqual([])
    expect((await smsim.control.get<{ set: unknown[] }>('/numbers')).set).toEqual([])
    expect(await smsim.control.get('/accounts/smstob/ecole@example.fr')).toMatchObject({
      credits: 10,
    })
  })

  it('resets the clock to the one the configuration set', async () => {
    await smsim.control.put('/clock', { now: '2026-07-14T12:00:00+02:00', frozen: false })
    await smsim.control.post('/reset')
    expect(await smsim.control.get('/clock')).toMatchObject({
      now: '2026-01-05T08:00:00.000Z',
      frozen: true,
    })
  })
})
