/**
 * smsim in a container, for a team's Node tests through testcontainers (11.x, installed beside
 * smsim: `npm install --save-dev smsim testcontainers`). The image is the repository's Dockerfile
 * (docs/containers.md); the module starts it, waits for `/_smsim/health` and hands back its URLs
 * and a client of its control API.
 *
 * The container's control API is opened to any Host name (testcontainers may reach it through a
 * Docker gateway's address rather than loopback) behind a control token made for this container
 * alone, which the returned client sends (ADR 010).
 *
 * @example
 * import { SmsimContainer } from 'smsim/testcontainers'
 *
 * const smsim = await new SmsimContainer()
 *   .withAccounts({ provider: 'smstob', id: 'me@example.fr', secret: 'pw', credits: 10 })
 *   .withClock({ now: '2026-01-05T09:00:00+01:00', frozen: true })
 *   .start()
 * await fetch(`${smsim.providerUrl('smstob')}/http.php?email=me%40example.fr&pass=pw&numero=0660919010&message=Bonjour`)
 * await smsim.messages({ provider: 'smstob' }) // [{ to: '+33660919010', text: 'Bonjour', … }]
 * await smsim.waitForSms({ to: '0660919010', match: 'Bonjour' }) // as soon as it is there
 * await smsim.stop()
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  AbstractStartedContainer,
  GenericContainer,
  Wait,
  type StartedTestContainer,
} from 'testcontainers'
import { parse as parseYaml } from 'yaml'
import type { AccountInput, Mail, ProviderId, Sms } from './core/model.ts'
import {
  controlClient,
  type ControlClient,
  type MailWait,
  type ShownSms,
  type SmsWait,
} from './control-client.ts'
import { SMSIM_VERSION } from './version.ts'

export { WaitTimeoutError, type MailWait, type ShownSms, type SmsWait } from './control-client.ts'

/** The image `docker build -t smsim/smsim:<version> .` makes from the repository. */
export const SMSIM_IMAGE = `smsim/smsim:${SMSIM_VERSION}`
/** The ports smsim listens on inside the container (the image's EXPOSE). */
export const SMSIM_HTTP_PORT = 8780
export const SMSIM_SMTP_PORT = 2525
/** The HTTPS port, served once TLS is on ({@link SmsimContainer.withTls}). */
export const SMSIM_HTTPS_PORT = 8443
/** Where the image keeps its state (`SMSIM_DATA_DIR`) and its local CA (`SMSIM_TLS_DIR=/data/tls`). */
export const SMSIM_DATA_PATH = '/data'
/** Where the configuration is copied in the container (read through `SMSIM_CONFIG`). */
const CONFIG_PATH = '/etc/smsim/config.json'
/** smsim is healthy in well under a second; a slow CI machine pulling nothing still gets 60 s. */
const STARTUP_TIMEOUT_MS = 60_000

/** What a configuration file holds (`smsim start --config`; README, "`smsim start`"). */
export interface SmsimContainerConfig {
  demo?: boolean
  clock?: { now: string; frozen?: boolean }
  accounts?: AccountInput[]
  numbers?: Record<string, { status: string; [key: string]: unknown }>
  callbackAllow?: string[]
  [key: string]: unknown
}

export class SmsimContainer extends GenericContainer {
  #config: SmsimContainerConfig = {}
  #token: string | undefined
  #hostIp: string | undefined
  #dataSource: string | undefined
  #tls = false

  constructor(image: string = SMSIM_IMAGE) {
    super(image)
    this.withExposedPorts(SMSIM_HTTP_PORT, SMSIM_SMTP_PORT)
      .withWaitStrategy(Wait.forHttp('/_smsim/health', SMSIM_HTTP_PORT).forStatusCode(200))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
  }

  /**
   * A configuration: a YAML or JSON file's path, or the object itself. Several calls, and
   * {@link withAccounts} and {@link withClock}, add up (accounts append, the rest overrides).
   */
  withConfig(config: string | SmsimContainerConfig): this {
    const read =
      typeof config === 'string'
        ? (parseYaml(readFileSync(config, 'utf8')) as SmsimContainerConfig | null)
        : config
    const { accounts, ...rest } = read ?? {}
    this.#config = { ...this.#config, ...rest }
    if (accounts) this.withAccounts(...accounts)
    return this
  }

