/**
 * Makes the application send: runs its command (with the target's URLs and the account in its
 * environment) or calls its HTTP endpoint, and returns what a team sees of it — the exit status
 * and output, or the HTTP answer — in one shape the scenarios judge, whatever the trigger.
 */
import { spawn } from 'node:child_process'
import { substitute, type AppTrigger } from './config.ts'

/** What the application did, as the scenarios read it. */
export interface TriggerResult {
  /** It said it succeeded: exit status 0, or an HTTP 2xx answer. */
  ok: boolean
  /** What it printed (stdout, then stderr), or the HTTP answer's body: where it reports errors. */
  output: string
  /** Command trigger: the exit status (`null` when a signal ended it). */
  exitCode?: number | null
  signal?: string
  stdout?: string
  stderr?: string
  /** HTTP trigger: the answer's status and its body (parsed when it is JSON). */
  status?: number
  body?: unknown
}

/** What one trigger sends. */
export interface TriggerInput {
  to: string
  text: string
}

/**
 * Output kept per stream: enough for any error message; an application stuck printing in a loop
 * must not fill the runner's memory.
 */
export const MAX_OUTPUT_BYTES = 256 * 1024

/**
 * The application did not finish in time: the runner reports TIMEOUT, with this message.
 *
 * @example
 * new TriggerTimeoutError('the application did not finish within 300 ms (killed); it printed: nothing')
 */
export class TriggerTimeoutError extends Error {
  override name = 'TimeoutError'
  /** The runner reports TIMEOUT with this error's own message. */
  readonly code = 'SMSIM_TIMEOUT'
}

/**
 * Runs the trigger once. `vars` are the SMSIM_* variables; SMS_TO, SMS_TEXT, `to` and `text`
 * are added from `input`.
 *
 * @throws {TriggerTimeoutError} when it takes longer than `timeoutMs` (a command is killed).
 * @example
 * await runTrigger({ command: 'node send.js' }, { SMSIM_URL: 'http://127.0.0.1:8780/smstob' }, { to: '0770123456', text: 'Bonjour' }, 5000)
 * // { ok: true, exitCode: 0, stdout: 'sent: 80 Le message a été envoyé\n', stderr: '', output: '…' }
 */
export function runTrigger(
  trigger: AppTrigger,
  vars: Readonly<Record<string, string>>,
  input: TriggerInput,
  timeoutMs: number,
): Promise<TriggerResult> {
  const all = { ...vars, SMS_TO: input.to, SMS_TEXT: input.text, to: input.to, text: input.text }
  return 'http' in trigger
    ? callHttp(trigger.http, all, timeoutMs)
    : runCommand(trigger, all, timeoutMs)
}

async function runCommand(
  trigger: Extract<AppTrigger, { command: string }>,
  vars: Record<string, string>,
  timeoutMs: number,
): Promise<TriggerResult> {
  const own = Object.fromEntries(
    Object.entries(trigger.env ?? {}).map(([k, v]) => [k, substitute(v, vars)]),
  )
  const exported = Object.fromEntries(Object.entries(vars).filter(([k]) => /^[A-Z]/.test(k)))
  // Its own process group (POSIX), so that a timeout kills what the shell started too.
  const group = process.platform !== 'win32'
  const child = spawn(trigger.command, {
    shell: true,
    ...(trigger.cwd ? { cwd: trigger.cwd } : {}),
    env: { ...process.env, ...exported, ...own },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: group,
  })
  const stdout = collect(child.stdout)
  const stderr = collect(child.stderr)
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code, signal) => resolve({ code, signal }))
    },
  )
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  try {
    const outcome = await Promise.race([ended, timedOut])
    if (outcome === 'timeout') {
      kill(child.pid, group)
      throw new TriggerTimeoutError(
        `the application did not finish within ${timeoutMs} ms (killed); it printed: ${show(stdout.text() + stderr.text())}`,
      )
    }
    const out = stdout.text()
    const err = stderr.text()
    return {
      ok: outcome.code === 0,
      output: [out, err].filter(Boolean).join('\n'),
      exitCode: outcome.code,
      ...(outcome.signal ? { signal: outcome.signal } : {}),
      stdout: out,
      stderr: err,
    }
  } finally {
    clearTimeout(timer)
  }
}

function kill(pid: number | undefined, group: boolean): void {
  if (pid === undefined) return
  try {
    process.kill(group ? -pid : pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

function collect(stream: NodeJS.ReadableStream | null) {
  const chunks: Buffer[] = []
  let size = 0
  stream?.on('data', (chunk: Buffer) => {
    if (size >= MAX_OUTPUT_BYTES) return
    chunks.push(chunk.subarray(0, MAX_OUTPUT_BYTES - size))
    size += chunk.length
  })
  return { text: () => Buffer.concat(chunks).toString('utf8') }
}

const show = (text: string) =>
  text.trim() === '' ? 'nothing' : JSON.stringify(text.trim().slice(-300))

async function callHttp(
  http: Extract<AppTrigger, { http: unknown }>['http'],
  vars: Record<string, string>,
  timeoutMs: number,
): Promise<TriggerResult> {
  const fillDeep = (value: unknown): unknown =>
    typeof value === 'string'
      ? substitute(value, vars)
      : Array.isArray(value)
        ? value.map(fillDeep)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v)]))
          : value
  const headers = Object.fromEntries(
    Object.entries(http.headers ?? {}).map(([k, v]) => [k.toLowerCase(), substitute(v, vars)]),
  )
  let body: string | undefined
  if (typeof http.body === 'string') body = substitute(http.body, vars)
  else if (http.body !== undefined) {
    body = JSON.stringify(fillDeep(http.body))
    headers['content-type'] ??= 'application/json'
  }
  let response: Response
  try {
    response = await fetch(substitute(http.url, vars, encodeURIComponent), {
      method: (http.method ?? 'POST').toUpperCase(),
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    if ((error as Error).name === 'TimeoutError')
      throw new TriggerTimeoutError(`the application did not answer within ${timeoutMs} ms`)
    throw new Error(`cannot reach the application at ${http.url}: ${describe(error)}`)
  }
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // Not JSON: the text is the body.
  }
  return { ok: response.ok, output: text, status: response.status, body: parsed }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause
  return cause instanceof Error ? cause.message : (error as Error).message
}
