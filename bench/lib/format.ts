/** Number formatting, the median and the progress log shared by the benches' reports. */

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const MiB = 1024 * 1024
export const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
export const mib = (bytes: number) => (bytes / MiB).toFixed(1)
export const pct = (n: number) => `${n.toFixed(0)} %`
export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)
