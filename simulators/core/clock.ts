/**
 * The one clock of the simulator (DESIGN.md principle 3). Nothing else reads the wall clock.
 *
 * Three modes: `real` (wall time), `offset` (wall time shifted, so time still flows) and
 * `frozen` (time moves only when told). Listeners run after every set/advance so that whatever
 * falls due (deferred SMS, buffered deliveries) is released at once.
 *
 * @example
 * const clock = new Clock({ now: '2026-01-05T09:00:00+01:00', frozen: true })
 * clock.advance(24 * 3600_000) // a day later, deferred messages due before then are released
 */
export class Clock {
  #offsetMs = 0
  #frozenAt: number | undefined
  #listeners = new Set<(now: Date) => void>()
  readonly #wall: () => number

  /**
   * @param init start time and mode; without `now` the clock is real.
   * @param wall the wall clock, injectable so that the clock itself can be tested.
   */
  constructor(init: { now?: string | Date; frozen?: boolean } = {}, wall: () => number = Date.now) {
    this.#wall = wall
    if (init.now !== undefined || init.frozen)
      this.set(init.now ?? new Date(wall()), init.frozen ?? false)
  }

  /** The simulator's current instant. */
  now(): Date {
    return new Date(this.#frozenAt ?? this.#wall() + this.#offsetMs)
  }

  get mode(): 'real' | 'offset' | 'frozen' {
    if (this.#frozenAt !== undefined) return 'frozen'
    return this.#offsetMs === 0 ? 'real' : 'offset'
  }

  /** Jumps to `now`; with `frozen` the clock stops there, otherwise it runs on from there. */
  set(now: string | Date, frozen: boolean): Date {
    const target = toInstant(now)
    if (frozen) {
      this.#frozenAt = target
      this.#offsetMs = 0
    } else {
      this.#frozenAt = undefined
      this.#offsetMs = target - this.#wall()
    }
    return this.#notify()
  }

  /**
   * How far a running clock is from the wall time (0 when real); undefined when frozen. What a
   * data directory keeps of a running clock, so that it keeps flowing at the same distance.
   */
  get offsetMs(): number | undefined {
    return this.#frozenAt === undefined ? this.#offsetMs : undefined
  }

  /** Runs the clock at `ms` from the wall time (the reverse of {@link offsetMs}). */
  runAt(offsetMs: number): Date {
    this.#frozenAt = undefined
    this.#offsetMs = offsetMs
    return this.#notify()
  }

  /** Moves the clock forward by `ms` (never backward: deliveries already released stay so). */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`)
    if (this.#frozenAt !== undefined) this.#frozenAt += ms
    else this.#offsetMs += ms
    return this.#notify()
  }

  /** Back to wall time. */
  reset(): void {
    this.#frozenAt = undefined
    this.#offsetMs = 0
  }

  /** Registers a listener called with the new time after each `set` or `advance`. */
  onChange(listener: (now: Date) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  toJSON(): { now: string; frozen: boolean; mode: string } {
    return { now: this.now().toISOString(), frozen: this.mode === 'frozen', mode: this.mode }
  }

  #notify(): Date {
    const now = this.now()
    for (const listener of this.#listeners) listener(now)
    return now
  }
}

/** Parses an ISO 8601 instant; a string without an offset is refused (it would be ambiguous). */
export function toInstant(value: string | Date): number {
  if (value instanceof Date) return value.getTime()
  if (!/(Z|[+-]\d\d:?\d\d)$/i.test(value)) {
    throw new RangeError(
      `"${value}" has no time zone offset: write it as ISO 8601 with Z or ±hh:mm`,
    )
  }
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new RangeError(`"${value}" is not an ISO 8601 date and time`)
  return ms
}

let lastMs = Number.NaN
let lastIso = ''

/**
 * `new Date(ms).toISOString()`, remembering the last instant formatted: one send stamps the
 * same instant on its journal entry, ledger entry, SMS and history (four to six formats), and
 * under load consecutive requests share a millisecond (bench/README.md, suggestion 7).
 */
export function isoInstant(instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime()
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString()
    lastMs = ms
  }
  return lastIso
}
