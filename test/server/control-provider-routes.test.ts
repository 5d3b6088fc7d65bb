/**
 * A provider's own control routes (`controlRoutes`, core/provider.ts) are mounted by a control
 * API that knows nothing of them: SMStoB's CSV contact import is tested in control-access.test.ts
 * and the SMStoB suites; here, a JSON route added to a copy of SMStoB, as a next provider would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ControlError } from '../../simulators/core/errors.ts'
import type { ControlRoute, Provider } from '../../simulators/core/provider.ts'
import { smstob } from '../../simulators/smstob/index.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

const NOTE: ControlRoute = {
  method: 'post',
  path: '/accounts/smstob/:id/notes',
  openapi: {
    summary: 'Leave a note on an account',
    requestBody: { type: 'object', properties: { note: { type: 'string' } } },
    response: { description: 'noted', schema: { type: 'object' } },
    errors: [400, 404],
  },
  handle({ params, body }, view, now) {
    const account = view.account('smstob', params.id ?? '')
    if (!account) throw new ControlError(404, `no smstob account "${params.id}"`)
    const note = (body as { note?: unknown }).note
    if (typeof note !== 'string') throw new ControlError(400, 'note must be a string')
    return {
      json: { noted: note, at: now.toISOString() },
      effects: [{ kind: 'options', provider: 'smstob', account: account.id, set: { note } }],
    }
  },
}

let smsim: TestSmsim
beforeAll(async () => {
  const withNotes: Provider = { ...smstob, controlRoutes: [...(smstob.controlRoutes ?? []), NOTE] }
  smsim = await startTestSmsim({
    providers: [withNotes],
    accounts: [{ provider: 'smstob', id: 'ecole@example.fr', secret: 'XV65JU' }],
    clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  })
})
afterAll(() => smsim.close())

const post = (path: string, body: string, type = 'application/json') =>
  fetch(`${smsim.url}/_smsim${path}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  })

describe("a provider's JSON control route", () => {
  it('decides on the state and the clock, and its effects are applied', async () => {
    const response = await post('/accounts/smstob/ECOLE@example.fr/notes', '{"note":"hello"}')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ noted: 'hello', at: '2026-01-05T08:00:00.000Z' })
    const account = await smsim.control.get<{ options: Record<string, unknown> }>(
      '/accounts/smstob/ecole@example.fr',
    )
    expect(account.options.note).toBe('hello')
  })

  it('answers its ControlError with its status and message', async () => {
    const unknown = await post('/accounts/smstob/nobody@example.fr/notes', '{"note":"x"}')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'no smstob account "nobody@example.fr"' })
    const wrong = await post('/accounts/smstob/ecole@example.fr/notes', '{"note":1}')
    expect(wrong.status).toBe(400)
  })

  it('reads JSON only, as every control route does', async () => {
    const response = await post('/accounts/smstob/ecole@example.fr/notes', 'note=x', 'text/plain')
    expect(response.status).toBe(415)
  })

  it('is in the OpenAPI document, with its path parameter and JSON body', async () => {
    const doc = await smsim.control.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/openapi.json',
    )
    expect(doc.paths['/accounts/smstob/{id}/notes']).toMatchObject({
      parameters: [{ name: 'id', in: 'path', required: true }],
      post: {
        summary: 'Leave a note on an account',
        requestBody: { required: true, content: { 'application/json': { schema: {} } } },
        responses: { 200: { description: 'noted' }, 400: {}, 404: {} },
      },
    })
  })
})
