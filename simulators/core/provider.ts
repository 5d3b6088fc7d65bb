/**
 * The contract between the simulator and each provider (STYLE.md §1, §6): a provider is a
 * folder whose `index.ts` exports one {@link Provider}. HTTP and SOAP endpoints are handlers
 * over a small request shape, so that the `node:http` listener and msw mount the very same
 * code; nothing is written per transport.
 */
import type { Effect } from './effects.ts'
import type { MailEndpoint } from './mail.ts'
import type { AccountInput, ProviderId } from './model.ts'
import type { SmsEvent, StateView } from './store.ts'

/** The request as every HTTP adapter hands it over. */
export interface SimRequest {
  method: string
  /** Host name in lower case, without the port. */
  host: string
  /** Path as received, percent-encoding untouched, without the provider's prefix. */
  path: string
  /**
   * The provider prefix the request came under (`/aspsms`), or `''` at a real host. With the
   * Host header it rebuilds the URL the client used (a WSDL's service address).
   */
  mount?: string
  /** The raw query string, without `?`. */
  query: string
  /** The request came over TLS (smsim's HTTPS port): URLs built from it are `https://`. */
  secure?: boolean
  /** Header names in lower case. */
  headers: Record<string, string | undefined>
  body: Uint8Array
  /**
   * The text fields of a `multipart/form-data` body, read by the engine before the decision
   * (core/multipart.ts: Node's parser is asynchronous, a decision is not); absent otherwise.
   */
  form?: ReadonlyMap<string, string>
}

export interface SimResponse {
  status: number
  headers: Record<string, string>
  body: string | Uint8Array
}

/**
 * The bytes of a response body: a string body is encoded in the charset its Content-Type
 * declares (ISO-8859-1 for the old PHP and ASP services, UTF-8 otherwise). Both HTTP adapters
 * write bodies through this one function.
 */
export function responseBytes(response: SimResponse): Uint8Array {
  if (typeof response.body !== 'string') return response.body
  const latin1 = /charset=(iso-8859-1|latin1)/i.test(response.headers['content-type'] ?? '')
  return Buffer.from(response.body, latin1 ? 'latin1' : 'utf8')
}

/** What an endpoint decided: the answer, the state changes, and what the journal records. */
export interface HttpResult {
  response: SimResponse
  effects: Effect[]
  journal: {
    transport: string
    /** The fields the operation read, as strings cut to a named length (core/bounds.ts). */
    request: Record<string, unknown>
    account?: string
    code?: string | number
    /** Values read as credentials, right or wrong: masked wherever they occur in the entry. */
    secrets?: readonly string[]
  }
}

export interface HttpEndpoint {
  /** A short name for logs and the journal, e.g. `http.php`. */
  name: string
  /** The provider's real host names (lower case), served at the real path. */
  hosts: readonly string[]
  /** The real paths; one ending in `/*` serves everything under it (JSON's `/<Method>`). */
  paths: readonly string[]
  /** Paths under the provider's smsim prefix, when they differ from {@link paths}. */
  prefixPaths?: readonly string[]
  /** IIS-hosted services ignore case in paths; PHP on Apache does not. */
  caseInsensitive?: boolean
  /**
   * Whether a request calls one of the provider's operations (default: every request does).
   * `false` for a request that only fetches a document, such as a WSDL: injected faults skip
   * it, so that `refuse`/`http500`/`drop` counted `times: 1` hit the call a test is about, not
   * the description a SOAP client fetches first.
   */
  isOperation?(request: SimRequest): boolean
  /**
   * Decides one request. Pure: reads `view` and `now`, returns effects, does no I/O. With
   * `refuse`, an injected fault asks for that provider code instead of a decision (after the
   * request is parsed, so that the answer has the right form).
   */
  handle(request: SimRequest, view: StateView, now: Date, refuse?: number): HttpResult
}

/**
 * A route a provider adds to the control API under `/_smsim/`, for what only it has (SMStoB's
 * contact groups imported from a CSV file). control.ts mounts it behind the same guards as its own
 * routes and knows nothing of what it does; openapi.ts describes it from {@link openapi}.
 */
