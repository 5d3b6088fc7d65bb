/**
 * The OpenAPI document at `/_smsim/openapi.json`: every route described, and the document
 * sound by the rules of Redocly's `recommended` set that apply to it (checked here by hand:
 * operation ids, summaries, 2XX and 4XX answers, path parameters, references, unused
 * components, licence, security). With `@redocly/cli` installed, `redocly lint` runs on it too.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROVIDERS } from '../../simulators/providers.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

const TOKEN = 'a-token-of-32-characters-at-least'
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const

interface Operation {
  operationId?: string
  summary?: string
  security?: unknown[]
  parameters?: { name: string; in: string }[]
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>
}
interface Document {
  openapi: string
  info: { license?: { name: string; identifier?: string; url?: string } }
  security?: unknown[]
  paths: Record<string, Record<string, unknown> & { parameters?: { name: string; in: string }[] }>
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> }
}

let open: TestSmsim
let guarded: TestSmsim
let docs: { open: Document; guarded: Document }
beforeAll(async () => {
  ;[open, guarded] = await Promise.all([startTestSmsim(), startTestSmsim({ controlToken: TOKEN })])
  docs = {
    open: await open.control.get<Document>('/openapi.json'),
    guarded: await guarded.control.get<Document>('/openapi.json'),
  }
})
afterAll(() => Promise.all([open.close(), guarded.close()]))

/** Every operation of a document, with its path and method. */
function operations(doc: Document): { path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      path,
      method,
      op: item[method] as Operation,
    })),
  )
}

