/**
 * The README's recipes for trusting smsim's CA ("HTTPS and SMTP TLS"), each run as it is written
 * there by the real client in its own process: Node with NODE_EXTRA_CA_CERTS, PHP's curl and
 * SoapClient, Java's HttpClient with a keytool truststore, Python's requests with
 * REQUESTS_CA_BUNDLE. Each calls a provider's real URL, the name resolved to 127.0.0.1 the
 * client's own way, and reads the provider's real answer. curl and nodemailer are in tls.test.ts.
 *
 * A client whose tool is missing is skipped, saying which; with SMSIM_RECIPE_TESTS=1 (CI, which
 * installs them) it fails instead, so that a recipe never goes untested unnoticed.
 */
import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest'
import { startSmsim, type RunningSmsim } from '../../simulators/server/app.ts'

const run = promisify(execFile)
const FIXTURES = fileURLToPath(new URL('./tls-recipes/', import.meta.url))

/**
 * Longest one client process may take, in ms: a hang (a handshake that never ends, a client
 * waiting on a name it cannot resolve) kills the process and fails its test instead of holding
 * CI. The slowest is `java Recipe.java`, which compiles the file in memory first: 5 to 10 s
 * measured on the project's 2-core machine while vitest runs beside it; the bound leaves a
 * loaded CI machine three times that.
 */
const CLIENT_TIMEOUT_MS = 30_000
/** A test's budget: a keytool import and a Java run, each within {@link CLIENT_TIMEOUT_MS}. */
const TEST_TIMEOUT_MS = 2 * CLIENT_TIMEOUT_MS + 5_000

/** With SMSIM_RECIPE_TESTS=1 a missing tool fails the test instead of skipping it (CI). */
const STRICT = process.env.SMSIM_RECIPE_TESTS === '1'

/** requests_recipe.py's exit code when Python has no requests library. */
const MISSING_REQUESTS = 3

/** The demo account every start has (simulators/aspsms/index.ts): 1000 credits. */
const DEMO = { userKey: 'DEMOASPSMS', password: 'demo', credits: 1000 } as const
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
const NAMESPACE = 'https://webservice.aspsms.com/aspsmsx2.asmx'
const CHECK_CREDITS_JSON = JSON.stringify({ UserName: DEMO.userKey, Password: DEMO.password })

/** Whether `name` is an executable on the PATH, as the shell would find it. */
function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/**
 * Ends the test when a tool is missing (or a check says the client cannot run), naming it:
 * skipped, or failed under {@link STRICT}. Both throw (vitest's `skip` too); nothing when
 * `missing` is undefined.
 */
function needs(context: TestContext, missing: string | undefined): void {
  if (missing === undefined) return
  if (STRICT) throw new Error(`SMSIM_RECIPE_TESTS=1 and ${missing}`)
  context.skip(`${missing} (set SMSIM_RECIPE_TESTS=1 to fail instead)`)
}

/** What is missing of `tools`, as a sentence, or undefined. */
function missingTools(...tools: string[]): string | undefined {
  const absent = tools.filter((tool) => !onPath(tool))
  return absent.length ? `not found on the PATH: ${absent.join(', ')}` : undefined
}

/** Runs a client process within {@link CLIENT_TIMEOUT_MS}; its stdout. */
async function client(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await run(command, args, {
    env: { ...process.env, ...env },
    timeout: CLIENT_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  })
  return stdout
}

/** Whether `php` has the extensions a recipe needs; what lacks, as a sentence, or undefined. */
async function missingPhpExtensions(...extensions: string[]): Promise<string | undefined> {
  const missing = missingTools('php')
  if (missing) return missing
  const loaded = (await client('php', ['-m'])).toLowerCase().split('\n')
  const absent = extensions.filter((extension) => !loaded.includes(extension))
  return absent.length ? `php without the extension(s) ${absent.join(', ')}` : undefined
}

