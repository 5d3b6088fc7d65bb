/**
 * The container image, started for real by the testcontainers module (`smsim/testcontainers`)
 * on a Docker engine (issue 13). `npm run test:containers` (and CI, through
 * .ci/docker/with-image.sh) builds the image and provides the engine; elsewhere these tests are
 * skipped, saying so.
 */
import { execFile } from 'node:child_process'
import { randomBytes, X509Certificate } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import type { TLSSocket } from 'node:tls'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import nodemailer from 'nodemailer'
import { Wait } from 'testcontainers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  SmsimContainer,
  SMSIM_IMAGE,
  type StartedSmsimContainer,
} from '../../simulators/testcontainers.ts'

const ENABLED = process.env.SMSIM_CONTAINER_TESTS === '1'
const IMAGE = process.env.SMSIM_IMAGE ?? SMSIM_IMAGE
const ACCOUNT = { provider: 'smstob' as const, id: 'ecole@example.fr', secret: 'pw', credits: 10 }
const docker = promisify(execFile)

/** A GET over HTTPS trusting `ca` alone: the certificate the server presented, once verified. */
function httpsGet(url: string, ca: string) {
  return new Promise<{ status: number; body: string; issuer: string }>((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      const issuer = (res.socket as TLSSocket).getPeerCertificate().issuer
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, issuer: String(issuer.CN) }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** The image, its ports published on 127.0.0.1 only (the tests talk to loopback alone). */
const container = () => new SmsimContainer(IMAGE).withHostIp('127.0.0.1')

if (!ENABLED)
  console.warn(
    'test/container: skipped (run `npm run test:containers` to build the image and run them)',
  )

function send(smsim: StartedSmsimContainer, numero: string, message: string, pass = 'pw') {
  const query = new URLSearchParams({ email: ACCOUNT.id, pass, numero, message })
  return fetch(`${smsim.providerUrl('smstob')}/http.php?${query}`).then((r) => r.text())
}

describe.skipIf(!ENABLED)('the smsim image through SmsimContainer', () => {
  let smsim: StartedSmsimContainer

  beforeAll(async () => {
    smsim = await container()
      .withAccounts(ACCOUNT)
      .withClock({ now: '2026-01-05T09:00:00+01:00', frozen: true })
      .start()
  })
  afterAll(() => smsim?.stop())

  it('answers a provider on the mapped HTTP port, and the SMS is on the phone', async () => {
    expect((await send(smsim, '0660919010', 'Bonjour du conteneur')).trim()).toBe('80')
    expect(await smsim.messages({ provider: 'smstob' })).toMatchObject([
      { to: '+33660919010', text: 'Bonjour du conteneur' },
    ])
  })

  it('takes mail on the mapped SMTP port and mails the confirmation back', async () => {
    const transport = nodemailer.createTransport({
      host: smsim.getSmtpHost(),
      port: smsim.getSmtpPort(),
      secure: false,
      ignoreTLS: true,
    })
    const info = await transport.sendMail({
      from: ACCOUNT.id,
      to: 'sms@smstob.com',
      subject: 'pw:0660901010',
      text: 'Bonjour par SMTP',
    })
    transport.close()
    expect(info.accepted).toEqual(['sms@smstob.com'])
    const mails = await smsim.mails({ to: ACCOUNT.id })
    expect(mails.map((m) => m.subject).join('\n')).toContain('(80)')
  })

  it('answers waitForSms as soon as the SMS is sent, with its one-time code', async () => {
    const waiting = smsim.waitForSms({ to: '0660919011', match: /code/, timeout: 10_000 })
    expect((await send(smsim, '0660919011', 'Votre code : 482913')).trim()).toBe('80')
    expect(await waiting).toMatchObject({ to: '+33660919011', otp: '482913' })
    expect(await smsim.waitForMail({ to: ACCOUNT.id, match: '(80)' })).toMatchObject({
      to: ACCOUNT.id,
    })
  })

  it('runs on the clock it was given, which the control client moves', async () => {
    expect(await smsim.control.get('/clock')).toMatchObject({
      now: '2026-01-05T08:00:00.000Z',
      frozen: true,
    })
    await smsim.setClock({ now: '2026-02-01T10:00:00+01:00', frozen: true })
    expect(await smsim.control.get('/clock')).toMatchObject({ now: '2026-02-01T09:00:00.000Z' })
  })

  it('keeps its control API behind the token made for the container', async () => {
    const anonymous = await fetch(`${smsim.getHttpUrl()}/_smsim/messages`)
    expect(anonymous.status).toBe(401)
  })

  it('reset restores the accounts it started with', async () => {
    await smsim.control.patch(`/accounts/smstob/${ACCOUNT.id}`, { credits: 0 })
    await smsim.reset()
    expect(await smsim.control.get(`/accounts/smstob/${ACCOUNT.id}`)).toMatchObject({
      credits: 10,
    })
  })

  it('runs as a user that is not root', async () => {
    const { output, exitCode } = await smsim.exec(['id', '-u'])
    expect(exitCode).toBe(0)
    expect(output.trim()).not.toBe('0')
  })

  it('has `smsim` on its PATH: the conformance suites pass inside the container', async () => {
    const { output, exitCode } = await smsim.exec(['smsim', 'conformance', '--provider', 'smstob'])
    expect(output).toMatch(/Result\s+OK/)
    expect(exitCode).toBe(0)
  })
})

describe.skipIf(!ENABLED)('the smsim image, configured and stopped', () => {
  it('reads a mounted YAML configuration file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smsim-container-'))
    const file = join(dir, 'smsim.yaml')
    writeFileSync(
      file,
      'demo: false\naccounts:\n  - { provider: smstob, id: ecole@example.fr, secret: fromfile, credits: 3 }\n',
    )
    const smsim = await container().withConfig(file).start()
    try {
      expect((await send(smsim, '0660919010', 'Bonjour', 'fromfile')).trim()).toBe('80')
      expect((await send(smsim, '0660919010', 'Bonjour', 'pw')).trim()).toBe('82')
    } finally {
      await smsim.stop()
    }
  })

  it('takes its options from environment variables', async () => {
    const withDemo = await container().start()
    const withoutDemo = await container().withEnvironment({ SMSIM_NO_DEMO: '1' }).start()
    try {
      expect((await withDemo.control.get<unknown[]>('/accounts')).length).toBeGreaterThan(0)
      expect(await withoutDemo.control.get('/accounts')).toEqual([])
    } finally {
      await Promise.all([withDemo.stop(), withoutDemo.stop()])
    }
  })

  it("is healthy by the image's own HEALTHCHECK", async () => {
    // Docker runs the check every 5 s: the container is started only once Docker says healthy.
    const smsim = await container().withWaitStrategy(Wait.forHealthCheck()).start()
    const { stdout } = await docker('docker', [
      'inspect',
      '-f',
      '{{.State.Health.Status}}',
      smsim.getId(),
    ])
    await smsim.stop()
    expect(stdout.trim()).toBe('healthy')
  })

  it('stops on SIGTERM by itself, within 1 s, with status 0', async () => {
    const smsim = await container().start()
    // Docker sends SIGTERM, waits 1 s, then SIGKILL (status 137): 0 means smsim stopped itself.
    const stopped = await smsim.stop({ timeout: 1_000, remove: false })
    const { stdout } = await docker('docker', [
      'inspect',
      '-f',
      '{{.State.ExitCode}}',
      stopped.getId(),
    ])
    await docker('docker', ['rm', stopped.getId()])
    expect(stdout.trim()).toBe('0')
  })
})

