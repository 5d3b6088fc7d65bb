/**
 * The local CA's files: where they go by default, a key made private again, a broken CA named
 * in the error rather than silently replaced (ADR 020).
 */
import { X509Certificate } from 'node:crypto'
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CA_KEY_FILE, defaultTlsDir, issueServerCertificate, loadOrCreateCa } from './local-ca.ts'

const dirs: string[] = []
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'smsim-ca-'))
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

describe('the local CA', () => {
  it('lives in $XDG_CONFIG_HOME/smsim, else ~/.config/smsim', () => {
    expect(defaultTlsDir({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/smsim')
    expect(defaultTlsDir({})).toMatch(/\.config\/smsim$/)
  })

  it('makes a key that others can read private again when it loads it', async () => {
    const dir = await tempDir()
    const created = await loadOrCreateCa(dir)
    await chmod(join(dir, CA_KEY_FILE), 0o644)
    const again = await loadOrCreateCa(dir)
    expect(again.created).toBe(false)
    expect(again.fingerprint).toBe(created.fingerprint)
    expect((await stat(join(dir, CA_KEY_FILE))).mode & 0o777).toBe(0o600)
  })

  it('refuses a CA it cannot read, naming the files to delete, rather than replacing it', async () => {
    const dir = await tempDir()
    await loadOrCreateCa(dir)
    await writeFile(join(dir, 'ca.pem'), 'not a certificate')
    await expect(loadOrCreateCa(dir)).rejects.toMatchObject({ code: 'SMSIM_BAD_TLS_DIR' })
  })

  it('issues a server certificate signed by the CA for host names and addresses', async () => {
    const ca = await loadOrCreateCa(await tempDir())
    const served = await issueServerCertificate(ca, ['JSON.aspsms.com', '127.0.0.1', '[::1]'])
    const cert = new X509Certificate(served.cert)
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true)
    expect(cert.subjectAltName).toBe(
      'DNS:json.aspsms.com, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    )
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true)
  })
})
