/**
 * How a scenario's `expect` is judged against what a step returned: a partial deep match.
 * Plain values must be equal; objects name only the fields that matter; arrays match item by
 * item (extra items are allowed only under `$contains`); and a few operators say what a plain
 * value cannot:
 *
 * | operator | passes when the value… |
 * |---|---|
 * | `$gte`, `$lte`, `$gt`, `$lt` | compares so with the number |
 * | `$ne` | is not equal to it |
 * | `$in` | equals one of the list |
 * | `$match` | is a string the regular expression (no flags but `u`) finds something in |
 * | `$length` | is an array or string of that length (or matches the operator object given) |
 * | `$exists` | is (`true`) or is not (`false`) present |
 * | `$contains` | is an array with an item matching it, or a string containing it |
 * | `$approx` | is a number within 1e-9 of it (credits are fractional) |
 *
 * Each mismatch is a sentence naming the path, what was expected and what came back, because
 * that sentence is what a team reads in its CI log.
 */

/** Every mismatch found, as `path: expected …, got …`; empty when it matches. */
export function mismatches(actual: unknown, expected: unknown, path = '$'): string[] {
  if (isOperatorObject(expected)) return operatorMismatches(actual, expected, path)
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected a list, got ${show(actual)}`]
    if (actual.length !== expected.length)
      return [`${path}: expected ${expected.length} item(s), got ${actual.length}: ${show(actual)}`]
    return expected.flatMap((e, i) => mismatches(actual[i], e, `${path}[${i}]`))
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object')
      return [`${path}: expected an object, got ${show(actual)}`]
    return Object.entries(expected).flatMap(([key, e]) =>
      mismatches((actual as Record<string, unknown>)[key], e, `${path}.${key}`),
    )
  }
  return equal(actual, expected) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`]
}

const OPERATORS = new Set([
  '$gte',
  '$lte',
  '$gt',
  '$lt',
  '$ne',
  '$in',
  '$match',
  '$length',
  '$exists',
  '$contains',
  '$approx',
])

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return keys.length > 0 && keys.every((k) => OPERATORS.has(k))
}

function operatorMismatches(actual: unknown, ops: Record<string, unknown>, path: string): string[] {
  const out: string[] = []
  const fail = (what: string) => out.push(`${path}: expected ${what}, got ${show(actual)}`)
  for (const [op, operand] of Object.entries(ops)) {
    switch (op) {
      case '$gte':
      case '$lte':
      case '$gt':
      case '$lt': {
        const n = operand as number
        const ok =
          typeof actual === 'number' &&
          (op === '$gte'
            ? actual >= n
            : op === '$lte'
              ? actual <= n
              : op === '$gt'
                ? actual > n
                : actual < n)
        if (!ok) fail(`${SYMBOL[op]} ${n}`)
        break
      }
      case '$ne':
        if (equal(actual, operand)) fail(`anything but ${show(operand)}`)
        break
      case '$in':
        if (!(operand as unknown[]).some((o) => equal(actual, o))) fail(`one of ${show(operand)}`)
        break
      case '$match':
        if (typeof actual !== 'string' || !new RegExp(operand as string, 'u').test(actual))
          fail(`text matching /${String(operand)}/`)
        break
      case '$length': {
        const length =
          Array.isArray(actual) || typeof actual === 'string' ? actual.length : undefined
        if (length === undefined) fail(`a list or text of length ${show(operand)}`)
        else out.push(...mismatches(length, operand, `${path}.length`))
        break
      }
      case '$exists':
        if ((actual !== undefined) !== operand) fail(operand ? 'a value' : 'no value')
        break
      case '$contains':
        if (typeof actual === 'string') {
          if (!actual.includes(String(operand))) fail(`text containing ${show(operand)}`)
        } else if (!Array.isArray(actual) || !actual.some((a) => !mismatches(a, operand).length))
          fail(`a list with an item matching ${show(operand)}`)
        break
      case '$approx':
        if (typeof actual !== 'number' || Math.abs(actual - (operand as number)) > 1e-9)
          fail(`≈ ${show(operand)}`)
        break
    }
  }
  return out
}

const SYMBOL: Record<string, string> = { $gte: '≥', $lte: '≤', $gt: '>', $lt: '<' }

function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A value as a short, readable JSON-ish text. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing'
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

/**
 * The value at a dotted path (`records.0.trn`), for `save`.
 *
 * @example
 * valueAt({ records: [{ trn: 'T1' }] }, 'records.0.trn') // 'T1'
 */
export function valueAt(value: unknown, path: string): unknown {
  let current = value
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}
