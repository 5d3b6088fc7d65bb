/** The targets of bench/http-throughput.ts, and the messages its server children exchange. */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
/** The entry point: it re-runs itself as `--serve <target>` for each server under test. */
export const SCRIPT = join(ROOT, 'bench', 'http-throughput.ts')

/** The SMStoB send every target is hit with; the servers that are not smsim ignore the query. */
export const ACCOUNT = 'bench@example.fr'
export const QUERY_80 = `email=${ACCOUNT}&pass=pw&numero=0660919010&message=Bonjour`
export const QUERY_82 = `email=${ACCOUNT}&pass=wrong&numero=0660919010&message=Bonjour`
export const PATH = '/smstob/http.php'

/**
 * The other providers' sends (issue 17), POSTed with a body: wrk is given a Lua script
 * ({@link wrkLua}). Each body is the one a client of that interface sends for one SMS.
 */
export const ASPSMS_KEY = 'BENCHKEY'
export const ASPSMS_JSON_PATH = '/aspsms/json/SendSimpleTextSMS'
export const ASPSMS_JSON_BODY = JSON.stringify({
  UserName: ASPSMS_KEY,
  Password: 'pw',
  Originator: 'Bench',
  Recipients: ['+41791234567'],
  MessageText: 'Bonjour',
})
export const ASPSMS_SOAP_PATH = '/aspsms/aspsmsx2.asmx'
export const ASPSMS_SOAP_ACTION = '"https://webservice.aspsms.com/aspsmsx2.asmx/SendTextSMS"'
export const ASPSMS_SOAP_BODY =
  '<?xml version="1.0" encoding="utf-8"?>' +
  '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>' +
  '<SendTextSMS xmlns="https://webservice.aspsms.com/aspsmsx2.asmx">' +
  `<UserKey>${ASPSMS_KEY}</UserKey><Password>pw</Password>` +
  '<Recipients>+41791234567</Recipients><Originator>Bench</Originator>' +
  '<MessageText>Bonjour</MessageText></SendTextSMS></soap:Body></soap:Envelope>'
export const ALLMYSMS_LOGIN = 'bench'
export const ALLMYSMS_PATH = '/allmysms/http/9.0/sendSms/'
export const ALLMYSMS_BODY =
  `login=${ALLMYSMS_LOGIN}&apiKey=key&smsData=` +
  encodeURIComponent('{"DATA":{"MESSAGE":"Bonjour","SMS":[{"MOBILEPHONE":"0660919010"}]}}')
export const ISENDPRO_KEY = 'benchkey'
export const ISENDPRO_PATH = '/isendpro/cgi-bin/sms'
export const ISENDPRO_BODY = JSON.stringify({
  keyid: ISENDPRO_KEY,
  num: '0660919010',
  sms: 'Bonjour',
})

/**
 * The other providers' bench accounts, created in every smsim target: credits without end, and
 * no duplicate check (none of these providers has one); iSendPro's commercial time window lifted
 * so that the answer does not depend on the hour of the run.
 */
export const PROVIDER_ACCOUNTS = [
  { provider: 'aspsms' as const, id: ASPSMS_KEY, secret: 'pw', credits: 1e12, options: {} },
  { provider: 'allmysms' as const, id: ALLMYSMS_LOGIN, secret: 'key', credits: 1e12, options: {} },
  {
    provider: 'isendpro' as const,
    id: ISENDPRO_KEY,
    secret: '',
    credits: 1e12,
    options: { commercialExempt: true },
  },
]

export type TargetId =
  | 'node'
  | 'express'
  | 'smsim-80'
  | 'smsim-82'
  | 'smsim-80-full'
  | 'smsim-82-full'
  | 'smsim-80-disk'
  | 'smsim-aspsms-json'
  | 'smsim-aspsms-soap'
  | 'smsim-allmysms-http'
  | 'smsim-isendpro-rest'
  | 'wiremock'

export interface Target {
  id: TargetId
  label: string
  /** The path loaded; SMStoB's `http.php` ({@link PATH}) unless said. */
  path?: string
  query: string
  /** A POST with this body and these headers instead of a GET (a Lua script for wrk). */
  post?: { body: string; headers: Record<string, string> }
  /** The body every answer must carry: exactly, or matching. */
  expect: string | RegExp
  smsim?: {
    /** The account's duplicate check (code 91), on or off. */
    duplicateCheck: boolean
    /**
     * Fill the store to its cap (MAX_RECORDS) before listening: the state of a simulator left
     * running under a long load test. Otherwise the store is emptied before each round.
     */
    full: boolean
    /** With `--data-dir` (a fresh temporary directory): every accepted send committed to disk. */
    disk?: boolean
  }
}

