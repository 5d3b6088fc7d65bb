/**
 * smsim's local certificate authority (ADR 020): created on first use in a directory of its
 * own, reused after, and the certificate smsim serves its HTTPS and SMTP TLS with, issued at
 * every start for the providers' real host names, loopback and the names the user adds.
 *
 * A client that trusts the CA (NODE_EXTRA_CA_CERTS, curl --cacert, a Java truststore…) then
 * reaches `https://json.aspsms.com` on smsim through a hosts entry, unchanged; one that does
 * not trust it fails its handshake, as it should.
 */
import { webcrypto } from 'node:crypto'
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isIP } from 'node:net'
import { join } from 'node:path'
// tsyringe, under @peculiar/x509, needs the Reflect metadata API; this module is loaded only
// when TLS is asked for (app.ts imports it dynamically), so a plain start never adds it.
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import { SmsimError } from '../core/errors.ts'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

/**
 * The CA's lifetime. Ten years: whoever imported it into a truststore (a JVM's, a phone's) should
 * not have to do it again; the key never leaves the user's machine (0600), so a long life costs
 * little. Delete the directory to start over.
 */
export const CA_VALIDITY_DAYS = 3650

/**
 * The served certificate's lifetime. It is issued again at every start, so a short one would
 * do; 397 days is the longest that browsers and Apple's TLS stack accept of a server
 * certificate, so that a smsim left running for months still serves a valid one.
 */
export const LEAF_VALIDITY_DAYS = 397

/**
 * How far back both certificates start: a container or a VM whose clock is a little behind the
 * host's must not see a certificate from the future.
 */
export const BACKDATE_MS = 60 * 60 * 1000

/**
 * The keys: ECDSA on P-256 for the CA and the served certificate. Made in milliseconds by
 * WebCrypto (an RSA-2048 key takes a second or more in pure JS), accepted by every TLS client
 * smsim's users run (OpenSSL, Java 8+, .NET, PHP's curl, Python's ssl), and as strong as
 * RSA-3072.
 */
export const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const

/** The file names in the TLS directory. */
export const CA_CERT_FILE = 'ca.pem'
export const CA_KEY_FILE = 'ca-key.pem'

/** The CA as loaded: its PEM, where it is, and what signs with its key. */
export interface LocalCa {
  certPath: string
  keyPath: string
  certPem: string
  /** SHA-256 of the certificate's DER, hex: a second start shows the same. */
  fingerprint: string
  /** Whether this call created it. */
  created: boolean
  cert: x509.X509Certificate
  key: webcrypto.CryptoKey
}

/** A certificate and key to serve, in PEM (Node's `tls` options). */
export interface ServedCertificate {
  cert: string
  key: string
  /** The names it is valid for (DNS names and IP addresses). */
  names: string[]
}

/**
 * The default TLS directory: `$XDG_CONFIG_HOME/smsim`, else `~/.config/smsim` (a per-user
 * place: the CA key is the user's, not the project's).
 *
 * @example
 * defaultTlsDir({ XDG_CONFIG_HOME: '/tmp/cfg' }) // '/tmp/cfg/smsim'
 */
export function defaultTlsDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'smsim')
}

/**
 * Loads the CA from `dir`, or creates it there (the directory 0700, the key 0600). A key file
 * others can read is made private again: it signs certificates the user's clients trust.
 *
 * @example
 * const ca = await loadOrCreateCa('/tmp/smsim-tls')
 * console.log(ca.certPath, ca.fingerprint)
 */
export async function loadOrCreateCa(dir: string): Promise<LocalCa> {
  const certPath = join(dir, CA_CERT_FILE)
  const keyPath = join(dir, CA_KEY_FILE)
  try {
    const [certPem, keyPem] = await Promise.all([
      readFile(certPath, 'utf8'),
      readFile(keyPath, 'utf8'),
    ])
    const mode = (await stat(keyPath)).mode
    if (mode & 0o077) await chmod(keyPath, 0o600)
    return await loaded(certPath, keyPath, certPem, keyPem, false)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      if (error instanceof SmsimError) throw error
      throw new SmsimError(
        'SMSIM_BAD_TLS_DIR',
        `the CA in ${dir} cannot be read (${(error as Error).message}); delete ${certPath} and ${keyPath} to create a new one`,
        { cause: error },
      )
    }
  }
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const { certPem, keyPem } = await createCa()
  // Written aside, then renamed: a second smsim starting at the same moment reads a whole CA
  // (its own or this one), never half a file.
  const suffix = `.${process.pid}.tmp`
  await writeFile(keyPath + suffix, keyPem, { mode: 0o600 })
  await writeFile(certPath + suffix, certPem, { mode: 0o644 })
  await rename(keyPath + suffix, keyPath)
  await rename(certPath + suffix, certPath)
  return loaded(certPath, keyPath, certPem, keyPem, true)
}

async function loaded(
  certPath: string,
  keyPath: string,
  certPem: string,
  keyPem: string,
  created: boolean,
): Promise<LocalCa> {
  const cert = new x509.X509Certificate(certPem)
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(keyPem),
    KEY_ALGORITHM,
    false,
    ['sign'],
  )
  const fingerprint = Buffer.from(await cert.getThumbprint('SHA-256')).toString('hex')
  return { certPath, keyPath, certPem, fingerprint, created, cert, key }
}

/**
 * Certificates are dated by the machine's wall clock, never the simulator's: clients check
 * `notBefore`/`notAfter` against their own real time, and a simulator clock set to 2026-01-05
 * (or frozen) would issue certificates they refuse.
 */
const wallNow = (): number => Date.now()

async function createCa(): Promise<{ certPem: string; keyPem: string }> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])
  const now = wallNow()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=smsim local CA (${new Date(now).toISOString().slice(0, 10)}), O=smsim`,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + CA_VALIDITY_DAYS * 86_400_000),
    signingAlgorithm: SIGNING_ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  return {
    certPem: `${cert.toString('pem')}\n`,
    keyPem: `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n`,
  }
}

/**
 * Issues the certificate smsim serves, for `names` (host names and IP addresses), signed by
 * `ca`. A fresh key each time: it lives in memory only.
 *
 * @example
 * const served = await issueServerCertificate(ca, ['json.aspsms.com', 'localhost', '127.0.0.1'])
 * https.createServer({ cert: served.cert, key: served.key })
 */
export async function issueServerCertificate(
  ca: LocalCa,
  names: readonly string[],
): Promise<ServedCertificate> {
  const unique = [...new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean))]
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify'])
  const now = wallNow()
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=smsim, O=smsim',
    issuer: ca.cert.subject,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + LEAF_VALIDITY_DAYS * 86_400_000),
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        unique.map((name) => ({
          type: isIP(unbracket(name)) ? 'ip' : 'dns',
          value: unbracket(name),
        })),
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
    ],
  })
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)
  return {
    // The leaf alone: a client either has the root already or must fail; sending it changes nothing.
    cert: `${cert.toString('pem')}\n`,
    key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    names: unique,
  }
}

const unbracket = (name: string) => name.replace(/^\[(.*)\]$/, '$1')

/** A positive 128-bit serial in hex (RFC 5280: unique per CA, at most 20 bytes). */
function serial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16))
  bytes[0] = (bytes[0]! & 0x7f) | 0x01
  return Buffer.from(bytes).toString('hex')
}