  /** Accounts to create at start (the demo accounts are not created once any is given). */
  withAccounts(...accounts: AccountInput[]): this {
    this.#config = {
      demo: false,
      ...this.#config,
      accounts: [...(this.#config.accounts ?? []), ...accounts],
    }
    return this
  }

  /** The simulator's clock at start, e.g. `{ now: '2026-01-05T09:00:00+01:00', frozen: true }`. */
  withClock(clock: { now: string; frozen?: boolean }): this {
    this.#config = { ...this.#config, clock }
    return this
  }

  /** The control token (default: 32 random bytes made for this container). */
  withControlToken(token: string): this {
    this.#token = token
    return this
  }

  /**
   * The host address the ports are published on (default: Docker's, every interface), e.g.
   * `'127.0.0.1'` to keep a simulator holding test credentials off the network. testcontainers
   * must then reach the ports there too: when it would use a bridge gateway's address (it does
   * when it believes it runs in a container), set `TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1`.
   */
  withHostIp(ip: string | undefined): this {
    this.#hostIp = ip
    return this
  }

  /**
   * Keeps the state (and the local CA of {@link withTls}) in `source`, mounted at `/data` with
   * `SMSIM_DATA_DIR=/data`: a named volume (`'smsim-data'`, created by Docker if missing) or a
   * host directory's absolute path, which the container's `node` user (uid 1000) must be able to
   * write. A container started later on the same source finds the accounts, SMS, mails and clock
   * as the last one left them. One container at a time: smsim locks the directory.
   */
  withDataDir(source: string): this {
    this.#dataSource = source
    return this
  }

  /**
   * HTTPS on {@link SMSIM_HTTPS_PORT} (published) and STARTTLS on SMTP (`SMSIM_TLS`), with a
   * certificate of smsim's local CA, created in `/data/tls` (kept with {@link withDataDir});
   * the started container's `caCertificate()` gives it to trust.
   */
  withTls(): this {
    this.#tls = true
    return this
  }

  override async start(): Promise<StartedSmsimContainer> {
    if (this.#tls) this.withExposedPorts(SMSIM_HTTPS_PORT).withEnvironment({ SMSIM_TLS: '1' })
    if (this.#dataSource !== undefined) {
      this.hostConfig.Binds = [
        ...(this.hostConfig.Binds ?? []),
        `${this.#dataSource}:${SMSIM_DATA_PATH}:rw`,
      ]
      this.withEnvironment({ SMSIM_DATA_DIR: SMSIM_DATA_PATH })
    }
    if (this.#hostIp)
      for (const bindings of Object.values(this.hostConfig.PortBindings ?? {}))
        for (const binding of bindings as { HostIp?: string }[]) binding.HostIp = this.#hostIp
    const token = this.#token ?? randomBytes(32).toString('base64url')
    this.withEnvironment({ SMSIM_CONTROL_TOKEN: token, SMSIM_ALLOW_HOSTS: '*' })
    if (Object.keys(this.#config).length) {
      this.withCopyContentToContainer([
        { content: JSON.stringify(this.#config), target: CONFIG_PATH, mode: 0o644 },
      ]).withEnvironment({ SMSIM_CONFIG: CONFIG_PATH })
    }
    return new StartedSmsimContainer(await super.start(), token, this.#tls)
  }
}

export class StartedSmsimContainer extends AbstractStartedContainer {
  /** A client of the control API (`/_smsim` is prepended to each path), token included. */
  readonly control: ControlClient
  readonly #tls: boolean

  constructor(started: StartedTestContainer, token: string, tls = false) {
    super(started)
    this.#tls = tls
    this.control = controlClient(this.getHttpUrl(), { token })
  }

  /** `https://<host>:<mapped port>` of a container started {@link SmsimContainer.withTls}. */
  getHttpsUrl(): string {
    if (!this.#tls) throw new Error('this smsim container was not started withTls()')
    return `https://${this.getHost()}:${this.getMappedPort(SMSIM_HTTPS_PORT)}`
  }

  /**
   * The local CA's certificate (PEM) that signs the container's HTTPS and SMTP certificates
   * (`smsim ca --pem` in the container): pass it as `ca` to Node's https, tls or nodemailer.
   */
  async caCertificate(): Promise<string> {
    const { stdout, output, exitCode } = await this.exec(['smsim', 'ca', '--pem'])
    if (exitCode !== 0) throw new Error(`smsim ca --pem failed (${exitCode}): ${output}`)
    return stdout
  }

  /** `http://<host>:<mapped port>`: the providers' prefixes and the control API are below. */
  getHttpUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(SMSIM_HTTP_PORT)}`
  }

  getSmtpHost(): string {
    return this.getHost()
  }

  getSmtpPort(): number {
    return this.getMappedPort(SMSIM_SMTP_PORT)
  }

  /** Where a provider's HTTP interface is served, e.g. `http://localhost:32771/aspsms`. */
  providerUrl(provider: ProviderId): string {
    return `${this.getHttpUrl()}/${provider}`
  }

  /** The SMS the phones received (`GET /_smsim/messages`), oldest first. */
  messages(filter: Record<string, string> = {}): Promise<Sms[]> {
    return this.control.get<Sms[]>(`/messages${query(filter)}`)
  }

  /** The mails the providers sent back (`GET /_smsim/mails`), oldest first. */
  mails(filter: Record<string, string> = {}): Promise<Mail[]> {
    return this.control.get<Mail[]>(`/mails${query(filter)}`)
  }

  /**
   * The first SMS that matches, as soon as a phone has it (one already there counts: give
   * `since`); rejects with a `WaitTimeoutError` after `timeout` ms (default 10 s). smsim waits:
   * nothing polls.
   *
   * @example
   * const { otp } = await smsim.waitForSms({ to: '0660919010', match: /code/, timeout: 5000 })
   */
  waitForSms(wait?: SmsWait): Promise<ShownSms> {
    return this.control.waitForSms(wait)
  }

  /** The first outbox mail that matches, as {@link waitForSms} does. */
  waitForMail(wait?: MailWait): Promise<Mail> {
    return this.control.waitForMail(wait)
  }

  /** Sets the simulator's clock (`PUT /_smsim/clock`). */
  async setClock(clock: { now: string; frozen?: boolean }): Promise<void> {
    await this.control.put('/clock', clock)
  }

  /** Back to the configuration the container started with (`POST /_smsim/reset`). */
  async reset(): Promise<void> {
    await this.control.post('/reset')
  }
}

function query(filter: Record<string, string>): string {
  const text = new URLSearchParams(filter).toString()
  return text ? `?${text}` : ''
}