export const TARGETS: readonly Target[] = [
  { id: 'node', label: 'bare `node:http`', query: QUERY_80, expect: '80' },
  { id: 'express', label: 'express 5, one route', query: QUERY_80, expect: '80' },
  {
    id: 'smsim-80',
    label: 'smsim, accepted send (80)',
    query: QUERY_80,
    expect: '80',
    smsim: { duplicateCheck: false, full: false },
  },
  {
    id: 'smsim-82',
    label: 'smsim, wrong password (82)',
    query: QUERY_82,
    expect: '82',
    smsim: { duplicateCheck: true, full: false },
  },
  {
    id: 'smsim-80-full',
    label: 'smsim, accepted send (80), store full',
    query: QUERY_80,
    expect: '80',
    smsim: { duplicateCheck: false, full: true },
  },
  {
    id: 'smsim-82-full',
    label: 'smsim, wrong password (82), store full',
    query: QUERY_82,
    expect: '82',
    smsim: { duplicateCheck: true, full: true },
  },
  {
    id: 'smsim-80-disk',
    label: 'smsim, accepted send (80), `--data-dir`',
    query: QUERY_80,
    expect: '80',
    smsim: { duplicateCheck: false, full: false, disk: true },
  },
  {
    id: 'smsim-aspsms-json',
    label: 'smsim, ASPSMS JSON `SendSimpleTextSMS` (1)',
    path: ASPSMS_JSON_PATH,
    query: '',
    post: { body: ASPSMS_JSON_BODY, headers: { 'Content-Type': 'application/json' } },
    expect: '{"StatusCode":"1","StatusInfo":"OK"}',
    smsim: { duplicateCheck: false, full: false },
  },
  {
    id: 'smsim-aspsms-soap',
    label: 'smsim, ASPSMS SOAP 1.1 `SendTextSMS` (1)',
    path: ASPSMS_SOAP_PATH,
    query: '',
    post: {
      body: ASPSMS_SOAP_BODY,
      headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: ASPSMS_SOAP_ACTION },
    },
    expect: /<SendTextSMSResult>StatusCode:1<\/SendTextSMSResult>/,
    smsim: { duplicateCheck: false, full: false },
  },
  {
    id: 'smsim-allmysms-http',
    label: 'smsim, allmysms HTTP API 9.0 `sendSms` (100)',
    path: ALLMYSMS_PATH,
    query: '',
    post: {
      body: ALLMYSMS_BODY,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
    expect: /^\{"status":100,/,
    smsim: { duplicateCheck: false, full: false },
  },
  {
    id: 'smsim-isendpro-rest',
    label: 'smsim, iSendPro REST `/sms` (0)',
    path: ISENDPRO_PATH,
    query: '',
    post: { body: ISENDPRO_BODY, headers: { 'Content-Type': 'application/json' } },
    expect: /^\{"etat":\{"etat":\[\{"code":0,/,
    smsim: { duplicateCheck: false, full: false },
  },
  { id: 'wiremock', label: 'WireMock 3.13 (JVM, journal off)', query: QUERY_80, expect: '80' },
]

export const target = (id: TargetId) => TARGETS.find((t) => t.id === id)!

/** The URL wrk loads: the target's path and query. */
export const targetUrl = (t: Target, port: number) =>
  `http://127.0.0.1:${port}${t.path ?? PATH}${t.query ? `?${t.query}` : ''}`

/** A Lua string literal (long bracket form: nothing is escaped inside). */
const luaString = (s: string) => {
  let level = ''
  while (s.includes(`]${level}]`)) level += '='
  return `[${level}[${s}]${level}]`
}

/** The wrk script of a POST target: its method, body and headers. */
export function wrkLua(t: Target): string | undefined {
  if (!t.post) return undefined
  return [
    'wrk.method = "POST"',
    `wrk.body = ${luaString(t.post.body)}`,
    ...Object.entries(t.post.headers).map(
      ([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`,
    ),
    '',
  ].join('\n')
}

export type ToChild =
  | { type: 'stats' }
  | { type: 'memory' }
  | { type: 'count' }
  | { type: 'reset' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'close' }

export type FromChild =
  | { type: 'ready'; port: number }
  | { type: 'stats'; stats: Stats }
  | { type: 'count'; requests: number }
  | { type: 'reset-done' }
  | { type: 'profile-started' }
  | { type: 'profile-written' }
  | { type: 'closed' }

export interface Stats {
  rss: number
  heapUsed: number
  /** Requests the server received since it started (resets do not zero it). */
  requests: number
  /** smsim only: what the store holds, and the codes the kept journal entries answered. */
  sms?: number
  journal?: number
  ledger?: number
  codes?: Record<string, number>
}
