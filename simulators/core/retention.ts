/**
 * How long the in-memory store keeps what it records: every kept list (SMS, mails, journal,
 * ledger) and every index of keys (the 24 h duplicate rule, the marks) is bounded both by a
 * count and by an approximate size in bytes. Past either bound the oldest go, a tenth of the
 * bound at once: trimming one record per insert would shift a 200,000-element array on every
 * request once the store is full (measured 15× slower, bench/README.md).
 *
 * Sizes are estimates the caller computes cheaply at insert (string lengths and a fixed cost per
 * record, see memory-store.ts), never a `JSON.stringify` of the record: an accepted send costs
 * about 20 µs in all, and serialising its records would double it.
 */

/** What is left of a bound after a trim: nine tenths of it, so that a trim happens rarely. */
const TRIM_TO = 0.9

/**
 * A list of records, oldest first, bounded by `maxRecords` and `maxBytes`.
 *
 * @example
 * const journal = new KeptList<JournalEntry>(200_000, 128 * 1024 * 1024)
 * const dropped = journal.push(entry, 420) // [] unless a bound was crossed
 */
export class KeptList<T> {
  /** The records, oldest first. Read only: add with {@link push}. */
  items: T[] = []
  #sizes: number[] = []
  #bytes = 0

  constructor(
    readonly maxRecords: number,
    readonly maxBytes: number,
  ) {}

  /** The estimated bytes of the records kept. */
  get bytes(): number {
    return this.#bytes
  }

  /** Adds a record of about `bytes` bytes; returns the oldest records it made room by dropping. */
  push(item: T, bytes: number): readonly T[] {
    this.items.push(item)
    this.#sizes.push(bytes)
    this.#bytes += bytes
    if (this.items.length <= this.maxRecords && this.#bytes <= this.maxBytes) return NONE
    return this.#trim()
  }

  #trim(): T[] {
    const count = this.items.length
    const keepCount = count > this.maxRecords ? Math.floor(this.maxRecords * TRIM_TO) : count
    const keepBytes = this.#bytes > this.maxBytes ? this.maxBytes * TRIM_TO : this.#bytes
    let drop = 0
    let bytes = this.#bytes
    // The newest record always stays, whatever its size.
    while (drop < count - 1 && (count - drop > keepCount || bytes > keepBytes)) {
      bytes -= this.#sizes[drop]!
      drop++
    }
    this.#bytes = bytes
    this.#sizes.splice(0, drop)
    return this.items.splice(0, drop)
  }

  clear(): void {
    this.items = []
    this.#sizes = []
    this.#bytes = 0
  }

  /** The estimated bytes of each record, in the order of {@link items} (for a snapshot). */
  get sizes(): readonly number[] {
    return this.#sizes
  }

  /** Replaces the records by those of a snapshot (`items` and their `sizes`, oldest first). */
  restore(items: T[], sizes: number[]): void {
    this.items = items
    this.#sizes = sizes
    this.#bytes = sizes.reduce((sum, size) => sum + size, 0)
  }
}

const NONE: readonly never[] = Object.freeze([])

/** Estimated bytes of one key of a {@link KeptKeys}: its characters and the map's entry. */
const KEY_ENTRY_BYTES = 64

/**
 * Keys in the order they were last set, bounded by `maxKeys` and `maxBytes`: the oldest are
 * forgotten first (a duplicate older than what is kept is no longer refused).
 *
 * @example
 * const sent = new KeptKeys<number>(200_000, 64 * 1024 * 1024)
 * sent.set('smstob:a@b.fr\0+33660919010\0Bonjour', now.getTime())
 */
export class KeptKeys<V> {
  #map = new Map<string, V>()
  #bytes = 0

  constructor(
    readonly maxKeys: number,
    readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.#map.size
  }

  /** The estimated bytes of the keys kept. */
  get bytes(): number {
    return this.#bytes
  }

  get(key: string): V | undefined {
    return this.#map.get(key)
  }

  has(key: string): boolean {
    return this.#map.has(key)
  }

  /** Sets a key as the newest one (a key set again moves to the end). */
  set(key: string, value: V): void {
    if (this.#map.has(key)) this.#map.delete(key)
    else this.#bytes += KEY_ENTRY_BYTES + key.length
    this.#map.set(key, value)
    if (this.#map.size > this.maxKeys || this.#bytes > this.maxBytes) this.#trim()
  }

  #trim(): void {
    const keepCount =
      this.#map.size > this.maxKeys ? Math.floor(this.maxKeys * TRIM_TO) : this.#map.size
    const keepBytes = this.#bytes > this.maxBytes ? this.maxBytes * TRIM_TO : this.#bytes
    for (const key of this.#map.keys()) {
      if ((this.#map.size <= keepCount && this.#bytes <= keepBytes) || this.#map.size <= 1) break
      this.#map.delete(key)
      this.#bytes -= KEY_ENTRY_BYTES + key.length
    }
  }

  clear(): void {
    this.#map.clear()
    this.#bytes = 0
  }

  /** The keys and values, oldest first (for a snapshot; {@link set} them again in order). */
  entries(): [string, V][] {
    return [...this.#map]
  }
}
