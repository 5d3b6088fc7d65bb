/**
 * Where a delivery notification may go. The URL comes from whoever sends the SMS, so smsim must
 * not become a way to reach what its client cannot: smsim's own endpoints (a notification to its
 * own `http.php` sent an SMS from another account), a cloud metadata address, the machine's
 * other addresses. By default only loopback is called (the developer's own app and the
 * conformance runner's receiver); `--callback-allow` widens it. Every refusal is journalled with
 * its reason and never retried.
 *
 * Through the real transport: a JSON SendTextSMS with the notification URL, and listeners that
 * count the calls they get.
 *
 * @see simulators/server/callback-guard.ts
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../../simulators/core/model.ts'
import type { StartOptions } from '../../../simulators/server/app.ts'
import { controlOverHttp, resetEachTest } from '../../support/control.ts'
import { recordingLogger } from '../../support/logger.ts'
import { useTestSmsim } from '../../support/smsim.ts'
import { ACCOUNT, MINUTE, MOBILE, MONDAY_9H, SEND } from '../json/helpers.ts'

/** A listener on `host` that counts the requests it gets. */
async function counter(host = '127.0.0.1') {
  const paths: string[] = []
  const server = createServer((req, res) => {
    paths.push(req.url ?? '')
    res.end('OK')
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** smsim for the enclosing describe, with a send that asks for a notification at `url`. */
function useNotifyingSmsim(options: StartOptions = {}) {
  const logger = recordingLogger()
  const running = useTestSmsim({ logger, ...options })
  const aspsms = controlOverHttp(() => running().control, 'aspsms')
  resetEachTest(aspsms, { now: MONDAY_9H, accounts: [ACCOUNT], logger })
  afterEach(() => running().sim.callbacks.settled())
  return {
    running,
    async notify(url: string): Promise<JournalEntry[]> {
      const response = await fetch(`${running().url}/aspsms/json/SendTextSMS`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...SEND,
          Recipients: [`${MOBILE}:42`],
          URLDeliveryNotification: url,
        }),
      })
      expect(await response.json()).toEqual({ StatusCode: '1', StatusInfo: 'OK' })
      await running().sim.callbacks.settled()
      const journal = await aspsms.journal()
      return journal.filter((entry) => entry.transport === 'callback')
    },
    /** Moves the clock past every retry delay and waits for what that started. */
    async pastRetries() {
      await aspsms.advance(60 * MINUTE)
      await running().sim.callbacks.settled()
    },
  }
}

const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')

describe('notification URLs that point at smsim itself', () => {
  const smsim = useNotifyingSmsim()
  const victim = { provider: 'smstob', id: 'victim@example.fr', secret: 'pw', credits: 10 }
  beforeEach(() => smsim.running().control.post('/accounts', victim))

  /** A GET that, if made, sends an SMS from the victim's SMStoB account (the TRN is the text). */
  const sendsAnSms = (origin: string) =>
    `${origin}/smstob/http.php?email=victim@example.fr&pass=pw&numero=0660919010&message=`

  it.each([
    ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}`],
    ['a decimal IPv4 number', (port: number) => `http://2130706433:${port}`],
    ['a short hex IPv4', (port: number) => `http://0x7f.1:${port}`],
    ['an IPv4-mapped IPv6 address', (port: number) => `http://[::ffff:127.0.0.1]:${port}`],
    ['localhost', (port: number) => `http://localhost:${port}`],
    ['LOCALHOST. (upper case, trailing dot)', (port: number) => `http://LOCALHOST.:${port}`],
    ['0.0.0.0', (port: number) => `http://0.0.0.0:${port}`],
    ['[::1]', (port: number) => `http://[::1]:${port}`],
  ])('refuses %s on its HTTP port, journals why, sends no SMS', async (_name, origin) => {
    const { http } = smsim.running()
    const callbacks = await smsim.notify(sendsAnSms(origin(http.port)))
    await smsim.pastRetries()
    expect(await smsim.running().control.get('/messages?provider=smstob')).toEqual([])
    expect(await smsim.running().control.get('/journal?provider=smstob')).toEqual([])
    expect(callbacks).toHaveLength(1)
    expect(callbacks[0]).toMatchObject({ transport: 'callback', provider: 'aspsms' })
    expect(callbacks[0]!.status).toBeUndefined()
    expect(callbacks[0]!.note).toMatch(
      new RegExp(`^refused: .*:${http.port} is smsim's own HTTP port`),
    )
  })

  it('refuses its SMTP port', async () => {
    const { smtp } = smsim.running()
    const [call] = await smsim.notify(`http://127.0.0.1:${smtp.port}/`)
    expect(call!.note).toBe(`refused: 127.0.0.1:${smtp.port} is smsim's own SMTP port`)
  })
})

