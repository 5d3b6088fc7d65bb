/**
 * The wire fixtures checked in next to each simulator (STYLE.md §20), read as the bytes a client
 * sends.
 *
 * @example
 * export const fixture = fixtureReader('smstob')
 * fixture('syntax-1.eml') // the bytes of simulators/smstob/fixtures/syntax-1.eml
 */
import { readFileSync } from 'node:fs'

/** A reader of `simulators/<folder>/fixtures/`. */
export function fixtureReader(folder: string): (name: string) => Buffer {
  return (name) =>
    readFileSync(new URL(`../../simulators/${folder}/fixtures/${name}`, import.meta.url))
}
