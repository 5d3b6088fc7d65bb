import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDERS } from '../../simulators/providers.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

let smsim: TestSmsim
beforeAll(async () => {
  smsim = await startTestSmsim()
})
afterAll(() => smsim.close())

describe('OpenAPI document', () => {
  it('is served at /_smsim/openapi.json as OpenAPI 3.1', async () => {
    const doc = await smsim.control.get<{ openapi: string; paths: object }>('/openapi.json')
    expect(doc.openapi).toBe('3.1.0')
  })

  it('describes every route the control API serves, with the same methods', async () => {
    const doc = await smsim.control.get<{ paths: Record<string, Record<string, unknown>> }>(
      '/openapi.json',
    )
    // Read the routes from the sources of control.ts and the files that add routes to it, so that
    // a new route without a description fails here.
    const source = ['control.ts', 'control-leases.ts', 'control-try.ts']
      .map((file) =>
        readFileSync(new URL(`../../simulators/server/${file}`, import.meta.url), 'utf8'),
      )
      .join('\n')
    const routes = [...source.matchAll(/api\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map(
      ([, method, path]) => [method, path!.replace(/:(\w+)/g, '{$1}')],
    )
    expect(routes.length).toBeGreaterThan(15)
    // And the routes the providers add (SMStoB's contact import).
    const providerRoutes = PROVIDERS.flatMap((p) => p.controlRoutes ?? []).map((r) => [
      r.method,
      r.path.replace(/:(\w+)/g, '{$1}'),
    ])
    expect(providerRoutes).toContainEqual(['put', '/accounts/smstob/{id}/groups/{group}'])
    for (const [method, path] of [...routes, ...providerRoutes]) {
      const documented = doc.paths[path!]
      expect(documented, `${method} ${path} is not in openapi.json`).toBeDefined()
      expect(documented![method!], `${method} ${path} has no ${method} operation`).toBeDefined()
    }
  })
})
