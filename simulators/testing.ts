/**
 * Test helpers: start the whole simulator on free ports inside a test, talk to its control API,
 * stop it. For smsim's own tests and for teams' tests.
 *
 * @example
 * import { startTestSmsim } from 'smsim/testing'
 * const smsim = await startTestSmsim({ clock: { now: '2026-01-05T09:00:00+01:00', frozen: true } })
 * await fetch(`${smsim.url}/smstob/http.php?email=…`)
 * const messages = await smsim.control.get('/messages')
 * await smsim.close()
 */
import { startSmsim, type RunningSmsim, type StartOptions } from './server/app.ts'

export interface TestSmsim extends RunningSmsim {
  /** A tiny JSON client of the control API (`/_smsim` is prepended). */
  control: {
    get<T = unknown>(path: string): Promise<T>
    post<T = unknown>(path: string, body?: unknown): Promise<T>
    put<T = unknown>(path: string, body: unknown): Promise<T>
    patch<T = unknown>(path: string, body: unknown): Promise<T>
    delete(path: string): Promise<void>
  }
}

/**
 * Starts smsim on 127.0.0.1 with a free port, no demo accounts (unless `demo: true`) and no
 * log output on the console unless you pass a logger.
 */
export async function startTestSmsim(options: StartOptions = {}): Promise<TestSmsim> {
  const running = await startSmsim({ httpPort: 0, demo: false, ...options })
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${running.url}/_smsim${path}`, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} /_smsim${path} → ${response.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
  return {
    ...running,
    control: {
      get: (path) => call('GET', path),
      post: (path, body) => call('POST', path, body ?? {}),
      put: (path, body) => call('PUT', path, body),
      patch: (path, body) => call('PATCH', path, body),
      delete: async (path) => void (await call('DELETE', path)),
    },
  }
}

export { startSmsim, type RunningSmsim, type StartOptions } from './server/app.ts'
