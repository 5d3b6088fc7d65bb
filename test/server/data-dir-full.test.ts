/**
 * `--data-dir` on a full disk (issue 15): a request whose effects cannot reach the disk is
 * refused whole — HTTP 503, SMTP 451, health 503 — never answered as if kept, and smsim goes on
 * by itself once there is room again, losing nothing it acknowledged.
 *
 * A real full disk: a 1 MiB tmpfs mounted for the test, grown afterwards with a remount. That
 * needs root (CI runs as root: it installs Debian packages); elsewhere the test is skipped and
 * says so.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmsim, type RunningSmsim } from '../../simulators/server/app.ts'

/** Small enough to fill in a few hundred sends, large enough for the database's first pages. */
const SMALL = '1m'
/** Sends tried at most before the disk must be full (each keeps ~1 KiB with a long text). */
const MAX_SENDS = 5_000

const mountPoint = mkdtempSync(join(tmpdir(), 'smsim-full-'))
const canMount = (() => {
  if (process.getuid?.() !== 0) return false
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${SMALL}`, 'tmpfs', mountPoint])
    return true
  } catch {
    return false
  }
})()
if (!canMount)
  console.warn(
    'data-dir-full.test.ts skipped: mounting a tmpfs needs root (a full disk is made, not faked)',
  )

describe.skipIf(!canMount)('smsim --data-dir on a full disk', () => {
  let smsim: RunningSmsim
  beforeAll(async () => {
    smsim = await startSmsim({ httpPort: 0, smtpPort: 0, dataDir: mountPoint, logger: quiet })
  })
  afterAll(async () => {
    await smsim?.close()
    execFileSync('umount', [mountPoint])
    rmSync(mountPoint, { recursive: true, force: true })
  })
  const quiet = { error: () => {} }
  const send = async (i: number) => {
    const text = `Bonjour ${i} ${'x'.repeat(600)}`
    const answer = await fetch(
      `${smsim.url}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=${encodeURIComponent(text)}`,
    )
    return { status: answer.status, body: await answer.text(), text }
  }
  const health = async () => {
    const answer = await fetch(`${smsim.url}/_smsim/health`)
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> }
  }

  it('refuses whole what it cannot keep, and recovers when there is room', async () => {
    const kept: string[] = []
    let refused: { status: number; body: string } | undefined
    for (let i = 0; i < MAX_SENDS && !refused; i++) {
      const answer = await send(i)
      if (answer.status === 200 && answer.body === '80') kept.push(answer.text)
      else refused = answer
    }
    expect(refused?.status).toBe(503)
    expect(refused?.body).toMatch(/^Service Unavailable: smsim cannot keep this request on disk: /)
    expect(refused?.body).toContain('free some space')

    // While full: health says so, a new request is refused before it is decided, a mail too.
    const full = await health()
    expect(full.status).toBe(503)
    expect(full.body).toMatchObject({
      status: 'unwritable',
      dataDir: { path: mountPoint, writable: false },
    })
    const before = smsim.sim.store.messages().length
    expect((await send(-1)).status).toBe(503)
    expect(smsim.sim.store.messages()).toHaveLength(before)
    const port = smsim.smtp.port
    await expect(
      nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true }).sendMail({
        from: 'demo@smstob.test',
        to: 'sms.demo@smstob.com',
        subject: '0660545465',
        text: 'Bonjour',
      }),
    ).rejects.toMatchObject({ responseCode: 451 })

    // Room again: the next request goes through, and health is back.
    execFileSync('mount', ['-o', 'remount,size=32m', mountPoint])
    const after = await send(MAX_SENDS)
    expect(after.body).toBe('80')
    kept.push(after.text)
    expect((await health()).status).toBe(200)

    // Everything acknowledged is on disk: a restart finds it.
    await smsim.close()
    smsim = await startSmsim({ httpPort: 0, smtpPort: 0, dataDir: mountPoint, logger: quiet })
    const texts = new Set(smsim.sim.store.messages().map((m) => m.text))
    for (const text of kept) expect(texts.has(text)).toBe(true)
  })
})