/** Every `$ref` in a value, with where it is. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, found)
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item)
      else refs(item, found)
    }
  return found
}

describe('OpenAPI document', () => {
  it('is served at /_smsim/openapi.json as OpenAPI 3.1', () => {
    expect(docs.open.openapi).toBe('3.1.0')
  })

  it('describes every route the control API serves, with the same methods', () => {
    // Read the routes from the sources of the control API, so that a new route without a
    // description fails here.
    const folder = new URL('../../simulators/server/', import.meta.url)
    const sources = readdirSync(folder)
      .filter((file) => /^control.*\.ts$/.test(file) && !file.endsWith('.test.ts'))
      .map((file) => readFileSync(new URL(file, folder), 'utf8'))
      .join('\n')
    const routes = [...sources.matchAll(/api\.(get|post|put|patch|delete)\(\s*'([^']+)'/g)].map(
      ([, method, path]) => [method, path!.replace(/:(\w+)/g, '{$1}')],
    )
    expect(routes.length).toBeGreaterThan(25)
    expect(routes).toContainEqual(['get', '/events'])
    expect(routes).toContainEqual(['get', '/mails/{id}.eml'])
    // And the routes the providers add (SMStoB's contact import).
    const providerRoutes = PROVIDERS.flatMap((p) => p.controlRoutes ?? []).map((r) => [
      r.method,
      r.path.replace(/:(\w+)/g, '{$1}'),
    ])
    expect(providerRoutes).toContainEqual(['put', '/accounts/smstob/{id}/groups/{group}'])
    for (const doc of [docs.open, docs.guarded])
      for (const [method, path] of [...routes, ...providerRoutes]) {
        const documented = doc.paths[path!]
        expect(documented, `${method} ${path} is not in openapi.json`).toBeDefined()
        expect(documented![method!], `${method} ${path} has no ${method} operation`).toBeDefined()
      }
  })

  it.each(['open', 'guarded'] as const)(
    'gives every operation of the %s document a unique, URL-safe operationId, a summary, a 2XX and a 4XX answer',
    (which) => {
      const ids = new Set<string>()
      for (const { path, method, op } of operations(docs[which])) {
        const where = `${method} ${path}`
        expect(op.operationId, where).toMatch(/^[A-Za-z][A-Za-z0-9]*$/)
        expect(ids.has(op.operationId!), `${where}: ${op.operationId} twice`).toBe(false)
        ids.add(op.operationId!)
        expect(op.summary, where).toBeTruthy()
        const statuses = Object.keys(op.responses)
        expect(
          statuses.some((s) => /^2\d\d$/.test(s)),
          `${where}: no 2XX`,
        ).toBe(true)
        expect(
          statuses.some((s) => /^4\d\d$/.test(s)),
          `${where}: no 4XX`,
        ).toBe(true)
        for (const [status, response] of Object.entries(op.responses)) {
          expect(response.description, `${where} ${status}`).toBeTruthy()
          if (/^[45]/.test(status))
            expect(refs(response), `${where} ${status}: the JSON error`).toEqual([
              status === '408' ? '#/components/schemas/WaitTimeout' : '#/components/schemas/Error',
            ])
        }
      }
    },
  )

  it.each(['open', 'guarded'] as const)(
    'defines every path parameter of the %s document, resolves every reference, and uses every schema',
    (which) => {
      const doc = docs[which]
      for (const { path, method, op } of operations(doc)) {
        const declared = [...(doc.paths[path]!.parameters ?? []), ...(op.parameters ?? [])]
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort()
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
        expect(declared, `${method} ${path}`).toEqual(templated)
      }
      const used = refs(doc)
      for (const ref of used) {
        const name = /^#\/components\/schemas\/([\w.-]+)$/.exec(ref)?.[1]
        expect(name && doc.components.schemas[name], `${ref} does not resolve`).toBeTruthy()
      }
      for (const name of Object.keys(doc.components.schemas))
        expect(used, `schema ${name} is never used`).toContain(`#/components/schemas/${name}`)
      expect(doc.info.license).toEqual({ name: 'MIT', identifier: 'MIT' })
    },
  )

  it('asks for nothing without a token, and for the bearer token on all but health and the index with one', () => {
    expect(docs.open.security).toEqual([])
    expect(docs.open.components.securitySchemes).toBeUndefined()
    for (const { op } of operations(docs.open)) expect(op.responses['401']).toBeUndefined()

    expect(docs.guarded.security).toEqual([{ controlToken: [] }])
    expect(docs.guarded.components.securitySchemes).toEqual({
      controlToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    })
    for (const { path, method, op } of operations(docs.guarded)) {
      // The index (`GET /_smsim/`: links) and health hold no data.
      const open = path === '/health' || path === '/'
      expect(op.security, `${method} ${path}`).toEqual(open ? [] : undefined)
      expect(op.responses['401'] === undefined, `${method} ${path}: 401`).toBe(open)
      expect(op.responses['403'], `${method} ${path}: 403`).toBeDefined()
    }
  })

  it('documents the event stream, each of its events, and the waits and pages of the reads', () => {
    const events = docs.open.paths['/events']!.get as Operation & { description: string }
    expect(Object.keys(events.responses['200']!.content!)).toEqual(['text/event-stream'])
    for (const name of [
      'sms',
      'mail',
      'journal',
      'clock',
      'account',
      'account-deleted',
      'state',
      'reset',
    ])
      expect(events.description).toContain(`| \`${name}\` |`)
    for (const path of ['/messages', '/mails']) {
      const read = docs.open.paths[path]!.get as Operation
      const names = read.parameters!.map((p) => p.name)
      expect(names).toEqual(
        expect.arrayContaining(['wait', 'since', 'limit', 'offset', 'order', 'q']),
      )
      expect(read.responses['408']).toBeDefined()
    }
    expect(
      (docs.open.paths['/messages']!.get as Operation).parameters!.map((p) => p.name),
    ).toContain('otp')
    expect(docs.open.components.schemas.Sms).toMatchObject({
      properties: { otp: { type: 'string' } },
    })
    expect(
      Object.keys(
        (docs.open.paths['/mails/{id}.eml']!.get as Operation).responses['200']!.content!,
      ),
    ).toEqual(['message/rfc822'])
  })

  // Redocly's own linter, when installed (`npm install --save-dev @redocly/cli`): no error and
  // no warning under its recommended rules, with a token and without.
  const redocly = new URL('../../node_modules/.bin/redocly', import.meta.url).pathname
  if (!existsSync(redocly))
    console.warn('test/server/openapi: redocly lint skipped (npm install --save-dev @redocly/cli)')
  it.skipIf(!existsSync(redocly))('passes redocly lint with the recommended rules', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'smsim-openapi-'))
    for (const which of ['open', 'guarded'] as const) {
      const file = join(folder, `${which}.json`)
      writeFileSync(file, JSON.stringify(docs[which]))
      const { stdout } = await promisify(execFile)(redocly, [
        'lint',
        file,
        '--extends',
        'recommended',
        '--format',
        'json',
      ])
      const { totals } = JSON.parse(stdout) as { totals: { errors: number; warnings: number } }
      expect(totals, which).toMatchObject({ errors: 0, warnings: 0 })
    }
  })
})
