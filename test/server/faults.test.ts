/**
 * Faults a team injects to test its error handling (`PUT /_smsim/faults/{provider}`): HTTP 500
 * instead of the provider's answer, a dropped connection, latency. Each fault is journalled,
 * and `DELETE` (or a reset) clears them. Latencies are kept small and no test sleeps: a test
 * waits only for the answers it asked for.
 *
 * @see simulators/engine/faults.ts
 */
import { describe, expect, it } from 'vitest'
import { IMPLEMENTATIONS, SEND, useSmstob, type SmstobTarget } from '../smstob/helpers.ts'

const NO_FAULTS = { latencyMs: 0, http500: 0, drop: 0 }

const notes = async (smstob: SmstobTarget) => (await smstob.journal()).map((entry) => entry.note)

describe.each(IMPLEMENTATIONS)('faults through $name', ({ kind }) => {
  const smstob = useSmstob(kind)
  const send = (message: string) => smstob.get({ ...SEND, message })

  describe('HTTP 500', () => {
    it('answers 500 to the next requests it counts, then the provider’s answer again', async () => {
      expect(await smstob.setFaults({ http500: 2 })).toEqual({ ...NO_FAULTS, http500: 2 })
      expect(await send('Un')).toMatchObject({ status: 500, body: 'Internal Server Error' })
      expect(await send('Deux')).toMatchObject({ status: 500 })
      expect(await send('Trois')).toMatchObject({ status: 200, body: '80' })
      expect((await smstob.messages()).map((sms) => sms.text)).toEqual(['Trois'])
      expect((await smstob.account()).credits).toBe(9)
    })

    it('journals each 500 it answered', async () => {
      await smstob.setFaults({ http500: 2 })
      for (const message of ['Un', 'Deux', 'Trois']) await send(message)
      const journal = await smstob.journal()
      expect(journal.map(({ status, code, note }) => ({ status, code, note }))).toEqual([
        { status: 500, code: undefined, note: 'HTTP 500 (fault)' },
        { status: 500, code: undefined, note: 'HTTP 500 (fault)' },
        { status: 200, code: 80, note: undefined },
      ])
    })

    it('answers 500 always until the fault is cleared', async () => {
      await smstob.setFaults({ http500: 'always' })
      for (let i = 0; i < 5; i++) expect((await send(`Essai ${i}`)).status).toBe(500)
      expect(await smstob.faults()).toEqual({ ...NO_FAULTS, http500: 'always' })
      await smstob.clearFaults()
      expect(await smstob.faults()).toEqual(NO_FAULTS)
      expect((await send('Enfin')).body).toBe('80')
    })

    it('gives the client a result with no code and the HTTP status', async () => {
      await smstob.setFaults({ http500: 1 })
      expect(await smstob.client().send({ numero: SEND.numero, message: 'x' })).toEqual({
        ok: false,
        code: undefined,
        meaning: 'not an SMStoB code (HTTP 500): Internal Server Error',
        raw: 'Internal Server Error',
        status: 500,
      })
    })
  })

  describe('dropped connection', () => {
    it('closes the connection with no answer, so that the client sees a network error', async () => {
      await smstob.setFaults({ drop: 1 })
      const failure = await smstob
        .client()
        .send({ numero: SEND.numero, message: 'Perdu' })
        .catch((error: unknown) => error)
      expect(failure).toBeInstanceOf(TypeError)
      // Over a real socket, undici says the server closed it; msw's fetch has no socket.
      if (kind === 'standalone')
        expect(failure).toMatchObject({
          cause: { code: 'UND_ERR_SOCKET', message: 'other side closed' },
        })
      expect(await smstob.messages()).toEqual([])
      expect((await send('Retrouvé')).body).toBe('80')
      expect(await notes(smstob)).toEqual(['connection dropped (fault)', undefined])
    })
  })

  describe('latency', () => {
    it('answers late enough that a client with a shorter timeout gives up, and journals the delay', async () => {
      await smstob.setFaults({ latencyMs: 200 })
      const impatient = smstob.client({ timeoutMs: 50 })
      const failure = await impatient
        .send({ numero: SEND.numero, message: 'Pressé' })
        .catch((error: unknown) => error)
      expect(failure).toMatchObject({ name: 'TimeoutError' })

      // A patient client gets its answer. Both waits started 200 ms apart from their requests,
      // in order: once this one is answered, the abandoned one has been handled too.
      const result = await smstob.client().send({ numero: SEND.numero, message: 'Patient' })
      expect(result).toMatchObject({ ok: true, code: 80 })
      expect(await notes(smstob)).toEqual(['latency 200 ms (fault)', 'latency 200 ms (fault)'])
    })

    it('still sends the SMS of a request whose client gave up: the client cannot know it left', async () => {
      await smstob.setFaults({ latencyMs: 200 })
      await smstob
        .client({ timeoutMs: 50 })
        .send({ numero: SEND.numero, message: 'Pressé' })
        .catch(() => undefined)
      await smstob.client().send({ numero: SEND.numero, message: 'Patient' })
      expect((await smstob.messages()).map((sms) => sms.text)).toEqual(['Pressé', 'Patient'])
    })
  })

  it('clears every fault with a reset', async () => {
    await smstob.setFaults({ http500: 'always', drop: 'always', latencyMs: 100 })
    await smstob.reset()
    expect(await smstob.faults()).toEqual(NO_FAULTS)
    // The reset removed the account too: the provider's own answer is back.
    expect((await send('Après')).body).toBe('82')
  })
})

describe('faults through the control API', () => {
  const smstob = useSmstob('standalone')
  it('refuses faults it cannot apply, saying why', async () => {
    const response = await fetch(`${smstob.origin}/_smsim/faults/smstob`, {
      method: 'PUT',
      body: JSON.stringify({ http500: -1, drop: 1.5, latencyMs: 999_999 }),
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchInlineSnapshot(`
      {
        "error": "latencyMs must be a number of milliseconds from 0 to 120000; http500 must be a count of requests (0 or more) or "always"; drop must be a count of requests (0 or more) or "always"",
      }
    `)
    expect(await smstob.faults()).toEqual(NO_FAULTS)
  })

  it('answers 404 for a provider smsim does not have', async () => {
    const response = await fetch(`${smstob.origin}/_smsim/faults/smstobe`, {
      method: 'PUT',
      body: JSON.stringify({ http500: 1 }),
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchInlineSnapshot(`
      {
        "error": "no provider "smstobe"; known: smstob, aspsms, allmysms, isendpro",
      }
    `)
  })

  it('keeps the control API working while the provider answers 500', async () => {
    await smstob.setFaults({ http500: 'always' })
    expect((await smstob.get(SEND)).status).toBe(500)
    expect((await fetch(`${smstob.origin}/_smsim/health`)).status).toBe(200)
  })
})
