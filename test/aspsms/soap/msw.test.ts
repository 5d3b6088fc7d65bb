/**
 * The same endpoint in-process through msw (STYLE.md §21): a team whose code calls the real
 * `http://soap.aspsms.com/aspsmsx2.asmx` gets smsim's answers with no server to start, WSDL
 * included (node-soap fetches it over node:http, which msw intercepts too).
 */
import { setupServer } from 'msw/node'
import soap from 'soap'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createSimulator, smsimHandlers } from '../../../simulators/msw.ts'
import { ACCOUNT, MOBILE, MONDAY_9H } from '../helpers.ts'
import { envelope } from './asmx-interfaces.ts'
import { NAMESPACE } from './research-operations.ts'

const AUTH = { UserKey: ACCOUNT.id, Password: ACCOUNT.secret }

describe('the ASMX service in-process through msw', () => {
  const errors: unknown[][] = []
  const sim = createSimulator({ logger: { error: (...args: unknown[]) => void errors.push(args) } })
  const server = setupServer(...smsimHandlers(sim))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())
  beforeEach(() => {
    sim.reset()
    sim.clock.set(MONDAY_9H, true)
    sim.store.createAccount({ provider: 'aspsms', ...ACCOUNT }, sim.clock.now())
  })

  it('answers SOAP at the real host', async () => {
    const response = await fetch('http://soap.aspsms.com/aspsmsx2.asmx', {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: `"${NAMESPACE}/CheckCredits"`,
      },
      body: envelope('1.1', 'CheckCredits', AUTH),
    })
    expect(await response.text()).toContain('<CheckCreditsResult>Credits:100</CheckCreditsResult>')
  })

  it('serves a WSDL addressed to the real host, that node-soap follows', async () => {
    const client = await soap.createClientAsync('http://webservice.aspsms.com/aspsmsx2.asmx?WSDL')
    const [sent] = (await client.SendTextSMSAsync({
      ...AUTH,
      Recipients: MOBILE,
      Originator: 'SkiSchool',
      MessageText: 'In-process',
    })) as [{ SendTextSMSResult: string }]
    expect(sent.SendTextSMSResult).toBe('StatusCode:1')
    expect(sim.store.messages({ provider: 'aspsms' }).map((s) => s.text)).toEqual(['In-process'])
    expect(errors).toEqual([])
  })
})
