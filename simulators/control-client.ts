/**
 * A client of smsim's control API, for whoever drives a smsim from outside: `smsim/testing`, the
 * testcontainers module, a team's own scripts. Plain fetch, no dependency.
 */

/** A tiny JSON client of the control API (`/_smsim` is prepended to each path). */
export interface ControlClient {
  get<T = unknown>(path: string): Promise<T>
  post<T = unknown>(path: string, body?: unknown): Promise<T>
  put<T = unknown>(path: string, body: unknown): Promise<T>
  patch<T = unknown>(path: string, body: unknown): Promise<T>
  delete(path: string): Promise<void>
}

/** How {@link controlClient} reaches a smsim. */
export interface ControlClientOptions {
  /** The smsim's control token (`--control-token`), sent as `Authorization: Bearer …`. */
  token?: string
}

/**
 * A client of the control API of the smsim at `url`: bodies and answers are JSON, and an answer
 * that is not 2xx rejects with its status and body. Give it the token of an smsim started with
 * one.
 *
 * @example
 * const control = controlClient('http://127.0.0.1:8780', { token: process.env.SMSIM_CONTROL_TOKEN })
 * await control.put('/clock', { now: '2026-01-05T09:00:00+01:00', frozen: true })
 */
export function controlClient(url: string, options: ControlClientOptions = {}): ControlClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = {}
    if (options.token) headers.authorization = `Bearer ${options.token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${url}/_smsim${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} /_smsim${path} → ${response.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    put: (path, body) => call('PUT', path, body),
    patch: (path, body) => call('PATCH', path, body),
    delete: async (path) => void (await call('DELETE', path)),
  }
}
