/**
 * `--data-dir` against a crash (issue 15): every send smsim acknowledged before a kill -9 is
 * there after the restart, with its debit; and a damaged file makes `smsim start` exit with a
 * clear message instead of crashing in a loop.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import nodemailer from 'nodemailer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startSmsim, type RunningSmsim } from '../../simulators/server/app.ts'

const bin = fileURLToPath(new URL('../../bin/smsim.js', import.meta.url))
/** Sends fired together, one in four by mail. */
const SENDS = 200
/**
 * Two process starts, 205 sends and a restart: 2–3 s on an idle machine, ten times that when the
 * machine's two cores are shared with a Docker build and other test runs.
 */
const KILL_TEST_TIMEOUT_MS = 60_000
/** Mails sent and acknowledged one by one before the concurrent sends. */
const MAILS_FIRST = 5
/** The kill comes after this many acknowledgements: early, halfway, late. */
const KILL_POINTS = [7, SENDS / 2, SENDS - 20]

describe('smsim --data-dir killed with SIGKILL', () => {
  let dir: string
  const children: ChildProcess[] = []
  const running: RunningSmsim[] = []
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smsim-kill-'))
  })
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL')
    for (const smsim of running.splice(0)) await smsim.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Starts `smsim start` in a child process; resolves with its URL and its exit. */
  async function startChild(args: string[]) {
    const child = spawn(
      process.execPath,
      [bin, 'start', '--http-port', '0', '--smtp-port', '0', ...args],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    children.push(child)
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    let output = ''
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    const url = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk
        const match = /HTTP\s+(http:\/\/\S+)/.exec(output)
        if (match && output.includes('Providers:')) resolve(match[1]!)
      })
      void exited.then((code) => reject(new Error(`smsim exited with ${code}: ${output}`)))
    })
    return { child, url, exited, output: () => output }
  }

  it.each(KILL_POINTS)(
    'keeps every acknowledged send and its debit, HTTP and SMTP, killed after %d acknowledgements',
    async (killAfter) => {
      const { child, url, exited, output } = await startChild([
        '--data-dir',
        dir,
        '--log-level',
        'silent',
      ])
      const base = await url
      const smtpPort = Number(/SMTP\s+\S+:(\d+)/.exec(output())![1])
      const acknowledged: string[] = []
      let killed = false
      const acknowledge = (text: string) => {
        if (killed) return
        acknowledged.push(text)
        if (acknowledged.length >= killAfter) {
          killed = true
          child.kill('SIGKILL')
        }
      }
      const overHttp = async (text: string) => {
        const answer = await fetch(
          `${base}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=${encodeURIComponent(text)}`,
        )
        if ((await answer.text()) === '80') acknowledge(text)
      }
      const overSmtp = async (text: string) => {
        // Resolves once the gateway's 250 to the data is read: that is the acknowledgement.
        await nodemailer
          .createTransport({ host: '127.0.0.1', port: smtpPort, ignoreTLS: true })
          .sendMail({
            from: 'demo@smstob.test',
            to: 'sms.demo@smstob.com',
            subject: '0660545465',
            text,
          })
        acknowledge(text)
      }
      // A few mails first, one after the other: every kill point has SMTP acknowledgements to
      // check, whatever the machine's speed (under load the concurrent mails come late).
      for (let i = 0; i < MAILS_FIRST; i++) await overSmtp(`Par mail, d'abord ${i}`)
      await Promise.all(
        Array.from({ length: SENDS }, (_, i) =>
          (i % 4 === 3 ? overSmtp(`Par mail ${i}`) : overHttp(`Bonjour ${i}`)).catch(() => {
            // A send the kill cut off: never acknowledged, so it may or may not be kept.
          }),
        ),
      )
      await exited
      expect(killed).toBe(true)

      const smsim = await startSmsim({ httpPort: 0, smtpPort: 0, dataDir: dir })
      running.push(smsim)
      const kept = smsim.sim.store.messages({ provider: 'smstob' })
      const texts = new Set(kept.map((m) => m.text))
      for (const text of acknowledged) expect(texts.has(text), text).toBe(true)
      // Nothing half there: each SMS kept was debited once, no more, no less, and the balance
      // is the sum of the ledger.
      const account = smsim.sim.store.account('smstob', 'demo@smstob.test')!
      const debits = smsim.sim.store
        .ledger({ provider: 'smstob', account: 'demo@smstob.test' })
        .filter((entry) => entry.delta < 0)
      expect(debits).toHaveLength(kept.length)
      const created = smsim.sim.store.ledger({ account: 'demo@smstob.test' })[0]!.balance
      expect(account.credits).toBe(created + debits.reduce((sum, entry) => sum + entry.delta, 0))
      // Each SMS kept has its journal entry (the decision and its entry are one commit).
      const journalled = smsim.sim.store.journal().filter((entry) => entry.code === 80)
      expect(journalled).toHaveLength(kept.length)
    },
    KILL_TEST_TIMEOUT_MS,
  )

  it('exits with status 2 and names --reset-data when the file is damaged', async () => {
    writeFileSync(join(dir, 'smsim.db'), 'not a database at all, '.repeat(100))
    const { url, exited, output } = await startChild(['--data-dir', dir])
    await expect(url).rejects.toThrow()
    expect(await exited).toBe(2)
    expect(output()).toContain('--reset-data')
    const reset = await startChild(['--data-dir', dir, '--reset-data'])
    expect(await reset.url).toMatch(/^http:/)
  })
})
