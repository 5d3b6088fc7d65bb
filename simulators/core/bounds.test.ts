import { describe, expect, it } from 'vitest'
import {
  boundValue,
  cutText,
  journalFields,
  journalList,
  JOURNAL_FIELD_CHARS,
  JOURNAL_LIST_ITEMS,
  JOURNAL_MAX_FIELDS,
  MAX_DEPTH,
  MAX_ENTRY_CHARS,
  MAX_ITEMS,
  MAX_KEYS,
  MAX_STRING_CHARS,
} from './bounds.ts'

describe('cutting a text', () => {
  it('keeps a text that fits and says how much it cut of one that does not', () => {
    expect(cutText('Bonjour', 7)).toBe('Bonjour')
    expect(cutText('a'.repeat(10), 4)).toBe('aaaa... (6 more characters)')
  })

  it('never cuts a surrogate pair in two', () => {
    expect(cutText('ab😀cd', 3)).toBe('ab... (4 more characters)')
  })
})

describe('lists and fields as the journal keeps them', () => {
  it('shows the first items of a long list, each cut, and how many more', () => {
    const list = journalList(Array.from({ length: 30 }, (_, i) => `${i}${'x'.repeat(1_000)}`))
    expect(list).toHaveLength(JOURNAL_LIST_ITEMS + 1)
    expect(list[0]!.length).toBeLessThan(JOURNAL_FIELD_CHARS + 30)
    expect(list.at(-1)).toBe('... (10 more items)')
  })

  it('keeps the first fields, texts longer than the others, and counts the rest', () => {
    const fields = journalFields(
      [
        ['MessageText', 'm'.repeat(1_000)],
        ['UserKey', 'k'.repeat(1_000)],
        ...Array.from({ length: 50 }, (_, i): [string, string] => [`F${i}`, 'v']),
      ],
      (name) => name === 'MessageText',
    )
    expect(fields.MessageText).toHaveLength(1_000)
    expect(fields.UserKey).toBe(cutText('k'.repeat(1_000), JOURNAL_FIELD_CHARS))
    expect(Object.keys(fields)).toHaveLength(JOURNAL_MAX_FIELDS + 1)
    expect(fields['...']).toBe(`${52 - JOURNAL_MAX_FIELDS} more fields`)
  })

  it('keeps a field named __proto__ as a field', () => {
    const fields = journalFields([['__proto__', 'x']])
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype)
    expect(JSON.stringify(fields)).toBe('{"__proto__":"x"}')
  })
})

describe('the safety net', () => {
  it('replaces what is nested deeper than the bound, without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)
    const { value } = boundValue({ a: deep })
    expect(JSON.stringify(value)).toBe(
      `{"a":${'['.repeat(MAX_DEPTH - 1)}"[nested deeper than ${MAX_DEPTH} levels]"${']'.repeat(MAX_DEPTH - 1)}}`,
    )
  })

  it('keeps the first keys, items and characters, and says how many more there were', () => {
    const wide = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`k${i}`, i]))
    const bounded = boundValue({
      wide,
      long: Array.from({ length: 1_500 }, () => 1),
      text: 't'.repeat(20_000),
    }).value as { wide: Record<string, unknown>; long: unknown[]; text: string }
    expect(Object.keys(bounded.wide)).toHaveLength(MAX_KEYS + 1)
    expect(bounded.wide['...']).toBe('50 more keys')
    expect(bounded.long).toHaveLength(MAX_ITEMS + 1)
    expect(bounded.long.at(-1)).toBe('... (500 more items)')
    expect(bounded.text).toBe(cutText('t'.repeat(20_000), MAX_STRING_CHARS))
  })

  it('keeps an entry’s strings to a total, however its structure is made', () => {
    const wide = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        `k${i}`,
        Object.fromEntries(Array.from({ length: 100 }, (_, j) => [`j${j}`, 's'.repeat(5_000)])),
      ]),
    )
    const { value, bytes } = boundValue(wide)
    expect(JSON.stringify(value).length).toBeLessThan(MAX_ENTRY_CHARS * 1.5)
    expect(bytes).toBeLessThan(MAX_ENTRY_CHARS * 2)
  })

  it('drops functions and symbols, writes bigints as digits, and passes each string through the hook', () => {
    const { value } = boundValue(
      { f: () => 1, s: Symbol('x'), n: 10n, list: ['a', undefined], text: 'secret' },
      (key, text) => `${key}:${text}`,
    )
    expect(value).toEqual({ n: '10', list: ['list:a', null], text: 'text:secret' })
  })

  it('estimates more bytes for more data', () => {
    const small = boundValue({ a: 'x' }).bytes
    const large = boundValue({ a: 'x'.repeat(1_000) }).bytes
    expect(large - small).toBe(999)
  })
})