export interface ControlRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** An express path under `/_smsim/`: `/accounts/smstob/:id/groups/:group`. */
  path: string
  /**
   * The body is a CSV file, read as bytes up to `maxBytes` ahead of the JSON parser; only
   * `text/csv` and `application/octet-stream` are taken (415 otherwise: "send `what` as a CSV
   * body…"). Without it, the body is JSON, as on every other control route, and the route is
   * mounted after the control API's own: a path one of those matches never reaches it.
   */
  csvBody?: { maxBytes: number; what: string }
  /** The route in `/_smsim/openapi.json`; its path parameters are read from {@link path}. */
  openapi: {
    /** The operation's name in the document (default: made of the method and the path). */
    operationId?: string
    summary: string
    /** Descriptions of the path parameters, by name. */
    parameters?: Readonly<Record<string, string>>
    /** The JSON body's schema (a CSV body is described as `text/csv` without it). */
    requestBody?: object
    /** The 200 answer. */
    response: { description: string; schema: object }
    /** The error statuses it is documented to answer with. */
    errors: readonly number[]
  }
  /**
   * Carries the request out. Pure, like an endpoint: reads `view` and `now`, returns the answer
   * and the effects (applied by the simulator), does no I/O. A refusal is a thrown ControlError
   * (core/errors.ts), answered with its status and message like the control API's own.
   */
  handle(request: ControlRequest, view: StateView, now: Date): ControlResult
}

export interface ControlRequest {
  /** The path parameters, decoded. */
  params: Readonly<Record<string, string | undefined>>
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>
  /** A CSV route's bytes (undefined when no body was sent); another route's parsed JSON. */
  body: unknown
}

export interface ControlResult {
  /** The JSON answer, with status 200. */
  json: unknown
  effects: Effect[]
}

/** One code of a provider's documented table (STYLE.md §10). */
export interface CodeEntry {
  code: number | string
  /** Verbatim from the provider's document. */
  text: string
  /** What causes it. */
  when: string
  source: 'documented' | 'public' | 'ours'
}

export interface Provider {
  id: ProviderId
  name: string
  /** Path prefix under which the HTTP endpoints are also served, e.g. `/smstob`. */
  prefix: string
  codes: readonly CodeEntry[]
  /**
   * What a code the journal records means when {@link codes} does not hold it as written
   * (iSendPro's `ack 1`, from its Ack table; ASPSMS's JSON inquiry `0`); `undefined` lets the
   * engine look `codes` up, as it does for every other provider.
   */
  codeMeaning?: (code: string | number) => string | undefined
  http: readonly HttpEndpoint[]
  /** Mail-to-SMS addresses served by the SMTP gateway. */
  mail?: readonly MailEndpoint[]
  /** How account ids compare: SMStoB logins are e-mail addresses, compared without case. */
  normalizeAccountId?: (id: string) => string
  /**
   * The account id is itself the credential (iSendPro's keyid): the journal, the SMS, the
   * mails, the ledger and the account list show it masked (core/secrets.ts).
   */
  accountIdIsSecret?: boolean
  /** The provider's codes for failures on its side, that `PUT /_smsim/faults` may inject. */
  faultCodes?: readonly number[]
  /** Checks `options` given through the control API or a config file; returns the problems. */
  validateOptions?: (options: Record<string, unknown>) => string[]
  /** Control routes of this provider's own, under `/_smsim/` (SMStoB: contact import). */
  controlRoutes?: readonly ControlRoute[]
  /** Reacts to what the network did to an SMS (error mails, flash retry, callbacks). */
  onSmsEvent?: (event: SmsEvent, view: StateView, now: Date) => Effect[]
  /**
   * The demo accounts `npm start` creates, and how to use them (printed at start): `baseUrl` is
   * the HTTP side's, `smtp` where the mail gateway listens.
   */
  demo: {
    accounts: AccountInput[]
    usage: (baseUrl: string, smtp: { host: string; port: number }) => string[]
  }
}
