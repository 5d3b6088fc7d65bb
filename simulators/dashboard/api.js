// @ts-check
/**
 * The dashboard's one way to the control API: JSON in and out, the control token when smsim has
 * one, lists a page at a time.
 *
 * The token (ADR 010: `Authorization: Bearer`, no cookie) is asked once, when a route first
 * answers 401, and kept in sessionStorage: it lives as long as the tab, and no other site's
 * page can read it.
 */

const TOKEN_KEY = 'smsim.controlToken'

/** A refusal of the control API, with its status and its `{ error }` text. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message)
    this.name = 'ApiError'
    this.status = status
  }
}

/** @returns {Record<string, string>} */
export function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY)
  return token ? { authorization: `Bearer ${token}` } : {}
}

/** @type {((wrong: boolean) => Promise<string | undefined>) | undefined} */
let asker
/** @type {Promise<boolean> | undefined} */
let asking

/**
 * Who asks the person for the token (app.js, with a dialog). It resolves to the token, or
 * `undefined` when the person gave up.
 *
 * @param {(wrong: boolean) => Promise<string | undefined>} ask
 */
export function onTokenNeeded(ask) {
  asker = ask
}

/**
 * Asks for the token after a 401; one question however many requests were refused together.
 * Resolves to whether there is a new token to try.
 */
export function askToken() {
  if (!asker) return Promise.resolve(false)
  const ask = asker
  asking ??= ask(sessionStorage.getItem(TOKEN_KEY) !== null)
    .then((token) => {
      if (token) sessionStorage.setItem(TOKEN_KEY, token)
      return Boolean(token)
    })
    .finally(() => {
      asking = undefined
    })
  return asking
}

/**
 * A request to this smsim. JSON bodies are sent as `application/json` (the control API
 * refuses other types, ADR 010); a 401 asks for the token and tries again.
 *
 * @param {string} path from the origin: `/_smsim/accounts`, `/smstob/http.php?…`
 * @param {{ method?: string, body?: unknown, headers?: Record<string, string> }} [options]
 * @returns {Promise<Response>}
 */
export async function send(path, options = {}) {
  for (;;) {
    const response = await fetch(path, {
      method: options.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(path.startsWith('/_smsim/') ? authHeaders() : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      cache: 'no-store',
    })
    if (response.status === 401 && path.startsWith('/_smsim/') && (await askToken())) continue
    return response
  }
}

/**
 * A control route's JSON answer; a refusal throws {@link ApiError} with the route's `error`.
 *
 * @param {string} path under `/_smsim`: `/accounts`
 * @param {{ method?: string, body?: unknown }} [options]
 * @returns {Promise<any>}
 */
export async function control(path, options = {}) {
  const response = await send(`/_smsim${path}`, options)
  if (!response.ok) {
    const body = await response.json().catch(() => undefined)
    throw new ApiError(response.status, body?.error ?? `${response.status} ${response.statusText}`)
  }
  return response.status === 204 ? undefined : response.json()
}

/**
 * A query string of the values given, leaving out the empty ones.
 *
 * @param {Record<string, string | number | undefined>} params
 */
export function query(params) {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}

/**
 * @template T
 * @typedef {{ items: T[], more: boolean, paged: boolean }} Page
 */

/**
 * One page of a list, newest first: asks `limit`, `offset` and `order=desc`. A server that
 * ignores them answers the whole list, oldest first: the page is then turned round and cut
 * here, so the dashboard works before and after the server paginates.
 *
 * @example
 * await page('/messages', { provider: 'smstob' }, 0, 50, (sms) => sms.submittedAt)
 *
 * @template T
 * @param {string} path
 * @param {Record<string, string | undefined>} filters
 * @param {number} offset
 * @param {number} limit
 * @param {(item: T) => string | number} key what orders the list (a date, a sequence number)
 * @returns {Promise<Page<T>>}
 */
export async function page(path, filters, offset, limit, key) {
  /** @type {T[]} */
  const items = await control(`${path}${query({ ...filters, limit, offset, order: 'desc' })}`)
  const first = items[0]
  const last = items[items.length - 1]
  if (first !== undefined && last !== undefined && key(first) < key(last)) items.reverse()
  const paged = items.length <= limit
  return paged
    ? { items, more: items.length === limit, paged }
    : { items: items.slice(offset, offset + limit), more: items.length > offset + limit, paged }
}

/**
 * Puts the newest page read in place of what `map` held from the same range: an item that is no
 * longer there (after a reset) goes, one that changed is replaced. What was loaded before the
 * page's oldest stays, unless the page is the whole list.
 *
 * @template {{ id: string }} T
 * @param {Map<string, T>} map by id
 * @param {Page<T>} newest the first page, newest first
 * @param {(item: T) => string | number} key the list's order
 */
export function mergeNewest(map, newest, key) {
  const oldest = newest.items[newest.items.length - 1]
  if (!newest.more || !oldest) map.clear()
  else for (const [id, item] of map) if (key(item) >= key(oldest)) map.delete(id)
  for (const item of newest.items) map.set(item.id, item)
}

/**
 * Keeps the `max` newest items of `map` (live events add to it for as long as the page is
 * open); returns whether some went, which can be loaded again.
 *
 * @template {{ id: string }} T
 * @param {Map<string, T>} map
 * @param {number} max
 * @param {(item: T) => string | number} key
 */
export function keepNewest(map, max, key) {
  if (map.size <= max) return false
  const sorted = [...map.values()].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0))
  for (const item of sorted.slice(max)) map.delete(item.id)
  return true
}
