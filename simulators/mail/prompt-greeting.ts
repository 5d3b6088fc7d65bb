/**
 * smtp-server without its 100 ms greeting delay (docs/decisions/007-smtp-greeting-delay.md).
 *
 * smtp-server holds every new connection for a hard-coded 100 ms before its `220` greeting,
 * to catch spammers that talk before being greeted ("early talkers"); no option turns it off.
 * A client that opens one connection per mail — nodemailer's default, and most applications —
 * is then held to 10 mails/s per connection, and a test suite pays 100 ms per mail. smsim only
 * listens for test traffic, on 127.0.0.1 unless told otherwise: it greets at once.
 *
 * The change is two overrides on public members of the library's classes, nothing patched:
 * `SMTPServer.connect` builds a {@link PromptConnection} instead of a plain `SMTPConnection`
 * (the four lines of the library's own `connect`), and `PromptConnection.init` runs the
 * library's `init` — listeners, the `maxClients` check — then readies the connection at once.
 * The library's own 100 ms timer still fires later and finds the connection ready: the guard in
 * {@link PromptConnection.connectionReady} makes it a no-op.
 */
import type { Socket } from 'node:net'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'
import { SMTPConnection, type SMTPConnectionOptions } from 'smtp-server/lib/smtp-connection.js'

/** A connection that greets as soon as the library has set it up. */
class PromptConnection extends SMTPConnection {
  #readied = false

  override init(): void {
    super.init()
    // With implicit TLS (`needsUpgrade`) the session starts after the handshake, from the
    // library's callback; the gateway never uses it, but the class must not break it.
    if (!this.needsUpgrade) this.connectionReady()
  }

  /**
   * Readies the connection once: from {@link init} at once, then never again when the
   * library's delayed call comes. A connection `init` refused (too many clients) is closing,
   * and the library's `connectionReady` leaves it alone.
   */
  override connectionReady(next?: () => void): void {
    if (this.#readied) return
    this.#readied = true
    super.connectionReady(next)
  }
}

/**
 * An `SMTPServer` whose connections greet without the 100 ms delay, unless `promptGreeting`
 * is false (the library's behaviour, for the benchmark that measures the difference).
 *
 * @example
 * const server = new PromptSMTPServer({ disableReverseLookup: true, onData })
 * server.listen(2525, '127.0.0.1')
 */
export class PromptSMTPServer extends SMTPServer {
  readonly #prompt: boolean

  constructor(options: SMTPServerOptions, promptGreeting = true) {
    super(options)
    this.#prompt = promptGreeting
  }

  override connect(socket: Socket, socketOptions?: SMTPConnectionOptions | null): void {
    if (!this.#prompt) return super.connect(socket, socketOptions)
    // As the library's `connect`, with the connection class swapped.
    const connection = new PromptConnection(this, socket, socketOptions)
    this.connections.add(connection)
    connection.on('error', (error: Error) => this._onError(error))
    connection.on('connect', (data) => this._onClientConnect(data))
    connection.init()
  }
}
