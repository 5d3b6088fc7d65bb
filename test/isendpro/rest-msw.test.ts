/**
 * iSendPro's REST API in-process through msw: the typed client at its default base URL (the
 * real `https://apirest.isendpro.com/cgi-bin`) reaches the same endpoints as the server does.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { IsendproRestClient } from '../../client/isendpro/rest.ts'
import { createSimulator, smsimHandlers } from '../../simulators/msw.ts'

const KEYID = 'a296464ce012b8ab710a'
const sim = createSimulator({
  accounts: [{ provider: 'isendpro', id: KEYID, credits: 5, options: { commercialExempt: true } }],
})
const server = setupServer(...smsimHandlers(sim))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => sim.reset())
afterAll(() => server.close())

describe('iSendPro REST in-process through msw', () => {
  it('sends with the client at the real base URL, and reads the credit', async () => {
    const api = new IsendproRestClient({ keyid: KEYID })
    expect(await api.sms('0660919010', 'Bonjour')).toMatchObject({
      ok: true,
      entries: [{ code: 0, tel: '0660919010' }],
    })
    expect(sim.store.messages({ provider: 'isendpro' })).toMatchObject([
      { to: '+33660919010', text: 'Bonjour', transport: 'http' },
    ])
    expect(await api.credit()).toEqual({ ok: true, credit: 4, quantite: 4 })
  })
})