describe("the README's TLS recipes, each by its real client", () => {
  let dir: string
  let smsim: RunningSmsim
  let caPath: string
  let port: number

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smsim-tls-recipes-'))
    smsim = await startSmsim({ httpPort: 0, smtpPort: 0, tls: { dir, httpsPort: 0 } })
    caPath = join(dir, 'ca.pem')
    port = smsim.https!.port
  })
  afterAll(async () => {
    await smsim?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('Node: NODE_EXTRA_CA_CERTS, then https://json.aspsms.com CheckCredits', async () => {
    const stdout = await client(
      process.execPath,
      [
        join(FIXTURES, 'node-https.mjs'),
        `https://json.aspsms.com:${port}/CheckCredits`,
        CHECK_CREDITS_JSON,
      ],
      { NODE_EXTRA_CA_CERTS: caPath },
    )
    const answer = JSON.parse(stdout) as { status: number; body: string }
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({
      Credits: String(DEMO.credits),
      StatusCode: '1',
      StatusInfo: 'OK',
    })
  })

  it('Node: refused without NODE_EXTRA_CA_CERTS (the recipe is what makes it work)', async () => {
    await expect(
      client(process.execPath, [
        join(FIXTURES, 'node-https.mjs'),
        `https://json.aspsms.com:${port}/CheckCredits`,
        CHECK_CREDITS_JSON,
      ]),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('UNABLE_TO_VERIFY_LEAF_SIGNATURE') })
  })

  it(
    'PHP curl: CURLOPT_CAINFO and CURLOPT_RESOLVE, then https://json.aspsms.com CheckCredits',
    async (context) => {
      needs(context, await missingPhpExtensions('curl'))
      const stdout = await client('php', [
        join(FIXTURES, 'php-curl.php'),
        caPath,
        String(port),
        CHECK_CREDITS_JSON,
      ])
      expect(JSON.parse(stdout)).toMatchObject({
        Credits: String(DEMO.credits),
        StatusCode: '1',
        StatusInfo: 'OK',
      })
    },
    TEST_TIMEOUT_MS,
  )

  it(
    "PHP SoapClient: the stream context's ssl cafile, the WSDL over HTTPS, then CheckCredits",
    async (context) => {
      needs(context, await missingPhpExtensions('soap', 'openssl'))
      // PHP resolves names by the system only: `localhost`, which the certificate names too,
      // stands for webservice.aspsms.com; the WSDL then announces the https address it came from.
      const stdout = await client('php', [
        join(FIXTURES, 'php-soapclient.php'),
        caPath,
        `https://localhost:${port}/aspsms/aspsmsx2.asmx?WSDL`,
        DEMO.userKey,
        DEMO.password,
      ])
      expect(stdout.trim()).toBe(`Credits:${DEMO.credits}`)
    },
    TEST_TIMEOUT_MS,
  )

  it(
    'Java: keytool into a PKCS12 truststore, then HttpClient posts SOAP to https://webservice.aspsms.com',
    async (context) => {
      needs(context, missingTools('java', 'keytool'))
      const store = join(dir, 'smsim.p12')
      const hosts = join(dir, 'hosts')
      // The README's command, with the CA's path for "$(smsim ca --path)".
      await client('keytool', [
        ...['-importcert', '-noprompt', '-alias', 'smsim', '-file', caPath],
        ...['-keystore', store, '-storetype', 'PKCS12', '-storepass', 'changeit'],
      ])
      await writeFile(hosts, '127.0.0.1 webservice.aspsms.com json.aspsms.com\n')
      const envelope = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><CheckCredits xmlns="${NAMESPACE}"><UserKey>${DEMO.userKey}</UserKey><Password>${DEMO.password}</Password></CheckCredits></soap:Body></soap:Envelope>`
      const stdout = await client('java', [
        `-Djavax.net.ssl.trustStore=${store}`,
        '-Djavax.net.ssl.trustStorePassword=changeit',
        `-Djdk.net.hosts.file=${hosts}`,
        join(FIXTURES, 'Recipe.java'),
        `https://webservice.aspsms.com:${port}/aspsmsx2.asmx`,
        `${NAMESPACE}/CheckCredits`,
        envelope,
      ])
      const [status, ...body] = stdout.split('\n')
      expect(status).toBe('200')
      expect(body.join('\n')).toContain(
        `<CheckCreditsResult>Credits:${DEMO.credits}</CheckCreditsResult>`,
      )
    },
    TEST_TIMEOUT_MS,
  )

  it(
    'Python: REQUESTS_CA_BUNDLE, then requests posts to https://json.aspsms.com CheckCredits',
    async (context) => {
      needs(context, missingTools('python3'))
      const stdout = await client(
        'python3',
        [
          join(FIXTURES, 'requests_recipe.py'),
          `https://json.aspsms.com:${port}/CheckCredits`,
          CHECK_CREDITS_JSON,
        ],
        { REQUESTS_CA_BUNDLE: caPath },
      ).catch((error: { code?: unknown; stderr?: string }) => {
        if (error.code === MISSING_REQUESTS) needs(context, error.stderr?.trim())
        throw error
      })
      const answer = JSON.parse(stdout) as { status: number; body: string }
      expect(answer.status).toBe(200)
      expect(JSON.parse(answer.body)).toMatchObject({
        Credits: String(DEMO.credits),
        StatusCode: '1',
      })
    },
    TEST_TIMEOUT_MS,
  )
})
