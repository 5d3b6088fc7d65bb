import { describe, expect, it } from 'vitest'
import {
  decodeReferences,
  escapeCdata,
  joinLines,
  MAX_DETAIL_CHARS,
  MAX_ENVOI_CHARS,
  MAX_ENVOI_DEPTH,
  readEnvoi,
  type Envoi,
} from './envoi.ts'

/** The envoi of a reading that must succeed. */
function read(text: string): Envoi {
  const reading = readEnvoi(text)
  if (!reading.ok) throw new Error(`not read: ${reading.reason} ${reading.detail ?? ''}`)
  return reading.envoi
}

describe('readEnvoi', () => {
  it('reads the document’s single-recipient example', () => {
    const envoi = read(
      [
        '<envoi>',
        '<keyid>a296464ce012b8ab710a</keyid>',
        '<num>0601020304</num>',
        "<sms>L'été est fini! Super promo -10% à partir de 50€ d'achat !!!</sms>",
        '<emetteur>MaSociete</emetteur>',
        '<emailNot>not@masociete.com</emailNot>',
        '<emailAck>ack@masociete.com</emailAck>',
        '<emailId>1548</emailId>',
        '</envoi>',
      ].join('\n'),
    )
    expect(envoi).toEqual({
      keyid: 'a296464ce012b8ab710a',
      nums: [{ index: 0, value: '0601020304' }],
      smsByIndex: new Map(),
      sms: "L'été est fini! Super promo -10% à partir de 50€ d'achat !!!",
      emetteur: 'MaSociete',
      emailNot: 'not@masociete.com',
      emailAck: 'ack@masociete.com',
      emailId: '1548',
      beyondMaxIndex: false,
      ignored: [],
    })
  })

  it('keeps numbers as strings, leading zeros included', () => {
    expect(read('<envoi><num1>0601020304</num1><emailId>007</emailId></envoi>')).toMatchObject({
      nums: [{ index: 1, value: '0601020304' }],
      emailId: '007',
    })
  })

  it('finds the block inside a greeting and a signature, after an XML declaration', () => {
    const envoi = read(
      'Bonjour,\n\n<?xml version="1.0"?>\n<envoi>\n  <keyid>k</keyid>\n</envoi>\n\n-- \nJean\n<envoi><keyid>second</keyid></envoi>',
    )
    expect(envoi.keyid).toBe('k')
  })

  it('reads element names in any case, the last of a repeated element', () => {
    const envoi = read(
      '<envoi><KeyId>a</KeyId><EMAILID>1</EMAILID><num1>1</num1><NUM1>2</NUM1><sms>x</sms><sms>y</sms></envoi>',
    )
    expect(envoi).toMatchObject({
      keyid: 'a',
      emailId: '1',
      nums: [{ index: 1, value: '2' }],
      sms: 'y',
    })
  })

  it('decodes entities, numeric references and CDATA, and reads a bare & as itself', () => {
    const envoi = read(
      '<envoi><sms>Tom & Jerry &amp; L&#233;a &#x20AC; &lt;3 <![CDATA[a < b &amp; c]]> &lol;</sms></envoi>',
    )
    expect(envoi.sms).toBe('Tom & Jerry & Léa € <3 a < b &amp; c &lol;')
  })

  it('joins a line a mail client wrapped with a space, and trims', () => {
    expect(
      read('<envoi><sms>\n  Bonjour Michel,   \n  votre carte\r\n est prête  \n</sms></envoi>').sms,
    ).toBe('Bonjour Michel, votre carte est prête')
  })

  it('tells an absent element from an empty one', () => {
    expect(read('<envoi><keyid></keyid><emetteur/></envoi>')).toMatchObject({
      keyid: '',
      emetteur: '',
    })
    expect(read('<envoi></envoi>').keyid).toBeUndefined()
  })

  it('reads numX and smsX from 1 to 500 and flags anything beyond', () => {
    expect(read('<envoi><num500>1</num500><sms500>x</sms500></envoi>')).toMatchObject({
      nums: [{ index: 500, value: '1' }],
      smsByIndex: new Map([[500, 'x']]),
      beyondMaxIndex: false,
    })
    expect(read('<envoi><num501>1</num501></envoi>').beyondMaxIndex).toBe(true)
  })

  it('lists the elements the document does not name, and ignores num0 and num01', () => {
    expect(read('<envoi><date>2026</date><num0>1</num0><num01>2</num01></envoi>')).toMatchObject({
      ignored: ['date', 'num0', 'num01'],
      nums: [],
    })
  })

  it('takes the character data of an element that holds markup', () => {
    expect(read('<envoi><sms>Bon<b>x</b>jour</sms></envoi>').sms).toBe('Bonjour')
  })

  it('does not read an envoi that is only in quoted lines', () => {
    expect(readEnvoi('Re :\n> <envoi>\n> <keyid>k</keyid>\n> </envoi>\n')).toEqual({
      ok: false,
      reason: 'no-envoi',
    })
  })

  it('refuses any DOCTYPE or ENTITY declaration before parsing', () => {
    for (const text of [
      '<!DOCTYPE envoi [<!ENTITY x "y">]><envoi><sms>&x;</sms></envoi>',
      '<envoi><sms>x</sms></envoi>\n<!doctype html>',
      '<envoi><!ENTITY x SYSTEM "file:///etc/passwd"></envoi>',
    ]) {
      expect(readEnvoi(text)).toEqual({ ok: false, reason: 'declaration' })
    }
  })

  it('refuses a block over the bound without parsing it', () => {
    const text = `<envoi><sms>${'x'.repeat(MAX_ENVOI_CHARS)}</sms></envoi>`
    expect(readEnvoi(text)).toEqual({ ok: false, reason: 'too-large' })
  })

  it('says why a malformed block cannot be read', () => {
    expect(readEnvoi('<envoi><sms>x</envoi>')).toMatchObject({ ok: false, reason: 'malformed' })
    expect(readEnvoi('<envoi><sms>x</sms>')).toMatchObject({ ok: false, reason: 'malformed' })
    expect(readEnvoi('<envoie><sms>x</sms></envoie>')).toEqual({ ok: false, reason: 'no-envoi' })
  })

  it(`reads elements nested ${MAX_ENVOI_DEPTH} deep inside the envoi, and refuses one more level`, () => {
    const nested = (depth: number) =>
      `<envoi><sms>x</sms>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</envoi>`
    expect(readEnvoi(nested(MAX_ENVOI_DEPTH))).toMatchObject({
      ok: true,
      envoi: { sms: 'x', ignored: ['a'] },
    })
    expect(readEnvoi(nested(MAX_ENVOI_DEPTH + 1))).toEqual({
      ok: false,
      reason: 'malformed',
      detail: `elements nested deeper than ${MAX_ENVOI_DEPTH} inside <envoi>`,
    })
    // As deep as the size bound allows: refused as fast, with the same reason.
    const deepest = Math.floor(MAX_ENVOI_CHARS / 8)
    expect(readEnvoi(nested(deepest))).toMatchObject({ ok: false, reason: 'malformed' })
  })

  it('refuses elements the parser will not turn into properties, as malformed', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      expect(readEnvoi(`<envoi><sms>x</sms><${name}>y</${name}></envoi>`)).toMatchObject({
        ok: false,
        reason: 'malformed',
        detail: expect.stringContaining(name),
      })
    }
  })

  it(`keeps at most ${MAX_DETAIL_CHARS} characters of a reason`, () => {
    const unclosed = readEnvoi(`<envoi>${'<a>'.repeat(10_000)}`)
    expect(unclosed).toMatchObject({ ok: false, reason: 'malformed' })
    expect(unclosed.ok === false && unclosed.detail?.length).toBe(MAX_DETAIL_CHARS + 1)
  })
})

