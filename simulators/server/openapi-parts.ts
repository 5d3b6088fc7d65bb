/**
 * The pieces the OpenAPI document of the control API (openapi.ts) is written with: its shared
 * parameters and answers, the guards' answers every operation may give, and the paths of the
 * routes providers bring (`controlRoutes`).
 */
import type { ControlRoute } from '../core/provider.ts'

export const json = (schema: object) => ({ content: { 'application/json': { schema } } })
export const ok = (description: string, schema: object = { type: 'object' }) => ({
  200: { description, ...json(schema) },
})

/** What each error status means on the control API; every one answers `{ "error": … }`. */
const ERROR_MEANINGS: Readonly<Record<number, string>> = {
  400: 'a parameter or the body cannot be used; `error` says which and why',
  401: 'smsim has a control token and the request did not send it (`Authorization: Bearer <token>`)',
  403: 'the `Host` is not a name of this smsim (`--allow-host`), or a browser write came from another site',
  404: 'no such account, provider, mail or route',
  408: 'nothing matched before the `wait` ran out; `awaited` repeats what was awaited',
  409: 'it exists already',
  413: 'the body is larger than the route takes',
  415: 'the body is not JSON (or CSV, for the contact import)',
  503: 'too many are waiting or streaming at once; try again later',
}

/** The error answers of `statuses`, each with the JSON error body. */
export function errors(...statuses: number[]): Record<number, object> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: ERROR_MEANINGS[status] ?? 'the request cannot be carried out',
        ...json({
          $ref: status === 408 ? '#/components/schemas/WaitTimeout' : '#/components/schemas/Error',
        }),
      },
    ]),
  )
}

export const providerParam = {
  name: 'provider',
  in: 'path',
  required: true,
  schema: { $ref: '#/components/schemas/ProviderId' },
}
export const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'the provider login',
}
export const numberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string' },
  description: 'national or E.164',
}
export const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
})

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const

/**
 * Adds the guards' answers to every operation (control-guard.ts): 403 everywhere (the Host
 * allow-list, cross-site writes), and 401 where the control token is asked for — every
 * operation but those with `security: []` (health), when smsim has a token.
 */
export function withGuardAnswers(
  paths: Record<string, Record<string, unknown>>,
  token: boolean,
): Record<string, Record<string, unknown>> {
  for (const item of Object.values(paths)) {
    for (const method of METHODS) {
      const operation = item[method] as
        { responses: Record<number, object>; security?: unknown[] } | undefined
      if (!operation) continue
      const open = Array.isArray(operation.security) && operation.security.length === 0
      operation.responses = {
        ...operation.responses,
        ...errors(...(token && !open ? [401, 403] : [403])),
      }
    }
  }
  return paths
}

/**
 * A provider's route as OpenAPI paths: its path parameters (strings, in the order of the path),
 * its body (CSV, or the JSON schema it gives), its 200 answer and its errors.
 */
export function providerPaths(
  routes: readonly ControlRoute[],
): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const { method, path, csvBody, openapi } of routes) {
    const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!)
    const parameters = names.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
      ...(openapi.parameters?.[name] ? { description: openapi.parameters[name] } : {}),
    }))
    const requestBody = csvBody
      ? { required: true, content: { 'text/csv': { schema: { type: 'string' } } } }
      : openapi.requestBody && { required: true, ...json(openapi.requestBody) }
    const key = path.replace(/:(\w+)/g, '{$1}')
    paths[key] = {
      ...(paths[key] ?? (parameters.length ? { parameters } : {})),
      [method]: {
        operationId: openapi.operationId ?? operationIdOf(method, path),
        summary: openapi.summary,
        ...(requestBody ? { requestBody } : {}),
        responses: {
          ...ok(openapi.response.description, openapi.response.schema),
          ...errors(...openapi.errors, ...(csvBody ? [413, 415] : [])),
        },
      },
    }
  }
  return paths
}

/** `put` `/accounts/smstob/:id/groups/:group` → `putAccountsSmstobIdGroupsGroup`. */
function operationIdOf(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
}
