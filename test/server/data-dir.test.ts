/**
 * `--data-dir` (issue 15) through the real transport: what a client did over HTTP before a
 * restart — the account's credits, the SMS, the journal, the clock — is there after it; a second
 * smsim on the same directory is refused and the first one goes on.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSmsim, type RunningSmsim } from '../../simulators/server/app.ts'

const SEND = '/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=Bonjour'
const T0 = '2026-01-05T09:00:00.000Z'

describe('smsim with --data-dir', () => {
  let dir: string
  const running: RunningSmsim[] = []
  const start = async (options: Parameters<typeof startSmsim>[0] = {}) => {
    const smsim = await startSmsim({ httpPort: 0, smtpPort: 0, dataDir: dir, ...options })
    running.push(smsim)
    return smsim
  }
  const stop = async (smsim: RunningSmsim) => {
    running.splice(running.indexOf(smsim), 1)
    await smsim.close()
  }
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smsim-data-dir-'))
  })
  afterEach(async () => {
    for (const smsim of running.splice(0)) await smsim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps the credits, the SMS and the journal of a send across a restart', async () => {
    const first = await start({ clock: { now: T0, frozen: true } })
    const answer = await fetch(first.url + SEND)
    expect(answer.status).toBe(200)
    const before = first.sim.store.account('smstob', 'demo@smstob.test')!.credits
    const messages = first.sim.store.messages()
    const journal = first.sim.store.journal({ provider: 'smstob' })
    expect(messages).toHaveLength(1)
    await stop(first)

    const second = await start()
    expect(second.sim.store.account('smstob', 'demo@smstob.test')!.credits).toBe(before)
    expect(second.sim.store.messages()).toEqual(messages)
    expect(second.sim.store.journal({ provider: 'smstob' })).toEqual(journal)
    // The same text to the same number is still a duplicate within 24 h (SMStoB's code 91).
    expect(await (await fetch(second.url + SEND)).text()).toBe('91')
  })

  it('keeps an account created through the control API, answered once it is on disk', async () => {
    const first = await start({ demo: false })
    const created = await fetch(`${first.url}/_smsim/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        provider: 'smstob',
        id: 'ecole@example.fr',
        secret: 'XV65JU',
        credits: 5,
      }),
    })
    expect(created.status).toBe(201)
    await stop(first)
    const second = await start({ demo: false })
    const sent = await fetch(
      `${second.url}/smstob/http.php?email=ecole@example.fr&pass=XV65JU&numero=0660919010&message=Salut`,
    )
    expect(await sent.text()).toBe('80')
    expect(second.sim.store.account('smstob', 'ecole@example.fr')!.credits).toBe(4)
  })

  it('keeps a running clock running, at its offset from the wall time', async () => {
    const first = await start({ clock: { now: '2030-06-01T12:00:00Z', frozen: false } })
    await stop(first)
    const second = await start()
    const offset = second.sim.clock.now().getTime() - Date.now()
    expect(second.sim.clock.mode).toBe('offset')
    // Four years ahead, give or take the time the test took between the two starts.
    expect(Math.abs(offset - (Date.parse('2030-06-01T12:00:00Z') - Date.now()))).toBeLessThan(
      60_000,
    )
  })

  it('keeps a frozen clock frozen at the instant it was moved to', async () => {
    const first = await start({ clock: { now: T0, frozen: true } })
    first.sim.clock.advance(60_000)
    await stop(first)
    const second = await start()
    expect(second.sim.clock.toJSON()).toEqual({
      now: '2026-01-05T09:01:00.000Z',
      frozen: true,
      mode: 'frozen',
    })
  })

  it('keeps the faults armed, counted down, across a restart', async () => {
    const first = await start()
    first.sim.setFaults('smstob', { http500: 2 })
    expect((await fetch(first.url + SEND)).status).toBe(500)
    await stop(first)
    const second = await start()
    expect(second.sim.faults('smstob')).toMatchObject({ http500: 1 })
    expect((await fetch(second.url + SEND)).status).toBe(500)
    expect((await fetch(second.url + SEND)).status).toBe(200)
  })

  it('starts from the configured accounts after a reset, restart or not', async () => {
    const first = await start()
    expect((await fetch(first.url + SEND)).status).toBe(200)
    first.sim.reset()
    await stop(first)
    const second = await start()
    expect(second.sim.store.messages()).toEqual([])
    expect(second.sim.store.account('smstob', 'demo@smstob.test')?.credits).toBe(
      second.sim.configuredAccounts.find((a) => a.id === 'demo@smstob.test')?.credits,
    )
  })

  it('refuses a second smsim on the same directory, and the first one goes on', async () => {
    const first = await start()
    await expect(start()).rejects.toMatchObject({ code: 'SMSIM_DATA_DIR_LOCKED' })
    expect((await fetch(first.url + SEND)).status).toBe(200)
  })
})
