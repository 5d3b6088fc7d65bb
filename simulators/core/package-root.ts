/**
 * Where smsim's own files are: the folder that holds its package.json. The same code runs from
 * its TypeScript sources (`simulators/…`, one level below the root) and from the build
 * (`dist/simulators/…`, two levels below), so the root is found by walking up from the module
 * that asks, not by a fixed number of `../`.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The package root above `moduleUrl` (an `import.meta.url`).
 *
 * @example
 * join(packageRoot(import.meta.url), 'scenarios') // '/…/node_modules/smsim/scenarios'
 */
export function packageRoot(moduleUrl: string): string {
  let dir = dirname(fileURLToPath(moduleUrl))
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`)
    dir = parent
  }
}
