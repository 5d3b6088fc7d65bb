/**
 * The files the runner reads — suites, expectations, application configs, CSVs of schools —
 * are read whole and parsed in memory, so each kind has an explicit size limit: a wrong path
 * to a multi-gigabyte log is refused with a sentence, not an out-of-memory crash.
 */
import { readFileSync, statSync } from 'node:fs'

/** A suite: the largest shipped one is ~20 KB; a thousand scenarios fit in 1 MB. */
export const MAX_SUITE_FILE_BYTES = 1024 * 1024
/** An expectations file or an application config: a page of YAML. */
export const MAX_CONFIG_FILE_BYTES = 256 * 1024
/** A CSV of schools: France has about 220 ESF schools; 5 MB is tens of thousands of rows. */
export const MAX_SCHOOLS_FILE_BYTES = 5 * 1024 * 1024

/**
 * A text file as UTF-8, refused when it is larger than `maxBytes` (before reading it).
 *
 * @example
 * readTextFile('scenarios/smstob/http.yaml', MAX_SUITE_FILE_BYTES)
 */
export function readTextFile(path: string, maxBytes: number): string {
  const size = statSync(path).size
  if (size > maxBytes)
    throw new RangeError(`it is ${size} bytes, more than the ${maxBytes} bytes such a file may be`)
  return readFileSync(path, 'utf8')
}
