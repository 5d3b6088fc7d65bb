/**
 * Setup of the XML interface's transport tests (STYLE.md §18–23).
 *
 * Every suite can run over both implementations of the HTTP side (§21): the standalone server
 * on 127.0.0.1 port 0, and msw in-process answering `http://xml1.aspsms.com:5061/xmlsvr.asp`.
 * Both serve the same {@link Simulator}, and tests drive its state through the standalone
 * server's control API either way (`PUT /_smsim/clock`, `GET /_smsim/messages`…): msw lets
 * requests to 127.0.0.1 through.
 *
 * The simulator is built here rather than with `startTestSmsim` for one reason: its
 * delivery-notification calls go to a recording sender, so that XMLSPEC's own example URLs
 * (`http://www.mysite.com/…`) are asserted on and never leave the machine.
 *
 * Time is the simulator's frozen clock, moved through the control API: no test sleeps.
 * Unexpected errors are logged to a recording logger, and every test ends by checking that
 * nothing was logged.
 *
 * @example
 * describe.each(IMPLEMENTATIONS)('ShowCredits through $name', ({ kind }) => {
 *   const xml = useXml(kind)
 *   it('answers the balance', async () => {
 *     const reply = await xml.post(aspsms(credentials(), action('ShowCredits')))
 *     expect(reply.fields.Credits).toBe('100')
 *   })
 * })
 */
import { connect } from 'node:net'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { Clock } from '../../../simulators/core/clock.ts'
import type { Account, AccountInput, JournalEntry, Sms } from '../../../simulators/core/model.ts'
import { smsimHandlers } from '../../../simulators/msw.ts'
import { startHttpServer, type HttpServerHandle } from '../../../simulators/server/http-server.ts'
import { Simulator } from '../../../simulators/server/simulator.ts'
import { controlClient, type ControlClient } from '../../../simulators/testing.ts'
import { controlOverHttp, resetEachTest } from '../../support/control.ts'
import type { Implementation } from '../../support/implementations.ts'
import { recordingLogger } from '../../support/logger.ts'
import { ACCOUNT, MONDAY_9H } from '../helpers.ts'

export {
  ACCOUNT,
  fixture,
  MINUTE,
  MOBILE,
  MONDAY_9H,
  PHONE_OFF_10_MIN,
  UNASSIGNED,
} from '../helpers.ts'
export { IMPLEMENTATIONS, type Implementation } from '../../support/implementations.ts'

/** The real endpoint msw answers (port 5061, as XMLSPEC §2.1 lists it). */
export const REAL_ENDPOINT = 'http://xml1.aspsms.com:5061/xmlsvr.asp'

/** The first bytes of every reply: tschiemer's client dies on any other prolog. */
export const PROLOG = '<?xml version="1.0"?>'

/** A reply as a client reads it. */
export interface XmlReply {
  status: number
  contentType: string | null
  /** The body as received (ASCII: every other character is a numeric reference). */
  text: string
  /** The children of `<aspsms>` by name, read with an XML parser; lists for the repeatable. */
  fields: ReplyFields
}

export interface ReplyFields {
  ErrorCode?: string
  ErrorDescription?: string
  CreditsUsed?: string
  Credits?: string
  DeliveryNotification?: Record<string, string>[]
  ParserErrorCode?: string
  ParserErrorDescription?: string
  ParserErrorFilePos?: string
  ParserErrorLine?: string
  ParserErrorLinePos?: string
  ParserErrorSrcText?: string
}

/** One implementation of the XML interface, and the state behind it. */
export interface XmlTarget {
  /** Where requests go: smsim's `/aspsms/xmlsvr.asp`, or the real URL under msw. */
  readonly endpoint: string
  /** The standalone server's base URL (control API, raw sockets). */
  readonly url: string
  /** The server's port, for raw sockets. */
  readonly port: number
  /** POSTs a document (string: UTF-8; bytes as they are). */
  post(body: string | Uint8Array, init?: RequestInit): Promise<XmlReply>
  control: ControlClient
  createAccount(input: Omit<AccountInput, 'provider'>): Promise<void>
  account(id?: string): Promise<Account>
  /** ASPSMS's SMS, oldest first, optionally to one number (E.164). */
  messages(to?: string): Promise<Sms[]>
  journal(): Promise<JournalEntry[]>
  advance(ms: number): Promise<void>
  /** URLs of the delivery notifications called so far, oldest first. */
  callbacks(): Promise<string[]>
}

/**
 * Starts one implementation for the enclosing `describe`; before each test empties the state,
 * freezes the clock at {@link MONDAY_9H} and creates the accounts (default {@link ACCOUNT} with
 * 100 credits). Closes it after the last test.
 */
