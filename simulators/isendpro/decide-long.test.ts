/**
 * iSendPro's mail decision with long messages: 34 for a text no `smslong` allows, 999 for a
 * blank one, decided from as much of the text as needed — a template of a megabyte merged for
 * 500 recipients costs a megabyte of work, not 500 (issue 10).
 */
import { describe, expect, it } from 'vitest'
import { codes, csv, envoi, request, send, setup, NOW } from './decide-testing.ts'
import { decideIsendproMail } from './decide.ts'
import { readIsendproMail } from './read.ts'
import { Messages, NFC_SHRINK, smsText, TOO_LONG } from './message.ts'

/** A seeded generator (mulberry32), so that every run draws the same strings. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('long messages', () => {
  it.each([
    ['200,000 characters', 34, 'x'.repeat(200_000)],
    ['a letter, 200,000 spaces and a letter', 34, `a${' '.repeat(200_000)}x`],
    ['200,000 Ö (line breaks)', 999, 'Ö'.repeat(200_000)],
    ['100,000 decomposed Ö', 999, 'O\u0308'.repeat(100_000)],
    ['100,000 decomposed Ö and an O', 34, `${'O\u0308'.repeat(100_000)}O`],
  ])('answers %s with %i', (_what, code, sms) => {
    const result = send(setup(), { text: envoi({ sms, smslong: '6' }) })
    expect(codes(result)).toEqual([code])
    expect(result.sms).toEqual([])
  })

  it('sends the longest text six parts carry, and refuses one character more', () => {
    const result = send(setup(), {
      text: envoi({
        num: undefined,
        num1: '0601020301',
        num2: '0601020302',
        sms1: 'x'.repeat(918),
        sms2: 'x'.repeat(919),
        smslong: '6',
      }),
    })
    expect(codes(result)).toEqual([0, 34])
  })

  it('merges a message.csv of a megabyte for 500 recipients at once', () => {
    const mobiles = Array.from(
      { length: 500 },
      (_, i) => `06010${String(i).padStart(5, '0')};;Client ${i}`,
    )
    const decide = (message: string) =>
      decideIsendproMail(
        readIsendproMail(
          request({
            text: envoi({ num: undefined, sms: undefined, smslong: '6' }),
            attachments: [csv('mobiles.csv', mobiles.join('\n')), csv('message.csv', message)],
          }),
        ),
        setup(10_000),
        NOW,
      ).reply.recipients.map((r) => r.code)
    expect(new Set(decide(`Bonjour [1], ${'x'.repeat(1_000_000)}`))).toEqual(new Set([34]))
    expect(new Set(decide(`${'[2]'.repeat(300_000)}Bonjour [1]`))).toEqual(new Set([0]))
    expect(new Set(decide(`${'Ö'.repeat(1_000_000)}[2]`))).toEqual(new Set([999]))
  })

  it('reads a blank message shared by 500 recipients once', () => {
    const nums = Object.fromEntries(
      Array.from({ length: 500 }, (_, i) => [`num${i + 1}`, `06010${String(i).padStart(5, '0')}`]),
    )
    const result = send(setup(), {
      text: envoi({ num: undefined, ...nums, sms: 'Ö'.repeat(900_000), smslong: '6' }),
    })
    expect(new Set(codes(result))).toEqual(new Set([999]))
  })

  it('relies on NFC making a text at most 8 times shorter (checked on every code point)', () => {
    let longest = 0
    let shortest = Infinity
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue
      const char = String.fromCodePoint(code)
      const ratio = char.normalize('NFD').length / char.length
      longest = Math.max(longest, ratio)
      shortest = Math.min(shortest, ratio)
    }
    // NFC(x) decomposes back to NFD(x): |NFD(x)| ≤ longest·|NFC(x)|, and |NFD(x)| ≥ shortest·|x|.
    expect(longest / shortest).toBeLessThanOrEqual(NFC_SHRINK)
  })

  it('tells a blank text from its beginning as smsText does', () => {
    const next = random(17)
    const pieces = [' ', '\n', '\t', '\u2000', 'Ö', 'O', '\u0308', 'O\u0308', '\u0323', 'x', 'o']
    const blankBeginning = /^(?:\s|Ö|O\u0308)*$/
    for (let k = 0; k < 5000; k++) {
      let text = ''
      const n = Math.floor(next() * 8)
      for (let i = 0; i < n; i++) text += pieces[Math.floor(next() * pieces.length)]
      expect(smsText(text).trim() === '', JSON.stringify(text)).toBe(blankBeginning.test(text))
    }
  })

  it('tells blank from too long on long merged messages as smsText does in full', () => {
    const next = random(23)
    const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)]!
    const pieces = [' ', '\n', 'Ö', 'O', '\u0308', 'O\u0308', '[1]', '[2]', '[3]', 'x']
    const values = ['', ' ', 'O', '\u0308', 'O\u0308', 'Ö', 'x', 'OO', 'Ö\u0308']
    let blank = 0
    for (let k = 0; k < 400; k++) {
      let unit = ''
      for (let i = 1 + Math.floor(next() * 4); i > 0; i--) unit += pick(pieces)
      let tail = ''
      for (let i = Math.floor(next() * 3); i > 0; i--) tail += pick(pieces)
      const template = pick(pieces) + unit.repeat(Math.ceil(8_000 / unit.length)) + tail
      const fields = [pick(values), pick(values), pick(values)]
      const exact = smsText(template, fields)
      const expected = exact.trim() === '' ? 'blank' : exact.length > 918 ? 'too long' : exact
      const verdict = new Messages().messageFor(template, fields)
      const actual =
        verdict === TOO_LONG
          ? 'too long'
          : verdict.trim() === ''
            ? 'blank'
            : verdict.length > 918
              ? 'too long'
              : verdict
      expect(actual, JSON.stringify({ unit, tail, fields })).toBe(expected)
      if (expected === 'blank') blank++
    }
    expect(blank).toBeGreaterThan(20)
  })
})
