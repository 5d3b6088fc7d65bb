/**
 * The OpenAPI fragment of the REST API smsim serves (`simulators/isendpro/rest.openapi.json`):
 * it lists exactly the operations served, and passes `redocly lint` with the recommended rules
 * when `@redocly/cli` is installed (as test/server/openapi.test.ts lints the control API).
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ISENDPRO_REST } from '../../simulators/isendpro/rest.ts'
import { ISENDPRO_REST_BASE, ISENDPRO_REST_PATHS } from '../../simulators/isendpro/wire.ts'

const FILE = new URL('../../simulators/isendpro/rest.openapi.json', import.meta.url).pathname
const doc = JSON.parse(readFileSync(FILE, 'utf8')) as { paths: Record<string, object> }

describe('the REST API’s OpenAPI fragment', () => {
  it('describes every operation smsim serves, and no other', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([...ISENDPRO_REST_PATHS].sort())
    expect(ISENDPRO_REST.flatMap((e) => e.paths).sort()).toEqual(
      ISENDPRO_REST_PATHS.map((p) => `${ISENDPRO_REST_BASE}${p}`).sort(),
    )
  })

  const redocly = new URL('../../node_modules/.bin/redocly', import.meta.url).pathname
  it.skipIf(!existsSync(redocly))('passes redocly lint with the recommended rules', async () => {
    const { stdout } = await promisify(execFile)(redocly, [
      'lint',
      FILE,
      '--extends',
      'recommended',
      '--format',
      'json',
    ])
    const { totals } = JSON.parse(stdout) as { totals: { errors: number; warnings: number } }
    expect(totals).toMatchObject({ errors: 0, warnings: 0 })
  })
})
