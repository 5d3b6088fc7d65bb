/**
 * smsim's version, read once from package.json: the CLI, the control API's health and the
 * conformance reports all name it.
 */
import { readFileSync } from 'node:fs'

export const SMSIM_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version
