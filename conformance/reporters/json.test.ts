import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { jsonReporter, renderJsonReport } from './json.ts'
import { sampleReport } from './report.fixture.ts'

describe('the JSON reporter', () => {
  it('renders the report model as it is: parsing it gives the same report back', () => {
    expect(JSON.parse(renderJsonReport(sampleReport()))).toEqual(sampleReport())
  })

  it('writes conformance.json into the output directory, creating it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'smsim-json-')), 'reports')
    await jsonReporter({ outputDir: dir }).onRunEnd!(sampleReport())
    expect(JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'))).toEqual(sampleReport())
  })
})
