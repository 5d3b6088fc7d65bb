/**
 * smtp-server's connection, as the gateway needs it: it greets at once, and it holds slow
 * clients to the deadlines of client-deadlines.ts. Both are overrides of members the library
 * declares in its own typings, nothing patched (docs/decisions/007-smtp-greeting-delay.md,
 * docs/decisions/011-slow-smtp-clients.md).
 *
 * - **Greeting.** smtp-server holds every new connection for a hard-coded 100 ms before its
 *   `220`, to catch spammers that talk before being greeted; a client that opens one connection
 *   per mail — nodemailer's default — is then held to 10 mails/s per connection. smsim listens
 *   for test traffic: {@link GatewayConnection.init} runs the library's `init` (listeners, the
 *   `maxClients` check) and readies the connection at once; the library's own timer fires later
 *   and finds it ready (the guard in {@link GatewayConnection.connectionReady}).
 * - **Deadlines.** The connection tells its {@link ClientDeadlines} what happens: the parser
 *   ({@link CommandStream}) after each chunk it read, whether a command line is left unfinished;
 *   `_onCommand`, that a line ended; `send`, the `354` that starts a mail and the reply that
 *   ends it. A deadline that runs out is answered `421` (which closes the connection).
 * - **Refusals.** Every reply goes through `send`, the library's own refusals (SIZE, too many
 *   recipients, too many clients, its idle timeout) as well as the gateway's: `send` tells
 *   {@link ConnectionSettings.onReply} of each one from 400 up, with the command it answers and
 *   the session, so that the gateway can journal them all in one place.
 */
import type { Socket } from 'node:net'
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server'
import { SMTPConnection, type SMTPConnectionOptions } from 'smtp-server/lib/smtp-connection.js'
import { SMTPStream } from 'smtp-server/lib/smtp-stream.js'
import { ClientDeadlines, type DeadlineLimits } from './client-deadlines.ts'

/**
 * The command parser, reporting where each chunk of input left it: {@link afterChunk} once a
 * chunk is read (its lines handled, what remains of an unfinished line kept in `_remainder`),
 * {@link onMailEnd} at a mail's final dot.
 *
 * @note `_write` calls its callback only once every line of the chunk was handled, however long
 * the gateway took to answer them: the client is charged from the time its bytes are read.
 */
class CommandStream extends SMTPStream {
  afterChunk: () => void = () => undefined
  onMailEnd: () => void = () => undefined

  override _write(
    chunk: Buffer,
    encoding: BufferEncoding | 'buffer',
    next: (error?: Error | null) => void,
  ): void {
    super._write(chunk, encoding, (error) => {
      this.afterChunk()
      next(error)
    })
  }

  override _endDataMode(chunk: Buffer | false, remainder: Buffer, callback: () => void): void {
    this.onMailEnd()
    super._endDataMode(chunk, remainder, callback)
  }
}

/** A reply from 400 up, as {@link ConnectionSettings.onReply} is told of it. */
export interface FailureReply {
  code: number
  /** The reply's text as given to `send`, without the code (smtp-server adds the RFC 3463 code). */
  text: string
  /**
   * The command line it answers, as the client sent it (cut to {@link MAX_REMEMBERED_COMMAND}
   * characters); `undefined` for a reply no command asked for (a timeout, too many clients).
   * After DATA, `DATA` stands for the mail too: its final dot is answered under it.
   */
  command: string | undefined
  /** The session; its envelope holds the sender and the recipients accepted so far. */
  session: SMTPServerSession
}

/** What the gateway sets for every connection. */
export interface ConnectionSettings {
  /** `false` keeps the library's 100 ms delay before the greeting (the benchmark's baseline). */
  promptGreeting: boolean
  deadlines: DeadlineLimits
  /** Told of every reply from 400 up, before it is written. Must not throw. */
  onReply?: (reply: FailureReply) => void
}

/**
 * Longest command line a refusal remembers: an address with its `SIZE=` and other parameters
 * fits many times over; a client's 16 KiB line (`MAX_COMMAND_BYTES`) is not kept whole.
 */
export const MAX_REMEMBERED_COMMAND = 1_024

