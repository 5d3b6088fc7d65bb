/**
 * Bounds on what the simulator keeps of a client's request (issue 10, items 3 and 4). The
 * providers journal the fields they read, as strings cut with {@link cutText}; every journal
 * entry then goes through {@link boundValue} at the store, the safety net that no client
 * structure gets past: however deep, wide or long a request was, what is kept is a few
 * kilobytes that any reader (`GET /_smsim/journal`, `JSON.stringify`) reads back.
 *
 * Each cut says so, and how much it cut: a string ends with `... (N more characters)`, an array
 * with an item `... (N more items)`, an object with a key `...` whose value is `N more keys`, and
 * a structure too deep is replaced by `[nested deeper than 8 levels]`.
 */

/**
 * Longest text of a journal field that holds an SMS text or a list (SMStoB's `message`,
 * ASPSMS's `Recipients`): longer than the longest text any provider sends (ASPSMS, 16 parts of
 * 153 GSM characters: 2,448), so that what a provider sent is journalled whole.
 */
export const JOURNAL_TEXT_CHARS = 4_096

/**
 * Longest value of any other journal field (a login, a number, a date, an address, a
 * subject): ten times what a real one needs.
 */
export const JOURNAL_FIELD_CHARS = 512

/**
 * Most fields of one request a journal entry lists (an ASPSMS operation reads at most about
 * twenty): an XML document may hold any number of elements.
 */
export const JOURNAL_MAX_FIELDS = 40

/**
 * Most items of a list of the client's strings a journal entry shows (names of parameters
 * ignored, numbers refused): enough to see what went wrong.
 */
export const JOURNAL_LIST_ITEMS = 20

/**
 * Deepest nesting kept of a structure in a journal entry (the entry's `request` is level 1).
 * What the providers journal is at most three levels deep; a client's structure nested deeper
 * (a JSON value 120,000 deep kept 6.6 MB, one 5,000 deep broke `GET /_smsim/journal`) is
 * replaced by a marker.
 */
export const MAX_DEPTH = 8

/** Most keys kept of one object: the widest a provider journals has about twenty. */
export const MAX_KEYS = 100

/**
 * Most items kept of one array: iSendPro journals one code per recipient, and takes 500
 * recipients (`num1`…`num500`); twice that.
 */
export const MAX_ITEMS = 1_000

/** Longest string kept anywhere in a journal entry: twice {@link JOURNAL_TEXT_CHARS}. */
export const MAX_STRING_CHARS = 8_192

/**
 * Most characters kept over all the strings of one entry, and most values: past either, the
 * rest of the entry is cut. Bounds an entry to roughly 64 KiB however its structure is made
 * (a hundred keys of a hundred keys of long strings).
 */
export const MAX_ENTRY_CHARS = 65_536
export const MAX_ENTRY_VALUES = 5_000

/**
 * Approximate heap bytes of a string beside its characters, and of an object, an array and
 * each key or item (V8 on 64 bits: headers and pointers). Only an estimate, cheap to compute:
 * the store weighs what it keeps with it (see memory-store.ts), so it need only be of the
 * right order. A character counts one byte, as V8 stores Latin-1 strings; a text with
 * characters beyond Latin-1 takes twice that.
 */
export const STRING_BYTES = 16
export const OBJECT_BYTES = 56
export const SLOT_BYTES = 16

/**
 * V8 copies a string cut shorter than this; from this length on, `slice` gives a view that
 * keeps the whole original alive.
 */
export const SHORTEST_SLICED_STRING = 13

/**
 * A string that holds its own characters. V8 keeps a `slice` of a long string as a view of it,
 * and a concatenation as a pair of its parts: an SMS cut from a 200 KB message, or a field read
 * from a 200 KB form body, kept the whole 200 KB alive for as long as the record (0.19 MB per
 * request, issue 10). Joining its first character to the rest builds a fresh flat copy; a
 * short string is returned as it is.
 *
 * @example
 * const sms = detached(body.slice(0, 1530)) // holds 1,530 characters, not the body
 */
