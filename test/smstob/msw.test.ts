import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator, smsimHandlers } from '../../simulators/msw.ts'

const sim = createSimulator({
  accounts: [{ provider: 'smstob', id: 'ecole@example.fr', secret: 'XV65JU', credits: 5 }],
})
const server = setupServer(...smsimHandlers(sim))

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => sim.reset())
afterAll(() => server.close())

describe('SMStoB in-process through msw', () => {
  it('answers 80 to code that calls http://www.smstob.com/http.php with fetch, and the phone gets the SMS', async () => {
    const response = await fetch(
      'http://www.smstob.com/http.php?email=ecole@example.fr&pass=XV65JU&numero=0660919010&message=Bonjour',
    )
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('80')
    const [sms] = sim.store.messages({ provider: 'smstob' })
    expect(sms).toMatchObject({
      to: '+33660919010',
      text: 'Bonjour',
      status: 'delivered',
      account: 'ecole@example.fr',
    })
    expect(sim.store.account('smstob', 'ecole@example.fr')?.credits).toBe(4)
  })

  it('answers 404 at a path of the real host that no endpoint serves', async () => {
    const response = await fetch('https://www.smstob.com/nothing-here.php')
    expect(response.status).toBe(404)
  })
})
