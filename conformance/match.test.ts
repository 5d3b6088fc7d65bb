/**
 * The judge of every `expect`: a partial deep match whose mismatch sentences are what a team
 * reads in its CI log, so their wording is pinned here.
 */
import { describe, expect, it } from 'vitest'
import { mismatches, show, valueAt } from './match.ts'

describe('plain values', () => {
  it('passes equal numbers, strings, booleans and null', () => {
    expect(mismatches(80, 80)).toEqual([])
    expect(mismatches('Bonjour', 'Bonjour')).toEqual([])
    expect(mismatches(false, false)).toEqual([])
    expect(mismatches(null, null)).toEqual([])
  })

  it('names the path, the expected value and the value that came back', () => {
    expect(mismatches({ code: 80 }, { code: 82 })).toMatchInlineSnapshot(`
      [
        "$.code: expected 82, got 80",
      ]
    `)
    expect(mismatches('80', 80)).toMatchInlineSnapshot(`
      [
        "$: expected 80, got "80"",
      ]
    `)
    expect(mismatches(undefined, 'x')).toMatchInlineSnapshot(`
      [
        "$: expected "x", got nothing",
      ]
    `)
  })

  it('checks only the fields the expectation names', () => {
    expect(mismatches({ ok: true, code: 80, raw: '80' }, { code: 80 })).toEqual([])
  })

  it('reports every field that differs, each with its own path', () => {
    expect(
      mismatches(
        { ok: true, code: 80, account: { credits: 9 } },
        { ok: false, code: 82, account: { credits: 10 } },
      ),
    ).toMatchInlineSnapshot(`
      [
        "$.ok: expected false, got true",
        "$.code: expected 82, got 80",
        "$.account.credits: expected 10, got 9",
      ]
    `)
  })

  it('refuses a value where an object is expected', () => {
    expect(mismatches('80', { code: 80 })).toMatchInlineSnapshot(`
      [
        "$: expected an object, got "80"",
      ]
    `)
    expect(mismatches(null, { code: 80 })).toMatchInlineSnapshot(`
      [
        "$: expected an object, got null",
      ]
    `)
  })
})

describe('lists', () => {
  it('matches item by item, each item partially', () => {
    expect(mismatches([{ to: 'a', text: 'x' }, { to: 'b' }], [{ to: 'a' }, { to: 'b' }])).toEqual(
      [],
    )
  })

  it('refuses a list of another length, showing the list', () => {
    expect(mismatches([1, 2, 3], [1, 2])).toMatchInlineSnapshot(`
      [
        "$: expected 2 item(s), got 3: [1,2,3]",
      ]
    `)
  })

  it('names the index of the item that differs', () => {
    expect(mismatches([{ to: 'a' }, { to: 'b' }], [{ to: 'a' }, { to: 'c' }]))
      .toMatchInlineSnapshot(`
      [
        "$[1].to: expected "c", got "b"",
      ]
    `)
  })

  it('refuses what is not a list', () => {
    expect(mismatches({ 0: 1 }, [1])).toMatchInlineSnapshot(`
      [
        "$: expected a list, got {"0":1}",
      ]
    `)
  })
})