export function detached(text: string): string {
  // `join` of two parts builds a flat string of its own; `${text} `.slice(0, -1) gave a slice
  // of a flat copy, 32 B more per string kept (issue 17). `charAt(0)` may be half of a
  // surrogate pair: joined back to the rest, the code units are the same.
  return text.length < SHORTEST_SLICED_STRING ? text : [text.charAt(0), text.slice(1)].join('')
}

/** The end {@link cutText} gives a text it cut. */
export const CUT_TEXT_END = /\.\.\. \(\d+ more characters\)$/

/**
 * A text cut to `max` characters, with how much was cut (in ASCII: `…` would make V8 store the
 * whole string two bytes a character); a text that fits is returned as is.
 * Never cuts a surrogate pair in two.
 *
 * @example
 * cutText('a'.repeat(10), 4)  // 'aaaa... (6 more characters)'
 * cutText('Bonjour', 512)     // 'Bonjour'
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}... (${text.length - end} more characters)`
}

/**
 * A list of the client's strings as a journal entry keeps it (the names of parameters a
 * provider ignored, the numbers it refused): the first {@link JOURNAL_LIST_ITEMS}, each cut to
 * {@link JOURNAL_FIELD_CHARS}, then how many more.
 *
 * @example
 * journalList(['lang', 'x']) // ['lang', 'x']
 */
export function journalList(items: readonly string[]): string[] {
  const shown = items.slice(0, JOURNAL_LIST_ITEMS).map((n) => cutText(n, JOURNAL_FIELD_CHARS))
  if (items.length > JOURNAL_LIST_ITEMS)
    shown.push(`... (${items.length - JOURNAL_LIST_ITEMS} more items)`)
  return shown
}

/**
 * A request's fields as a journal entry keeps them: at most {@link JOURNAL_MAX_FIELDS}, names
 * cut to {@link JOURNAL_FIELD_CHARS}, values to {@link JOURNAL_TEXT_CHARS} when `isText` says
 * the field holds a text or a list and to {@link JOURNAL_FIELD_CHARS} otherwise; then a key
 * `...` saying how many more there were.
 *
 * @example
 * journalFields([['UserKey', 'K'], ['MessageText', 'Salut']], (name) => name === 'MessageText')
 * // { UserKey: 'K', MessageText: 'Salut' }
 */
export function journalFields(
  fields: Iterable<readonly [string, string]>,
  isText: (name: string) => boolean = () => false,
): Record<string, string> {
  const out: Record<string, string> = {}
  let count = 0
  for (const [name, value] of fields) {
    if (count++ >= JOURNAL_MAX_FIELDS) continue
    const key = cutText(name, JOURNAL_FIELD_CHARS)
    const kept = cutText(value, isText(name) ? JOURNAL_TEXT_CHARS : JOURNAL_FIELD_CHARS)
    if (key === '__proto__') Object.defineProperty(out, key, { value: kept, enumerable: true })
    else out[key] = kept
  }
  if (count > JOURNAL_MAX_FIELDS) out['...'] = `${count - JOURNAL_MAX_FIELDS} more fields`
  return out
}

/**
 * What to do with each string of a bounded value, given the key it is under (an array's items
 * are under their array's key): the store passes the masking of secrets (secrets.ts).
 */
export type StringHook = (key: string, value: string) => string

/** What a value under a key becomes before it is walked (a secret-named key is masked whole). */
export type KeyHook = (key: string, value: unknown) => unknown

interface Walk {
  chars: number
  values: number
  bytes: number
  onString: StringHook
  onKey: KeyHook | undefined
}

