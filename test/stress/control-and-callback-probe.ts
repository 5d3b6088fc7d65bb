/**
 * Run by hand: `npx tsx test/stress/control-and-callback-probe.ts [requests]`.
 *
 * What issue 10 items 6 and 8 found, replayed against an smsim started in this process, with
 * the figures for docs/reliability.md:
 *
 * - the control API attacked as a web page would (cross-origin text/plain POST, form POST,
 *   `Origin: null`, `Sec-Fetch-Site: cross-site`, a foreign `Host`): the status of each and
 *   whether the account exists afterwards;
 * - ASPSMS delivery notifications pointed at smsim itself in every form, at the cloud metadata
 *   address and at a loopback listener: SMS sent through smsim's own http.php, listener hits, and
 *   the journal's note for each;
 * - what the guards cost: the mean time of `GET /_smsim/accounts` and of a JSON
 *   `POST /_smsim/clock/advance`, sequential, over `requests` of each (default 2,000).
 *
 * Uses only what smsim had before the guards (no new option), so that the same script measures
 * the code before and after: `git stash` / `git checkout <commit> -- simulators`, run, compare.
 */
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { startTestSmsim } from '../../simulators/testing.ts'

const REQUESTS = Number(process.argv[2] ?? 2000)

const smsim = await startTestSmsim({
  demo: true,
  clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
})
const { port } = new URL(smsim.url)

/** One request with node:http: any Host, any header. */
function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const ACCOUNT = JSON.stringify({ provider: 'smstob', id: 'page@evil.example', secret: 'x' })
const attacks: [string, () => Promise<number>][] = [
  [
    'cross-origin text/plain POST /accounts',
    () =>
      call(
        'POST',
        '/_smsim/accounts',
        { origin: 'http://evil.example', 'content-type': 'text/plain' },
        ACCOUNT,
      ),
  ],
  [
    'Sec-Fetch-Site: cross-site JSON POST',
    () =>
      call(
        'POST',
        '/_smsim/accounts',
        { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
        ACCOUNT,
      ),
  ],
  [
    'Origin: null JSON POST',
    () =>
      call(
        'POST',
        '/_smsim/accounts',
        { origin: 'null', 'content-type': 'application/json' },
        ACCOUNT,
      ),
  ],
  [
    'form POST, no Origin',
    () =>
      call(
        'POST',
        '/_smsim/accounts',
        { 'content-type': 'application/x-www-form-urlencoded' },
        ACCOUNT,
      ),
  ],
  [
    'GET /accounts with Host: evil.example',
    () => call('GET', '/_smsim/accounts', { host: 'evil.example' }),
  ],
]
console.log('control API attacks')
for (const [name, attack] of attacks) {
  const status = await attack()
  const created = (await smsim.control.get<{ id: string }[]>('/accounts')).some(
    (a) => a.id === 'page@evil.example',
  )
  if (created) await smsim.control.delete('/accounts/smstob/page@evil.example')
  console.log(`  ${name.padEnd(42)} ${status}${created ? '  account CREATED' : ''}`)
}

// A loopback listener that counts its hits: allowed before and after.
let hits = 0
const listener = createServer((_req, res) => {
  hits++
  res.end('OK')
})
await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve))
const listenerPort = (listener.address() as AddressInfo).port
const own = (host: string) =>
  `http://${host}:${port}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=`
const targets: [string, string][] = [
  ['127.0.0.1, smsim HTTP', own('127.0.0.1')],
  ['2130706433, smsim HTTP', own('2130706433')],
  ['[::ffff:127.0.0.1], smsim HTTP', own('[::ffff:127.0.0.1]')],
  ['localhost, smsim HTTP', own('localhost')],
  ['0.0.0.0, smsim HTTP', own('0.0.0.0')],
  ['127.0.0.1, smsim SMTP', `http://127.0.0.1:${smsim.smtp.port}/?id=`],
  ['169.254.169.254', 'http://169.254.169.254/latest/meta-data/?id='],
  ['loopback listener', `http://127.0.0.1:${listenerPort}/dlr?id=`],
]
console.log('\nASPSMS notification URLs')
for (const [name, url] of targets) {
  await smsim.control.post('/reset')
  const started = performance.now()
  await fetch(`${smsim.url}/aspsms/json/SendTextSMS`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      UserName: 'DEMOASPSMS',
      Password: 'demo',
      Originator: 'ESF',
      Recipients: ['0041791234567:42'],
      MessageText: 'probe',
      URLDeliveryNotification: url,
    }),
  })
  await smsim.sim.callbacks.settled()
  const ms = performance.now() - started
  const sent = (await smsim.control.get<unknown[]>('/messages?provider=smstob')).length
  const journal = await smsim.control.get<{ transport: string; note?: string }[]>('/journal')
  const note = journal.find((j) => j.transport === 'callback')?.note ?? '(no attempt)'
  console.log(
    `  ${name.padEnd(32)} SMS via smsim: ${sent}  listener hits: ${hits}  ${ms.toFixed(0)} ms  ${note}`,
  )
}
listener.close()

console.log(`\nguard cost, ${REQUESTS} sequential requests each`)
for (const [name, send] of [
  ['GET /_smsim/accounts', () => call('GET', '/_smsim/accounts')],
  [
    'POST /_smsim/clock/advance (JSON)',
    () => call('POST', '/_smsim/clock/advance', { 'content-type': 'application/json' }, '{"ms":1}'),
  ],
] as const) {
  for (let i = 0; i < 200; i++) await send()
  const started = performance.now()
  for (let i = 0; i < REQUESTS; i++) await send()
  const us = ((performance.now() - started) * 1000) / REQUESTS
  console.log(`  ${name.padEnd(36)} ${us.toFixed(0)} µs per request`)
}
await smsim.close()