describe('comparison operators', () => {
  it('$gte passes a larger or equal number and fails a smaller one', () => {
    expect(mismatches(10, { $gte: 10 })).toEqual([])
    expect(mismatches(11, { $gte: 10 })).toEqual([])
    expect(mismatches(9, { $gte: 10 })).toMatchInlineSnapshot(`
      [
        "$: expected ≥ 10, got 9",
      ]
    `)
  })

  it('$lte passes a smaller or equal number and fails a larger one', () => {
    expect(mismatches(10, { $lte: 10 })).toEqual([])
    expect(mismatches(11, { $lte: 10 })).toMatchInlineSnapshot(`
      [
        "$: expected ≤ 10, got 11",
      ]
    `)
  })

  it('$gt is strict', () => {
    expect(mismatches(11, { $gt: 10 })).toEqual([])
    expect(mismatches(10, { $gt: 10 })).toMatchInlineSnapshot(`
      [
        "$: expected > 10, got 10",
      ]
    `)
  })

  it('$lt is strict', () => {
    expect(mismatches(9, { $lt: 10 })).toEqual([])
    expect(mismatches(10, { $lt: 10 })).toMatchInlineSnapshot(`
      [
        "$: expected < 10, got 10",
      ]
    `)
  })

  it('fails a number written as text: "10" is not ≥ 9', () => {
    expect(mismatches('10', { $gte: 9 })).toMatchInlineSnapshot(`
      [
        "$: expected ≥ 9, got "10"",
      ]
    `)
  })

  it('applies every operator of one object, so a range is $gte with $lte', () => {
    expect(mismatches(5, { $gte: 1, $lte: 9 })).toEqual([])
    expect(mismatches(0, { $gte: 1, $lte: 9 })).toMatchInlineSnapshot(`
      [
        "$: expected ≥ 1, got 0",
      ]
    `)
    expect(mismatches(Number.NaN, { $gte: 1, $lte: 9 })).toHaveLength(2)
  })
})

describe('$ne and $in', () => {
  it('$ne passes anything but the value, and an absent value', () => {
    expect(mismatches(80, { $ne: 82 })).toEqual([])
    expect(mismatches(undefined, { $ne: 82 })).toEqual([])
    expect(mismatches(82, { $ne: 82 })).toMatchInlineSnapshot(`
      [
        "$: expected anything but 82, got 82",
      ]
    `)
  })

  it('$ne compares lists and objects by value', () => {
    expect(mismatches([1, 2], { $ne: [1, 2] })).toHaveLength(1)
    expect(mismatches({ a: 1 }, { $ne: { a: 1 } })).toHaveLength(1)
  })

  it('$in passes one of the list and fails anything else', () => {
    expect(mismatches(81, { $in: [80, 81] })).toEqual([])
    expect(mismatches(82, { $in: [80, 81] })).toMatchInlineSnapshot(`
      [
        "$: expected one of [80,81], got 82",
      ]
    `)
  })
})

describe('$match', () => {
  it('passes a text the regular expression finds something in', () => {
    expect(mismatches('Votre code : 123456', { $match: '\\d{6}' })).toEqual([])
    expect(mismatches('été', { $match: '^\\p{L}+$' })).toEqual([])
  })

  it('fails another text, and anything that is not a text', () => {
    expect(mismatches('Votre code : 12', { $match: '\\d{6}' })).toMatchInlineSnapshot(`
      [
        "$: expected text matching /\\d{6}/, got "Votre code : 12"",
      ]
    `)
    expect(mismatches(123456, { $match: '\\d{6}' })).toMatchInlineSnapshot(`
      [
        "$: expected text matching /\\d{6}/, got 123456",
      ]
    `)
  })

  it('is case-sensitive: no flag but u', () => {
    expect(mismatches('BONJOUR', { $match: 'bonjour' })).toHaveLength(1)
  })
})

describe('$length', () => {
  it('passes a list or a text of that length', () => {
    expect(mismatches([1, 2], { $length: 2 })).toEqual([])
    expect(mismatches('abc', { $length: 3 })).toEqual([])
  })

  it('says how long the list was', () => {
    expect(mismatches([], { $length: 1 })).toMatchInlineSnapshot(`
      [
        "$.length: expected 1, got 0",
      ]
    `)
  })

  it('takes an operator object for the length', () => {
    expect(mismatches([1, 2, 3], { $length: { $gte: 2 } })).toEqual([])
    expect(mismatches([1], { $length: { $gte: 2 } })).toMatchInlineSnapshot(`
      [
        "$.length: expected ≥ 2, got 1",
      ]
    `)
  })

  it('fails what has no length', () => {
    expect(mismatches(undefined, { $length: 0 })).toMatchInlineSnapshot(`
      [
        "$: expected a list or text of length 0, got nothing",
      ]
    `)
    expect(mismatches({ length: 0 }, { $length: 0 })).toHaveLength(1)
  })
})

