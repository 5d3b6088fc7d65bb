/**
 * Errors smsim throws for bugs and infrastructure failures. Provider outcomes are never errors:
 * they are values returned by each provider's `decide` (STYLE.md §11).
 *
 * Every error has a stable `code` that scripts can match on.
 *
 * @example
 * try { await startServer({ httpPort: 8780 }) }
 * catch (e) { if (e instanceof PortInUseError) console.error(e.message) }
 */
export class SmsimError extends Error {
  readonly code: string
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** A listening port is already taken (`EADDRINUSE` translated at the adapter). */
export class PortInUseError extends SmsimError {
  constructor(host: string, port: number, cause?: unknown) {
    super('SMSIM_PORT_IN_USE', `port ${port} on ${host} is already in use`, { cause })
  }
}

/** A configuration file or option that cannot be used as given. */
export class BadConfigError extends SmsimError {
  constructor(message: string, cause?: unknown) {
    super('SMSIM_BAD_CONFIG', message, { cause })
  }
}

/**
 * A control-API request that cannot be carried out; `status` is the HTTP status to answer.
 * Thrown by the state layer (unknown account, bad value) and translated once by the control API.
 */
export class ControlError extends SmsimError {
  readonly status: number
  constructor(status: number, message: string) {
    super(status === 404 ? 'SMSIM_NOT_FOUND' : 'SMSIM_BAD_REQUEST', message)
    this.status = status
  }
}