describe('decodeReferences', () => {
  it('keeps references to no character as written', () => {
    expect(decodeReferences('&#0; &#xD800; &#x110000; &#65;')).toBe('&#0; &#xD800; &#x110000; A')
  })
})

describe('long and hostile bodies', () => {
  /** A seeded generator (mulberry32), so that every run draws the same strings. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }
  const draw = (pieces: readonly string[], seed: number, count: number, length: number) => {
    const next = random(seed)
    return Array.from({ length: count }, () => {
      let text = ''
      const n = Math.floor(next() * length)
      for (let i = 0; i < n; i++) text += pieces[Math.floor(next() * pieces.length)]
      return text
    })
  }

  it('joins wrapped lines as the pattern it replaces does', () => {
    for (const text of draw([' ', '\t', '\r', '\n', '\r\n', 'a', 'é'], 11, 5000, 16))
      expect(joinLines(text), JSON.stringify(text)).toBe(text.replace(/[ \t]*\r?\n[ \t]*/g, ' '))
  })

  it('escapes CDATA sections as the pattern it replaces does', () => {
    const pieces = ['<![CDATA[', ']]>', ']]', ']', '<', '>', '&', 'a', '<![CDATA[x]]>']
    for (const text of draw(pieces, 12, 5000, 12)) {
      const expected = text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_s, inner: string) =>
        inner.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      )
      expect(escapeCdata(text), JSON.stringify(text)).toBe(expected)
    }
  })

  // Before issue 10 each of these took from seconds to hours.
  it('reads a body of 100,000 CDATA openings never closed at once', () => {
    const reading = readEnvoi(`<envoi><sms>${'<![CDATA['.repeat(100_000)}</sms></envoi>`)
    expect(reading).toMatchObject({ ok: false, reason: 'malformed' })
  })

  it('reads a text with 200,000 spaces that no line break follows at once', () => {
    const reading = readEnvoi(`<envoi><sms>a${' '.repeat(200_000)}b</sms></envoi>`)
    expect(reading.ok && reading.envoi.sms).toBe(`a${' '.repeat(200_000)}b`)
  })
})
