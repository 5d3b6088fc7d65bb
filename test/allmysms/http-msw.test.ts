/**
 * allmysms's HTTP API 9.0 in-process through msw, at its real URL: an application that calls
 * `https://api.allmysms.com/http/9.0/…` with fetch — the reference client with its default base
 * URL — reaches the same simulator the standalone server runs; and the apiKey it sends is
 * masked in the journal.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AllmysmsHttpClient } from '../../client/allmysms/http.ts'
import { createSimulator, smsimHandlers } from '../../simulators/msw.ts'
import { ACCOUNT } from './helpers.ts'

const sim = createSimulator({
  accounts: [{ provider: 'allmysms', id: ACCOUNT.login, secret: ACCOUNT.apiKey, credits: 5 }],
})
const server = setupServer(...smsimHandlers(sim))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => sim.reset())
afterAll(() => server.close())

describe('allmysms HTTP API 9.0 in-process through msw', () => {
  it('sends through https://api.allmysms.com/http/9.0/sendSms/ and reads the acks back', async () => {
    const client = new AllmysmsHttpClient({ ...ACCOUNT, encoding: 'multipart' })
    const sent = await client.send({ message: 'Bonjour', recipients: ['0660919010'] })
    expect(sent).toMatchObject({ code: 100, credits: 4, nbContacts: 1 })
    expect(sim.store.messages({ provider: 'allmysms' })).toMatchObject([
      { to: '+33660919010', text: 'Bonjour', transport: 'http', status: 'delivered' },
    ])
    expect((await client.getAcks(sent.campaignId!)).acks).toMatchObject([{ statut: '1' }])
  })

  it('masks the apiKey in the journal, right or wrong', async () => {
    await new AllmysmsHttpClient({ ...ACCOUNT }).getInfo()
    await new AllmysmsHttpClient({ ...ACCOUNT, apiKey: 'mauvaise-cle' }).getInfo()
    const text = JSON.stringify(sim.store.journal({ provider: 'allmysms' }))
    expect(text).not.toContain(ACCOUNT.apiKey)
    expect(text).not.toContain('mauvaise-cle')
  })
})
