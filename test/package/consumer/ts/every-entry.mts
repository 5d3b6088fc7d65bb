// Every public entry from TypeScript, type-checked with `strict` (tsconfig.*.json): the names a
// user reaches for, used the way the README uses them.
import { setupServer } from 'msw/node'
import { PROVIDERS, SmsimError, countSegments, publicHolidays, type Simulator } from 'smsim'
import { createSimulator, smsimHandlers, smsimServer } from 'smsim/msw'
import { startTestSmsim, controlClient, type TestSmsim } from 'smsim/testing'
import { SmstobHttpClient } from 'smsim/client'
import { runScenarios, loadProviderSuites } from 'smsim/conformance'
import { SmsimContainer, type StartedSmsimContainer } from 'smsim/testcontainers'

const sim: Simulator = createSimulator({
  accounts: [{ provider: 'smstob', id: 'me@example.fr', secret: 'pw', credits: 10 }],
})
const server = setupServer(...smsimHandlers(sim))
const same = smsimServer(sim)
const providers: number = PROVIDERS.length
const parts: number = countSegments('Bonjour').segments
const days: string[] = publicHolidays(2026).map((h) => h.date)
const isError = (e: unknown): boolean => e instanceof SmsimError

export async function inContainer(): Promise<string[]> {
  const started: StartedSmsimContainer = await new SmsimContainer()
    .withAccounts({ provider: 'aspsms', id: 'USERKEY', secret: 'pw', credits: 5 })
    .start()
  const texts = (await started.messages({ provider: 'aspsms' })).map((m) => m.text)
  await started.stop()
  return texts
}

export async function use(): Promise<void> {
  const smsim: TestSmsim = await startTestSmsim()
  const client = new SmstobHttpClient({ baseUrl: `${smsim.url}/smstob`, email: 'e', pass: 'p' })
  const result = await client.send({ numero: '0660919010', message: 'Bonjour' })
  const code: number | undefined = result.code
  const control = controlClient(smsim.url)
  await control.get('/messages')
  const suites = loadProviderSuites()
  void [server, same, providers, parts, days, isError, code, suites, runScenarios]
  await smsim.close()
}