/**
 * A copy of `value` within every bound above, and its approximate size in bytes. Strings pass
 * through `onString` before they are cut; `onKey`, when given, may replace a value under a key
 * before it is walked. Plain data only: a function, a symbol or `undefined` is left out, a
 * bigint becomes its digits, anything else that is not an array is read as a plain object.
 * Recursion is at most {@link MAX_DEPTH} deep, so no input can overflow the stack.
 *
 * @example
 * boundValue({ a: [[[[[[[[['deep']]]]]]]]] }).value // { a: [[[[[[['[nested deeper than 8 levels]']]]]]]] }
 */
export function boundValue(
  value: unknown,
  onString: StringHook = (_key, text) => text,
  onKey?: KeyHook,
): { value: unknown; bytes: number } {
  const walk: Walk = { chars: 0, values: 0, bytes: 0, onString, onKey }
  const bounded = visit(value, '', 1, walk)
  return { value: bounded, bytes: walk.bytes }
}

function visit(value: unknown, key: string, depth: number, walk: Walk): unknown {
  walk.values++
  switch (typeof value) {
    case 'string':
      return boundString(walk.onString(key, value), walk)
    case 'number':
    case 'boolean':
      walk.bytes += SLOT_BYTES
      return value
    case 'bigint':
      return boundString(String(value), walk)
    case 'object':
      break
    default:
      return undefined
  }
  if (value === null) return null
  if (depth > MAX_DEPTH) return boundString(`[nested deeper than ${MAX_DEPTH} levels]`, walk)
  walk.bytes += OBJECT_BYTES
  if (Array.isArray(value)) {
    const out: unknown[] = []
    const length = value.length
    for (let i = 0; i < length; i++) {
      if (i >= MAX_ITEMS || full(walk)) {
        out.push(`... (${length - i} more items)`)
        break
      }
      const item = visit(value[i], key, depth + 1, walk)
      out.push(item === undefined ? null : item)
      walk.bytes += SLOT_BYTES
    }
    return out
  }
  const out: Record<string, unknown> = {}
  const names = Object.keys(value)
  const count = names.length
  for (let i = 0; i < count; i++) {
    if (i >= MAX_KEYS || full(walk)) {
      out['...'] = `${count - i} more keys`
      break
    }
    const name = names[i]!
    const raw = (value as Record<string, unknown>)[name]
    const item = visit(walk.onKey ? walk.onKey(name, raw) : raw, name, depth + 1, walk)
    if (item === undefined) continue
    const shown = name.length > MAX_STRING_CHARS ? boundString(name, walk) : detached(name)
    if (shown.length <= MAX_STRING_CHARS) {
      walk.chars += shown.length
      walk.bytes += STRING_BYTES + shown.length
    }
    // A JSON key `__proto__` is an own property once parsed; assigned, it would set the prototype.
    if (shown === '__proto__')
      Object.defineProperty(out, shown, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    else out[shown] = item
    walk.bytes += SLOT_BYTES
  }
  return out
}

/**
 * Whether a value nests objects or arrays deeper than `max` levels (the value itself is level
 * 1). Stops looking at `max + 1`, so that it is safe on any input.
 *
 * @example
 * nestedDeeperThan({ a: [[1]] }, 2) // true: the object, its array, the inner array
 */
export function nestedDeeperThan(value: unknown, max: number, level = 1): boolean {
  if (value === null || typeof value !== 'object') return false
  if (level > max) return true
  for (const item of Array.isArray(value) ? value : Object.values(value))
    if (nestedDeeperThan(item, max, level + 1)) return true
  return false
}

function full(walk: Walk): boolean {
  return walk.chars >= MAX_ENTRY_CHARS || walk.values >= MAX_ENTRY_VALUES
}

function boundString(text: string, walk: Walk): string {
  const room = Math.max(0, Math.min(MAX_STRING_CHARS, MAX_ENTRY_CHARS - walk.chars))
  // A copy: the text may be a view of the client's whole request (see detached).
  const kept = detached(text.length > room ? cutText(text, room) : text)
  walk.chars += Math.min(text.length, room)
  walk.bytes += STRING_BYTES + kept.length
  return kept
}
