/**
 * The reference client of `http.php` (client/smstob/http.ts) against both implementations: its
 * POST mode, its ISO-8859-1 mode (what old clients send), and what it makes of a page that is
 * not one of the codes. The fetch it is given records what went on the wire.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "Envoi par http"
 */
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SmstobHttpClient } from '../../client/smstob/http.ts'
import { Clock, createSimulator, smsimHandlers } from '../../simulators/msw.ts'
import { ECOLE, IMPLEMENTATIONS, MONDAY_9H, SEND } from './helpers.ts'
import { useSmstob } from './helpers.ts'

/** A fetch that records each request before making it. */
function recordingFetch(): {
  fetch: typeof fetch
  requests: { url: string; init?: RequestInit }[]
} {
  const requests: { url: string; init?: RequestInit }[] = []
  return {
    requests,
    fetch: (input, init) => {
      requests.push({ url: String(input), ...(init ? { init } : {}) })
      return fetch(input, init)
    },
  }
}

const FRENCH = 'Météo : cours annulé à 14 h, c’est noté ? Coût 0 €'

describe.each(IMPLEMENTATIONS)('the SMStoB client through $name', ({ kind }) => {
  const smstob = useSmstob(kind)
  const lastText = async () => (await smstob.messages()).at(-1)?.text

  it('sends the fields in a form body in POST mode', async () => {
    const wire = recordingFetch()
    const client = smstob.client({ method: 'POST', fetch: wire.fetch })
    expect(await client.send({ numero: SEND.numero, message: 'Cours annulé' })).toMatchObject({
      ok: true,
      code: 80,
    })
    expect(wire.requests[0]?.url).toBe(smstob.httpPhp)
    expect(wire.requests[0]?.init?.body).toContain('message=Cours+annul%C3%A9')
    expect((await smstob.journal())[0]?.request).toMatchObject({ method: 'POST' })
    expect(await lastText()).toBe('Cours annulé')
  })

  it('percent-encodes ISO-8859-1 bytes in its ISO-8859-1 mode, and the SMS reads the same', async () => {
    const wire = recordingFetch()
    const client = smstob.client({ charset: 'iso-8859-1', fetch: wire.fetch })
    expect(await client.send({ numero: SEND.numero, message: FRENCH })).toMatchObject({ code: 80 })
    expect(wire.requests[0]?.url).toContain('message=M%E9t%E9o+%3A+cours+annul%E9+%E0+14+h')
    expect(await lastText()).toBe(FRENCH)
  })

  it('writes € and ’ as their windows-1252 bytes, which ISO-8859-1 lacks', async () => {
    const wire = recordingFetch()
    const client = smstob.client({ charset: 'iso-8859-1', fetch: wire.fetch })
    await client.send({ numero: SEND.numero, message: 'c’est 2 €' })
    expect(wire.requests[0]?.url).toContain('message=c%92est+2+%80')
    expect(await lastText()).toBe('c’est 2 €')
  })

  it('declares ISO-8859-1 on a form body in POST mode', async () => {
    const wire = recordingFetch()
    const client = smstob.client({ method: 'POST', charset: 'iso-8859-1', fetch: wire.fetch })
    expect(await client.send({ numero: SEND.numero, message: FRENCH })).toMatchObject({ code: 80 })
    expect(wire.requests[0]?.init?.headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1',
    })
    expect(await lastText()).toBe(FRENCH)
  })

  it('refuses, before sending anything, a character ISO-8859-1 cannot write', async () => {
    const client = smstob.client({ charset: 'iso-8859-1' })
    await expect(
      client.send({ numero: SEND.numero, message: 'Neige ❄' }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[RangeError: "❄" cannot be sent in ISO-8859-1; use charset "utf-8"]`,
    )
    expect(await smstob.journal()).toEqual([])
  })

  it('writes a Date given as diff in Paris wall time, and the SMS waits for it with 81', async () => {
    const result = await smstob
      .client()
      .send({ numero: SEND.numero, message: 'Demain', diff: new Date('2026-01-06T12:30:00+01:00') })
    expect(result).toEqual({
      ok: true,
      code: 81,
      meaning: 'Le message est enregistré pour un envoi en différé',
      raw: '81',
    })
    expect((await smstob.messages())[0]?.scheduledAt).toBe('2026-01-06T11:30:00.000Z')
  })

  it('accepts a base URL written with a trailing slash', async () => {
    const client = smstob.client({ baseUrl: `${smstob.baseUrl}/` })
    expect(await client.send({ numero: SEND.numero, message: 'x' })).toMatchObject({ code: 80 })
  })

  it('reports a page that is not a code with the HTTP status and no code', async () => {
    const client = smstob.client({ baseUrl: `${smstob.baseUrl}/ailleurs` })
    expect(await client.send({ numero: SEND.numero, message: 'x' })).toMatchObject({
      ok: false,
      code: undefined,
      status: 404,
    })
  })
})

describe('the SMStoB client and msw', () => {
  // smsim's prefixes served at an origin that DNS never resolves (RFC 2606): a client that
  // missed msw fails at once instead of reaching out to a real host.
  const sim = createSimulator({
    clock: new Clock({ now: MONDAY_9H, frozen: true }),
    accounts: [{ provider: 'smstob', id: ECOLE.email, secret: ECOLE.pass, credits: 10 }],
  })
  const server = setupServer(...smsimHandlers(sim, { origins: ['http://smsim.invalid'] }))
  const builtBeforeListen = new SmstobHttpClient({
    baseUrl: 'http://smsim.invalid/smstob',
    ...ECOLE,
  })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  it('goes through msw even when it was built before msw started listening', async () => {
    const result = await builtBeforeListen.send({ numero: SEND.numero, message: 'Bonjour' })
    expect(result).toMatchObject({ ok: true, code: 80 })
    expect(sim.store.messages()).toHaveLength(1)
  })
})