/** A connection that greets as soon as the library has set it up, and keeps to its deadlines. */
class GatewayConnection extends SMTPConnection {
  readonly #prompt: boolean
  readonly #deadlines: ClientDeadlines
  readonly #onReply: ((reply: FailureReply) => void) | undefined
  #readied = false
  /** The command line being answered; `undefined` before the first one and after a reply to it. */
  #command: string | undefined

  constructor(
    server: SMTPServer,
    socket: Socket,
    options: SMTPConnectionOptions | null | undefined,
    settings: ConnectionSettings,
  ) {
    super(server, socket, options)
    this.#prompt = settings.promptGreeting
    this.#onReply = settings.onReply
    this.#deadlines = new ClientDeadlines(settings.deadlines, (_deadline, text) =>
      this.send(421, text),
    )
  }

  override init(): void {
    super.init()
    // A connection over `maxClients` was answered 421 and is closing.
    if (this._closing) return
    // Every way a connection ends (a 421, QUIT, the client leaving) ends with the socket.
    this._socket.once('close', () => this.#deadlines.stop())
    this.#deadlines.start()
    // With implicit TLS (`needsUpgrade`) the session starts after the handshake, from the
    // library's callback; the gateway never uses it, but the class must not break it.
    if (this.#prompt && !this.needsUpgrade) this.connectionReady()
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

  /**
   * As the library's own, with the parser class swapped. Called from the library's constructor,
   * before this class's fields exist: the callbacks reach them only once input comes.
   */
  override _createParser(): SMTPStream {
    const parser = new CommandStream({ maxCommandLength: this._server.options.maxCommandLength })
    parser.oncommand = (command, callback) => this._onCommand(command, callback)
    parser.on('error', (error: Error) => this.send(421, `Error: ${error.message}`))
    parser.afterChunk = () => {
      if (!parser._dataMode && parser._remainder !== '') this.#deadlines.linePending()
      else this.#deadlines.lineEnded()
    }
    parser.onMailEnd = () => this.#deadlines.mailReceived()
    return parser
  }

  override _onCommand(command: Buffer, callback?: () => void): void {
    this.#deadlines.lineEnded()
    this.#command = command.subarray(0, MAX_REMEMBERED_COMMAND).toString('latin1')
    super._onCommand(command, callback)
  }

  override send(code: number, data?: string | string[] | null, context?: string | false): void {
    // Told before the reply is written: a 421 closes the connection, and the session with it.
    // The command is gone once answered: a reply after it (a timeout) answers none.
    if (code >= 400 && this.#onReply) {
      const text = Array.isArray(data) ? data.join(' ') : (data ?? '')
      this.#onReply({ code, text, command: this.#command, session: this.session })
    }
    // `354` is no answer yet: the mail that follows is answered under DATA.
    if (code !== 354) this.#command = undefined
    super.send(code, data, context)
    // The library closes the connection after any 421: no deadline is left to keep.
    if (code === 421) this.#deadlines.stop()
    else if (code === 354) this.#deadlines.mailStarted()
    else this.#deadlines.mailAnswered(code >= 200 && code < 300)
  }
}

/**
 * An `SMTPServer` whose connections are {@link GatewayConnection}s.
 *
 * @example
 * const server = new GatewaySMTPServer({ disableReverseLookup: true, onData }, {
 *   promptGreeting: true,
 *   deadlines: { commandLineTimeoutMs: 10_000, sessionWithoutMailMs: 60_000, dataTimeoutMs: 157_000 },
 * })
 * server.listen(2525, '127.0.0.1')
 */
export class GatewaySMTPServer extends SMTPServer {
  readonly #settings: ConnectionSettings

  constructor(options: SMTPServerOptions, settings: ConnectionSettings) {
    super(options)
    this.#settings = settings
  }

  override connect(socket: Socket, socketOptions?: SMTPConnectionOptions | null): void {
    // As the library's `connect`, with the connection class swapped.
    const connection = new GatewayConnection(this, socket, socketOptions, this.#settings)
    this.connections.add(connection)
    connection.on('error', (error: Error) => this._onError(error))
    connection.on('connect', (data) => this._onClientConnect(data))
    connection.init()
  }
}
