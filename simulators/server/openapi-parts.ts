/**
 * The pieces the OpenAPI document of the control API (openapi.ts) is written with: its shared
 * parameters and answers, and the paths of the routes providers bring (`controlRoutes`).
 */
import type { ControlRoute } from '../core/provider.ts'

export const json = (schema: object) => ({ content: { 'application/json': { schema } } })
export const ok = (description: string, schema: object = { type: 'object' }) => ({
  200: { description, ...json(schema) },
})
export const error = {
  description: 'the request cannot be carried out',
  ...json({ $ref: '#/components/schemas/Error' }),
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
export const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description,
})

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
        summary: openapi.summary,
        ...(requestBody ? { requestBody } : {}),
        responses: {
          ...ok(openapi.response.description, openapi.response.schema),
          ...Object.fromEntries(openapi.errors.map((status) => [status, error])),
        },
      },
    }
  }
  return paths
}
