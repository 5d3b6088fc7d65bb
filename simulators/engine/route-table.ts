/**
 * The provider route table: a path to the endpoint that serves it, by exact path (a map
 * lookup) or, for paths declared as `/prefix/*`, by prefix. Case is ignored for endpoints that
 * say so (IIS-hosted services) and kept otherwise (PHP on Apache).
 */
import type { HttpEndpoint } from '../core/provider.ts'

export class RouteTable {
  readonly #exact = new Map<string, { path: string; endpoint: HttpEndpoint }[]>()
  readonly #prefixes: { prefix: string; endpoint: HttpEndpoint }[] = []

  /** Adds `path` (exact, or ending in `/*` for everything under it). */
  add(path: string, endpoint: HttpEndpoint): void {
    if (path.endsWith('/*')) {
      this.#prefixes.push({ prefix: path.slice(0, -1).toLowerCase(), endpoint })
      return
    }
    const key = path.toLowerCase()
    this.#exact.set(key, [...(this.#exact.get(key) ?? []), { path, endpoint }])
  }

  match(path: string): HttpEndpoint | undefined {
    const lower = path.toLowerCase()
    for (const entry of this.#exact.get(lower) ?? []) {
      if (entry.endpoint.caseInsensitive || entry.path === path) return entry.endpoint
    }
    for (const { prefix, endpoint } of this.#prefixes) {
      if (
        lower.startsWith(prefix) &&
        lower.length > prefix.length &&
        (endpoint.caseInsensitive || path.startsWith(prefix))
      ) {
        return endpoint
      }
    }
    return undefined
  }
}
