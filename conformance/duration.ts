/**
 * Durations in suite files: `23h`, `90m`, `1d 2h`, `30s`, `500ms`, or a number of milliseconds.
 */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * Milliseconds of a duration.
 *
 * @example
 * parseDuration('23h 59m') // 86340000
 */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value
  const text = String(value).trim()
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)(?![a-z])/g)]
  const rebuilt = parts.map((p) => p[0]).join('')
  if (!parts.length || rebuilt.replace(/\s/g, '') !== text.replace(/\s/g, ''))
    throw new RangeError(`not a duration: "${text}" (write 23h, 90m, 1d 2h, 30s or 500ms)`)
  return parts.reduce((ms, p) => ms + Number(p[1]) * UNITS[p[2]!]!, 0)
}
