/**
 * ASPSMS's JSON API in-process: msw handlers answer `https://json.aspsms.com/<Method>` for the
 * code under test, from the same decision as the standalone server — the same requests get the
 * same answers from both.
 */
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimulator, smsimHandlers } from '../../../simulators/msw.ts'
import { startTestSmsim, type TestSmsim } from '../../../simulators/testing.ts'
import { ACCOUNT, CREDENTIALS, MOBILE, MONDAY_9H, SEND, UNASSIGNED } from './helpers.ts'

const clock = { now: MONDAY_9H, frozen: true }
const accounts = [{ provider: 'aspsms' as const, ...ACCOUNT }]

/** A session of a school: sends, refusals, an inquiry, a balance. */
const SESSION: [method: string, body: unknown][] = [
  ['SendSimpleTextSMS', { ...SEND, Recipients: [`${MOBILE}:1`, `${UNASSIGNED}:2`] }],
  ['SendTextSMS', { ...SEND, Password: 'wrong' }],
  ['SendTextSMS', { ...SEND, MessageText: 'Grüezi ☃', Recipients: [`${MOBILE}:3`] }],
  [
    'SendTextSMS',
    { ...SEND, DeferredDeliveryTime: '2026-01-06T08:00:00Z', Recipients: [`${MOBILE}:4`] },
  ],
  ['InquireDeliveryNotifications', { ...CREDENTIALS, TransactionReferenceNumbers: '1;2;3;4;5' }],
  ['CheckOriginatorAuthorization', { ...CREDENTIALS, Originator: '+41791234567' }],
  ['CheckCredits', CREDENTIALS],
  ['VersionInfo', {}],
]

describe('the JSON API in-process through msw', () => {
  const sim = createSimulator({ accounts })
  const server = setupServer(...smsimHandlers(sim))
  let smsim: TestSmsim

  beforeAll(async () => {
    sim.clock.set(clock.now, true)
    smsim = await startTestSmsim({ accounts, clock })
    server.listen({ onUnhandledRequest: 'bypass' })
  })
  afterAll(async () => {
    server.close()
    await smsim.close()
  })

  it('answers https://json.aspsms.com/SendSimpleTextSMS to fetch, and the phone gets the SMS', async () => {
    const response = await fetch('https://json.aspsms.com/SendSimpleTextSMS', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SEND, MessageText: 'Hallo' }),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ StatusCode: '1', StatusInfo: 'OK' })
    expect(sim.store.messages({ provider: 'aspsms' }).map((m) => [m.to, m.text])).toEqual([
      ['+41791234567', 'Hallo'],
    ])
    sim.reset()
  })

  it('gives the same answers as the standalone server to the same requests', async () => {
    const ask = async (base: string) => {
      const answers: string[] = []
      for (const [method, body] of SESSION) {
        const response = await fetch(`${base}/${method}`, {
          method: 'POST',
          body: JSON.stringify(body),
        })
        answers.push(`${response.status} ${await response.text()}`)
      }
      return answers
    }
    const inProcess = await ask('https://json.aspsms.com')
    const standalone = await ask(`${smsim.url}/aspsms/json`)
    expect(inProcess).toEqual(standalone)
    expect(inProcess[6]).toBe('200 {"Credits":"94.75","StatusCode":"1","StatusInfo":"OK"}')
  })
})