export function useXml(
  kind: Implementation,
  options: { accounts?: Omit<AccountInput, 'provider'>[] } = {},
): XmlTarget {
  const logger = recordingLogger()
  const accounts = options.accounts ?? [{ ...ACCOUNT }]
  const called: string[] = []
  const sim = new Simulator({
    clock: new Clock({ now: MONDAY_9H, frozen: true }),
    demo: false,
    logger,
    callbackSender: async (url) => {
      called.push(url)
      return { status: 200 }
    },
  })
  const msw = kind === 'msw' ? setupServer(...smsimHandlers(sim)) : undefined
  let http: HttpServerHandle | undefined
  const base = () => {
    if (!http) throw new Error('the standalone server is not started')
    return http.url
  }
  let client: ControlClient | undefined
  const control = () => (client ??= controlClient(base()))
  const aspsms = controlOverHttp(control, 'aspsms')
  const target: XmlTarget = {
    get endpoint() {
      return kind === 'msw' ? REAL_ENDPOINT : `${base()}/aspsms/xmlsvr.asp`
    },
    get url() {
      return base()
    },
    get port() {
      return http!.port
    },
    async post(body, init = {}) {
      const response = await fetch(target.endpoint, { method: 'POST', body, ...init })
      return readReply(response)
    },
    get control() {
      return control()
    },
    createAccount: aspsms.createAccount,
    account: (id = ACCOUNT.id) => aspsms.account(id),
    messages: (to) => aspsms.messages(to ? { to } : {}),
    journal: aspsms.journal,
    advance: aspsms.advance,
    async callbacks() {
      await sim.callbacks.settled()
      return [...called]
    },
  }
  beforeAll(async () => {
    http = await startHttpServer(sim, { port: 0, logger })
    msw?.listen({ onUnhandledRequest: 'bypass' })
  })
  afterAll(async () => {
    msw?.close()
    await http?.close()
  })
  resetEachTest(aspsms, { now: MONDAY_9H, accounts, logger })
  beforeEach(() => {
    called.length = 0
  })
  return target
}

const REPLY_PARSER = new XMLParser({
  parseTagValue: false,
  isArray: (name) => name === 'DeliveryNotification',
})

/** Reads a reply as a client does: status, body, and the children of `<aspsms>`. */
export async function readReply(response: Response): Promise<XmlReply> {
  const text = await response.text()
  const parsed = XMLValidator.validate(text) === true ? REPLY_PARSER.parse(text) : {}
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    fields: (parsed.aspsms ?? {}) as ReplyFields,
  }
}

/**
 * Checks what every client of aspsms-clients.md needs of any reply: HTTP 200 (maxkueng), the
 * exact prolog first (tschiemer), well-formed XML whose every element has text (supcik, droe),
 * `ErrorCode` digits and a non-empty `ErrorDescription` (maxkueng's regexes), ASCII only.
 */
export function expectReadableByEveryClient(reply: XmlReply): void {
  expect(reply.status).toBe(200)
  expect(reply.text.startsWith(PROLOG)).toBe(true)
  expect(XMLValidator.validate(reply.text)).toBe(true)
  expect(reply.text).not.toMatch(/<(\w+)\s*\/>|<(\w+)><\/\2>/)
  expect(reply.text).toMatch(/<ErrorCode>([0-9]+)<\/ErrorCode>/)
  expect(reply.text).toMatch(/<ErrorDescription>([^<]+)<\/ErrorDescription>/)
  expect(reply.text).toMatch(/^[\x20-\x7e\n]*$/)
}

/** Escapes text as supcik's client does: `& < >` and every non-ASCII character as `&#n;`. */
export function escapeText(value: string): string {
  return [...value]
    .map((c) => (/[&<>]|[^\x20-\x7e]/.test(c) ? `&#${c.codePointAt(0)};` : c))
    .join('')
}

/** One element with escaped text. */
export const el = (name: string, value: string | number) =>
  `<${name}>${escapeText(String(value))}</${name}>`

/** A `<Recipient>`, with a transaction reference number if given. */
export const recipient = (number: string, trn?: string) =>
  `<Recipient>${el('PhoneNumber', number)}${trn !== undefined ? el('TransRefNumber', trn) : ''}</Recipient>`

/** `Userkey` and `Password` of the account (default {@link ACCOUNT}). */
export const credentials = (userkey: string = ACCOUNT.id, password: string = ACCOUNT.secret) =>
  `${el('Userkey', userkey)}${el('Password', password)}`

export const action = (name: string) => el('Action', name)

/** A whole request document, with XMLSPEC's declaration. */
export const aspsms = (...children: string[]) =>
  `<?xml version="1.0" encoding="ISO-8859-1"?>\n<aspsms>${children.join('')}</aspsms>`

/**
 * Writes raw bytes on a new connection and reads until the server closes it: for what no HTTP
 * client sends (bytes before the request line, a Content-Length shorter than the body).
 */
export function rawExchange(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
    socket.on('error', reject)
  })
}

/** The body of the first HTTP response in `raw`, by its Content-Length. */
export function firstResponse(raw: string): { head: string; body: string } {
  const end = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, end)
  const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0)
  return { head, body: raw.slice(end + 4, end + 4 + length) }
}
