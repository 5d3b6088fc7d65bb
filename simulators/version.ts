/**
 * smsim's version, read once from package.json: the CLI, the control API's health and the
 * conformance reports all name it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from './core/package-root.ts'

export const SMSIM_VERSION: string = (
  JSON.parse(readFileSync(join(packageRoot(import.meta.url), 'package.json'), 'utf8')) as {
    version: string
  }
).version
