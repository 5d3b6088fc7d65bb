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

export type TargetId =
  | 'node'
  | 'express'
  | 'smsim-80'
  | 'smsim-82'
  | 'smsim-80-full'
  | 'smsim-82-full'
  | 'smsim-80-disk'
  | 'wiremock'

export interface Target {
  id: TargetId
  label: string
  query: string
  /** The body every answer must carry. */
  expect: string
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
  { id: 'wiremock', label: 'WireMock 3.13 (JVM, journal off)', query: QUERY_80, expect: '80' },
]

export const target = (id: TargetId) => TARGETS.find((t) => t.id === id)!

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