describe('notification URLs outside the allowed addresses', () => {
  const smsim = useNotifyingSmsim()

  it('refuses the cloud metadata address without connecting, and does not retry', async () => {
    const callbacks = await smsim.notify('http://169.254.169.254/latest/meta-data/?id=')
    await smsim.pastRetries()
    expect(callbacks.map((c) => c.note)).toEqual([
      'refused: 169.254.169.254 is not an allowed callback address (loopback only by default; widen with --callback-allow)',
    ])
    expect(smsim.running().sim.callbacks.waiting).toBe(0)
  })

  it.skipIf(!external)(
    "refuses the machine's own non-loopback address (another service on it)",
    async () => {
      const receiver = await counter('0.0.0.0')
      try {
        const [call] = await smsim.notify(`http://${external!.address}:${receiver.port}/dlr?id=`)
        expect(receiver.paths).toEqual([])
        expect(call!.note).toMatch(/^refused: .* is not an allowed callback address/)
      } finally {
        await receiver.close()
      }
    },
  )

  it('still calls a listener on loopback, as before', async () => {
    const receiver = await counter()
    try {
      const [call] = await smsim.notify(`http://127.0.0.1:${receiver.port}/dlr?id=`)
      expect(receiver.paths).toEqual(['/dlr?id=42'])
      expect(call).toMatchObject({ status: 200, note: 'attempt 1/3' })
      const [byName] = await smsim.notify(`http://localhost:${receiver.port}/dlr?id=`)
      expect(byName).toMatchObject({ status: 200 })
    } finally {
      await receiver.close()
    }
  })

  it('does not follow a redirect, and counts it as a failed attempt', async () => {
    const redirector = createServer((_req, res) =>
      res.writeHead(302, { location: 'http://169.254.169.254/' }).end(),
    )
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve))
    try {
      const port = (redirector.address() as AddressInfo).port
      const [call] = await smsim.notify(`http://127.0.0.1:${port}/r?id=`)
      expect(call).toMatchObject({ status: 302, note: 'attempt 1/3: HTTP 302 (not followed)' })
    } finally {
      redirector.close()
    }
  })
})

describe.skipIf(!external)('--callback-allow', () => {
  const smsim = useNotifyingSmsim({
    callbackAllow: [external?.cidr ?? '', '0.0.0.0/0', '::/0'],
  })

  it('widens the addresses called: a listener on the machine’s network address gets its call', async () => {
    const receiver = await counter('0.0.0.0')
    try {
      const [call] = await smsim.notify(`http://${external!.address}:${receiver.port}/dlr?id=`)
      expect(receiver.paths).toEqual(['/dlr?id=42'])
      expect(call).toMatchObject({ status: 200 })
    } finally {
      await receiver.close()
    }
  })

  it("never opens smsim's own endpoints, whatever it allows", async () => {
    const { http } = smsim.running()
    for (const host of ['127.0.0.1', external!.address]) {
      const [call] = await smsim.notify(`http://${host}:${http.port}/aspsms/json/CheckCredits?x=`)
      expect(call!.note, host).toMatch(/is smsim's own HTTP port$/)
      await smsim.running().control.post('/reset')
      await smsim.running().control.post('/accounts', { provider: 'aspsms', ...ACCOUNT })
    }
  })
})

describe('names resolved for a notification', () => {
  /** A DNS that answers what each test sets, and counts the questions. */
  const answers = new Map<string, string[][]>()
  const asked: string[] = []
  const smsim = useNotifyingSmsim({
    callbackLookup: async (hostname: string) => {
      asked.push(hostname)
      const queue = answers.get(hostname) ?? []
      const next = queue.length > 1 ? queue.shift()! : (queue[0] ?? [])
      if (!next.length) throw Object.assign(new Error(`no ${hostname}`), { code: 'ENOTFOUND' })
      return next.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
    },
  })
  beforeEach(() => {
    answers.clear()
    asked.length = 0
  })

  it('connects to the address it checked: a DNS answer that changes afterwards is not used', async () => {
    const receiver = await counter()
    try {
      answers.set('rebind.test', [['127.0.0.1'], ['169.254.169.254']])
      const [call] = await smsim.notify(`http://rebind.test:${receiver.port}/dlr?id=`)
      expect(asked).toEqual(['rebind.test'])
      expect(receiver.paths).toEqual(['/dlr?id=42'])
      expect(call).toMatchObject({ status: 200 })
    } finally {
      await receiver.close()
    }
  })

  it('refuses a name when any of its addresses is not allowed', async () => {
    answers.set('mixed.test', [['127.0.0.1', '169.254.169.254']])
    const [call] = await smsim.notify('http://mixed.test/dlr?id=')
    expect(call!.note).toBe(
      'refused: mixed.test resolves to 169.254.169.254, not an allowed callback address (loopback only by default; widen with --callback-allow)',
    )
  })

  it('refuses a name that resolves to smsim itself', async () => {
    answers.set('me.test', [['::ffff:127.0.0.1']])
    const { http } = smsim.running()
    const [call] = await smsim.notify(`http://me.test:${http.port}/x?id=`)
    expect(call!.note).toBe(
      `refused: me.test resolves to 127.0.0.1, and 127.0.0.1:${http.port} is smsim's own HTTP port`,
    )
  })

  it('counts a name that does not resolve as a failed attempt, retried', async () => {
    const [call] = await smsim.notify('http://nowhere.test/dlr?id=')
    expect(call!.note).toBe('attempt 1/3: cannot resolve nowhere.test (ENOTFOUND)')
    expect(smsim.running().sim.callbacks.waiting).toBe(1)
  })
})