describe.skipIf(!ENABLED)('the smsim image, its state in /data and TLS', () => {
  it('keeps the SMS and the credits in a named volume across containers (SMSIM_DATA_DIR=/data)', async () => {
    const volume = `smsim-test-${randomBytes(6).toString('hex')}`
    const onVolume = () => container().withAccounts(ACCOUNT).withDataDir(volume)
    try {
      const first = await onVolume().start()
      expect((await send(first, '0660919010', 'Gardé dans le volume')).trim()).toBe('80')
      const { credits } = await first.control.get<{ credits: number }>(
        `/accounts/smstob/${ACCOUNT.id}`,
      )
      expect(credits).toBeLessThan(ACCOUNT.credits)
      await first.stop() // docker stop (SIGTERM), then the container is removed; the volume stays

      const second = await onVolume().start()
      try {
        expect(await second.messages({ provider: 'smstob' })).toMatchObject([
          { to: '+33660919010', text: 'Gardé dans le volume' },
        ])
        expect(await second.control.get(`/accounts/smstob/${ACCOUNT.id}`)).toMatchObject({
          credits,
        })
      } finally {
        await second.stop()
      }
    } finally {
      await docker('docker', ['volume', 'rm', volume])
    }
  })

  it('serves HTTPS on 8443 with a certificate of the CA kept in the mounted /data/tls', async () => {
    // A host directory the container's node user (uid 1000) may write to.
    const dir = mkdtempSync(join(tmpdir(), 'smsim-container-data-'))
    chmodSync(dir, 0o777)
    try {
      const smsim = await container().withTls().withDataDir(dir).start()
      let ca: string
      try {
        ca = readFileSync(join(dir, 'tls', 'ca.pem'), 'utf8')
        expect(await smsim.caCertificate()).toBe(ca)
        const answer = await httpsGet(`${smsim.getHttpsUrl()}/_smsim/health`, ca)
        expect(answer.status).toBe(200)
        expect(answer.issuer).toBe(new X509Certificate(ca).subject.match(/CN=(.*)/)?.[1])
      } finally {
        await smsim.stop()
      }
      // The next container on the directory keeps the CA: a client trusting it once still does.
      const again = await container().withTls().withDataDir(dir).start()
      try {
        expect((await httpsGet(`${again.getHttpsUrl()}/_smsim/health`, ca)).status).toBe(200)
      } finally {
        await again.stop()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
