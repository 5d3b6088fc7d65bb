/**
 * The time bounds of one SMTP connection beyond smtp-server's idle timeout (issue 10): the idle
 * timeout is reset by any byte, so a client that trickles a byte every few seconds, or sends
 * NOOP every ten, held one of the gateway's few connection slots for ever, and with all of them
 * taken no one could send a mail. Three deadlines, each answered `421` with a text that names
 * it, after which the connection is closed:
 *
 * - **command line**: from the first byte of a command line to its line end;
 * - **session**: from the greeting, or from the last mail accepted, to the next mail accepted —
 *   nothing else is progress (NOOP, RSET, EHLO, refused recipients…);
 * - **data**: from the `354` that answers DATA to the mail's final dot.
 *
 * A mail is never cut by the session deadline: one that runs out while a mail is sent or decided
 * is kept for the mail's reply, and forgotten if the mail was accepted. The connection tells this
 * class what happens (gateway-connection.ts); this class keeps the timers.
 *
 * @see simulators/mail/limits.ts — COMMAND_LINE_TIMEOUT_MS, SESSION_WITHOUT_MAIL_MS, DATA_TIMEOUT_MS
 */

/** The bounds, in milliseconds (limits.ts gives the defaults and their reasons). */
export interface DeadlineLimits {
  commandLineTimeoutMs: number
  sessionWithoutMailMs: number
  dataTimeoutMs: number
}

/** Which deadline ran out. */
export type Deadline = 'command-line' | 'session' | 'data'

/**
 * The text of the `421` for each deadline (smtp-server adds `4.4.2`, as to its own idle
 * timeout's "Timeout - closing connection").
 *
 * @example
 * deadlineText('session', 60_000) // 'Timeout - no mail accepted within 60 s of session, closing connection'
 */
export function deadlineText(deadline: Deadline, ms: number): string {
  const within = duration(ms)
  switch (deadline) {
    case 'command-line':
      return `Timeout - command line not completed within ${within}, closing connection`
    case 'session':
      return `Timeout - no mail accepted within ${within} of session, closing connection`
    case 'data':
      return `Timeout - mail not received within ${within}, closing connection`
  }
}

/** Whole seconds as `60 s`, anything else (the bounds tests use) as `300 ms`. */
function duration(ms: number): string {
  return ms % 1_000 === 0 ? `${ms / 1_000} s` : `${ms} ms`
}

/**
 * The deadlines of one connection. `expire` is called once, with the deadline that ran out and
 * its text; the connection answers it `421` and closes, then calls {@link stop}.
 *
 * @example
 * const deadlines = new ClientDeadlines(limits, (_deadline, text) => connection.send(421, text))
 * deadlines.start()          // the greeting
 * deadlines.linePending()    // part of a command line came
 * deadlines.lineEnded()      // … and its end
 * deadlines.mailStarted()    // 354
 * deadlines.mailReceived()   // the final dot
 * deadlines.mailAnswered(true) // 250: the session deadline starts again
 */
export class ClientDeadlines {
  readonly #limits: DeadlineLimits
  readonly #expire: (deadline: Deadline, text: string) => void
  #line: NodeJS.Timeout | undefined
  #session: NodeJS.Timeout | undefined
  #data: NodeJS.Timeout | undefined
  /** From the 354 to the mail's reply. */
  #inMail = false
  /** The session deadline passed while a mail was in progress. */
  #sessionOver = false
  #stopped = false

  constructor(limits: DeadlineLimits, expire: (deadline: Deadline, text: string) => void) {
    this.#limits = limits
    this.#expire = expire
  }

  /** The session begins (the greeting). */
  start(): void {
    this.#restartSession()
  }

  /** Part of a command line is in, without its end: its deadline runs from the first time. */
  linePending(): void {
    if (this.#stopped || this.#line) return
    this.#line = this.#arm(this.#limits.commandLineTimeoutMs, () => this.#fire('command-line'))
  }

  /** A command line ended (or none is pending). */
  lineEnded(): void {
    clearTimeout(this.#line)
    this.#line = undefined
  }

  /** DATA was answered `354`: the mail's own deadline runs, the session's waits for its reply. */
  mailStarted(): void {
    this.lineEnded()
    if (this.#stopped) return
    this.#inMail = true
    clearTimeout(this.#data)
    this.#data = this.#arm(this.#limits.dataTimeoutMs, () => this.#fire('data'))
  }

  /** The final dot came: what follows is the gateway's decision, not the client's time. */
  mailReceived(): void {
    clearTimeout(this.#data)
    this.#data = undefined
  }

  /**
   * The mail's reply was sent: an accepted mail starts the session deadline again; a refused
   * one leaves it running, and ends the session now if it ran out during the mail.
   */
  mailAnswered(accepted: boolean): void {
    if (!this.#inMail) return
    this.#inMail = false
    this.mailReceived()
    if (accepted) this.#restartSession()
    else if (this.#sessionOver) this.#fire('session')
  }

  /** The connection is closing: no deadline fires any more. */
  stop(): void {
    this.#stopped = true
    for (const timer of [this.#line, this.#session, this.#data]) clearTimeout(timer)
    this.#line = this.#session = this.#data = undefined
  }

  #restartSession(): void {
    this.#sessionOver = false
    clearTimeout(this.#session)
    if (this.#stopped) return
    this.#session = this.#arm(this.#limits.sessionWithoutMailMs, () => {
      this.#session = undefined
      if (this.#inMail) this.#sessionOver = true
      else this.#fire('session')
    })
  }

  #fire(deadline: Deadline): void {
    if (this.#stopped) return
    const ms = {
      'command-line': this.#limits.commandLineTimeoutMs,
      session: this.#limits.sessionWithoutMailMs,
      data: this.#limits.dataTimeoutMs,
    }[deadline]
    this.stop()
    this.#expire(deadline, deadlineText(deadline, ms))
  }

  /** A timer that does not keep the process alive: a stopping smsim closes every connection. */
  #arm(ms: number, fire: () => void): NodeJS.Timeout {
    const timer = setTimeout(fire, ms)
    timer.unref()
    return timer
  }
}
