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
 * Records per chunk of a {@link KeptList}. The list grows a chunk at a time and drops whole
 * chunks: one array of 200,000 records grew by half again when full (up to 0.8 MB of empty
 * slots per list) and kept its length when trimmed (issue 17).
 */
const CHUNK = 4096

/**
 * A list of records, oldest first, bounded by `maxRecords` and `maxBytes`. Kept in chunks of
 * {@link CHUNK} records, each with its records' estimated bytes in a typed array (4 B a record,
 * not 8 in a list of numbers).
 *
 * @example
 * const journal = new KeptList<JournalEntry>(200_000, 128 * 1024 * 1024)
 * const dropped = journal.push(entry, 420) // [] unless a bound was crossed
 */
export class KeptList<T> {
  #chunks: (T | undefined)[][] = []
  #sizes: Uint32Array[] = []
  /** Index in the first chunk of the oldest record kept. */
  #first = 0
  #length = 0
  #bytes = 0

  constructor(
    readonly maxRecords: number,
    readonly maxBytes: number,
  ) {}

  /** The estimated bytes of the records kept. */
  get bytes(): number {
    return this.#bytes
  }

  /** How many records are kept. */
  get length(): number {
    return this.#length
  }

  /** The records, oldest first, as a new array. */
  get items(): T[] {
    return this.filter(() => true)
  }

  /** The records that pass `keep`, oldest first. */
  filter(keep: (item: T) => boolean): T[] {
    const out: T[] = []
    const end = this.#first + this.#length
    for (let c = 0; c < this.#chunks.length; c++) {
      const chunk = this.#chunks[c]!
      const from = c === 0 ? this.#first : 0
      const to = Math.min(CHUNK, end - c * CHUNK)
      for (let i = from; i < to; i++) {
        const item = chunk[i] as T
        if (keep(item)) out.push(item)
      }
    }
    return out
  }

  /** Adds a record of about `bytes` bytes; returns the oldest records it made room by dropping. */
  push(item: T, bytes: number): readonly T[] {
    this.#append(item, Math.ceil(bytes))
    if (this.#length <= this.maxRecords && this.#bytes <= this.maxBytes) return NONE
    return this.#trim()
  }

  #append(item: T, size: number): void {
    const at = this.#first + this.#length
    const slot = at % CHUNK
    if (slot === 0 && at / CHUNK === this.#chunks.length) {
      // An array of its final length, filled in order (holey, never grown).
      this.#chunks.push(new Array<T | undefined>(CHUNK))
      this.#sizes.push(new Uint32Array(CHUNK))
    }
    const c = Math.floor(at / CHUNK)
    this.#chunks[c]![slot] = item
    this.#sizes[c]![slot] = size
    this.#length++
    this.#bytes += size
  }

  #trim(): T[] {
    const count = this.#length
    const keepCount = count > this.maxRecords ? Math.floor(this.maxRecords * TRIM_TO) : count
    const keepBytes = this.#bytes > this.maxBytes ? this.maxBytes * TRIM_TO : this.#bytes
    const dropped: T[] = []
    // The newest record always stays, whatever its size.
    while (
      dropped.length < count - 1 &&
      (count - dropped.length > keepCount || this.#bytes > keepBytes)
    ) {
      const chunk = this.#chunks[0]!
      dropped.push(chunk[this.#first] as T)
      chunk[this.#first] = undefined
      this.#bytes -= this.#sizes[0]![this.#first]!
      this.#length--
      if (++this.#first === CHUNK) {
        this.#chunks.shift()
        this.#sizes.shift()
        this.#first = 0
      }
    }
    return dropped
  }

  clear(): void {
    this.#chunks = []
    this.#sizes = []
    this.#first = 0
    this.#length = 0
    this.#bytes = 0
  }

  /** The estimated bytes of each record, in the order of {@link items} (for a snapshot). */
  get sizes(): number[] {
    const out: number[] = []
    const end = this.#first + this.#length
    for (let c = 0; c < this.#sizes.length; c++) {
      const from = c === 0 ? this.#first : 0
      const to = Math.min(CHUNK, end - c * CHUNK)
      for (let i = from; i < to; i++) out.push(this.#sizes[c]![i]!)
    }
    return out
  }

  /** The estimated bytes of a record kept (the newest found first), or 0. */
  sizeOf(item: T): number {
    const end = this.#first + this.#length
    for (let at = end - 1; at >= this.#first; at--) {
      const c = Math.floor(at / CHUNK)
      if (this.#chunks[c]![at % CHUNK] === item) return this.#sizes[c]![at % CHUNK]!
    }
    return 0
  }

  /** Replaces the records by those of a snapshot (`items` and their `sizes`, oldest first). */
  restore(items: T[], sizes: number[]): void {
    this.clear()
    // Kept whole, as the snapshot had them: no trim on the way.
    items.forEach((item, i) => this.#append(item, sizes[i]!))
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