describe('$exists', () => {
  it('$exists: true passes any present value, null and false included', () => {
    expect(mismatches({ trn: null }, { trn: { $exists: true } })).toEqual([])
    expect(mismatches({ trn: false }, { trn: { $exists: true } })).toEqual([])
    expect(mismatches({}, { trn: { $exists: true } })).toMatchInlineSnapshot(`
      [
        "$.trn: expected a value, got nothing",
      ]
    `)
  })

  it('$exists: false passes an absent value and fails a present one', () => {
    expect(mismatches({}, { error: { $exists: false } })).toEqual([])
    expect(mismatches({ error: 'x' }, { error: { $exists: false } })).toMatchInlineSnapshot(`
      [
        "$.error: expected no value, got "x"",
      ]
    `)
  })
})

describe('$contains', () => {
  it('passes a text containing the given text', () => {
    expect(mismatches('Bonjour Marie', { $contains: 'Marie' })).toEqual([])
    expect(mismatches('Bonjour Paul', { $contains: 'Marie' })).toMatchInlineSnapshot(`
      [
        "$: expected text containing "Marie", got "Bonjour Paul"",
      ]
    `)
  })

  it('passes a list with one item matching partially, wherever it is', () => {
    const sms = [
      { to: '+33600000001', status: 'delivered' },
      { to: '+33600000002', status: 'failed' },
    ]
    expect(mismatches(sms, { $contains: { status: 'failed' } })).toEqual([])
    expect(mismatches(sms, { $contains: { status: 'expired' } })).toMatchInlineSnapshot(`
      [
        "$: expected a list with an item matching {"status":"expired"}, got [{"to":"+33600000001","status":"delivered"},{"to":"+33600000002","status":"failed"}]",
      ]
    `)
  })

  it('fails what is neither a text nor a list', () => {
    expect(mismatches(undefined, { $contains: 'x' })).toMatchInlineSnapshot(`
      [
        "$: expected a list with an item matching "x", got nothing",
      ]
    `)
  })
})

describe('$approx', () => {
  it('passes a fractional credit count within 1e-9', () => {
    expect(mismatches(0.1 + 0.2, { $approx: 0.3 })).toEqual([])
    expect(mismatches(9.3 - 0.1, { $approx: 9.2 })).toEqual([])
  })

  it('fails a number further away, and what is not a number', () => {
    expect(mismatches(9.1, { $approx: 9.2 })).toMatchInlineSnapshot(`
      [
        "$: expected ≈ 9.2, got 9.1",
      ]
    `)
    expect(mismatches('9.2', { $approx: 9.2 })).toHaveLength(1)
  })
})

describe('operator objects', () => {
  it('are objects whose keys are all operators: a plain key makes them ordinary fields', () => {
    expect(mismatches({ $gte: 5, note: 'x' }, { $gte: 5, note: 'x' })).toEqual([])
    expect(mismatches(7, { $gte: 5, note: 'x' })).toMatchInlineSnapshot(`
      [
        "$: expected an object, got 7",
      ]
    `)
  })

  it('work at any depth', () => {
    expect(mismatches({ records: [{ credits: 3 }] }, { records: [{ credits: { $gt: 3 } }] }))
      .toMatchInlineSnapshot(`
      [
        "$.records[0].credits: expected > 3, got 3",
      ]
    `)
  })
})

describe('show', () => {
  it('writes texts quoted, absent values as "nothing" and cuts long values at 300 characters', () => {
    expect(show('80')).toBe('"80"')
    expect(show(undefined)).toBe('nothing')
    expect(show({ a: 1 })).toBe('{"a":1}')
    const long = show('x'.repeat(400))
    expect(long).toHaveLength(301)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('valueAt', () => {
  it('follows a dotted path through objects and lists', () => {
    expect(valueAt({ records: [{ trn: 'T1' }] }, 'records.0.trn')).toBe('T1')
    expect(valueAt({ credits: 9 }, 'credits')).toBe(9)
  })

  it('gives undefined for a path that leads nowhere', () => {
    expect(valueAt({ records: [] }, 'records.0.trn')).toBeUndefined()
    expect(valueAt('80', 'code')).toBeUndefined()
  })
})
