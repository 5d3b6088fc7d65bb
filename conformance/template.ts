/**
 * Variables in suite files: `${name}` anywhere in a string is replaced by the scenario's value
 * (`${account}`, `${secret}`, `${phone}`, `${mailFrom}`, values kept by `save`…). A string that
 * is exactly one `${name}` becomes the value itself, so numbers and lists keep their type.
 *
 * @note `${…}` rather than `{…}`: in YAML an unquoted `{phone}` is a mapping, not a string.
 */

import { valueAt } from './match.ts'

export type Vars = Record<string, unknown>

/** A suite that names a variable nobody set: a bug in the suite, reported as such. */
export class UnknownVariableError extends Error {
  readonly code = 'SMSIM_UNKNOWN_VARIABLE'
  constructor(readonly variable: string) {
    super(`unknown variable \${${variable}}`)
    this.name = 'UnknownVariableError'
  }
}

const WHOLE = /^\$\{([A-Za-z_][\w.]*)\}$/
const ANY = /\$\{([A-Za-z_][\w.]*)\}/g

/**
 * Every `${name}` in a value (deeply) replaced.
 *
 * @example
 * fill({ numero: '${phone}', n: '${credits}' }, { phone: '0612345678', credits: 3 })
 * // { numero: '0612345678', n: 3 }
 */
export function fill<T>(value: T, vars: Vars): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value)
    if (whole) return lookup(vars, whole[1]!) as T
    return value.replace(ANY, (_, name: string) => String(lookup(vars, name))) as T
  }
  if (Array.isArray(value)) return value.map((v: unknown) => fill(v, vars)) as T
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, vars)])) as T
  return value
}

/** A variable, or a field of one: `${reply.code}` reads `code` of the saved `reply`. */
function lookup(vars: Vars, name: string): unknown {
  if (name in vars) return vars[name]
  const [head, ...path] = name.split('.')
  if (!path.length || !(head! in vars)) throw new UnknownVariableError(name)
  const value = valueAt(vars[head!], path.join('.'))
  if (value === undefined) throw new UnknownVariableError(name)
  return value
}
