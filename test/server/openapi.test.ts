import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
    // Read the routes from the source of control.ts, so that a new route without a description fails here.
    const source = readFileSync(
      new URL('../../simulators/server/control.ts', import.meta.url),
      'utf8',
    )
    const routes = [...source.matchAll(/api\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map(
      ([, method, path]) => [
        method,
        path!.replace(/:(\w+)/g, '{$1}').replace('{provider}/{id}/groups', 'smstob/{id}/groups'),
      ],
    )
    expect(routes.length).toBeGreaterThan(15)
    for (const [method, path] of routes) {
      const documented =
        doc.paths[path!.replace('/accounts/smstob/{id}/groups', '/accounts/smstob/{id}/groups')]
      expect(documented, `${method} ${path} is not in openapi.json`).toBeDefined()
      expect(documented![method!], `${method} ${path} has no ${method} operation`).toBeDefined()
    }
  })
})
