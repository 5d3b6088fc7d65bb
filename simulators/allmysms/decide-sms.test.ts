/**
 * The SMS a Mail2SMS sends: its parts (160 characters, 153 per part beyond, 8 at most) and its
 * sender (`from=` and the STOP mention).
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "from=", and the glossary "STOP"
 */
import { describe, expect, it } from 'vitest'
import { MAX_PARTS } from './decide.ts'
import { credits, KEY, LOGIN, send, setup } from './decide-testing.ts'

describe('length: 160 characters, 153 per part beyond, 8 parts at most', () => {
  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [1224, 8],
  ])('counts %s GSM characters as %s part(s) and charges as many credits', (length, parts) => {
    const store = setup()
    const result = send(store, { text: 'é'.repeat(length) })
    expect(result.reply.code).toBe(100)
    expect(result.sms[0]).toMatchObject({ encoding: 'gsm7', segments: parts })
    expect(credits(store)).toBe(100 - parts)
  })

  it('refuses 1225 GSM characters with 111', () => {
    expect(send(setup(), { text: 'a'.repeat(1225) }).reply.code).toBe(111)
  })

  it(`caps at ${MAX_PARTS} parts, not at 1224 characters: € costs two septets`, () => {
    // A € is never split between parts: 76 of them (152 septets) fill a part of 153.
    expect(send(setup(), { text: '€'.repeat(8 * 76) }).reply.code).toBe(100)
    expect(send(setup(), { text: '€'.repeat(8 * 76 + 1) }).reply.code).toBe(111)
  })

  it.each([
    [70, 1],
    [71, 2],
    [536, 8],
  ])('counts %s characters with â, ç or ê in UCS-2 as %s part(s)', (length, parts) => {
    const store = setup()
    const result = send(store, { text: `Tâche${'ç'.repeat(length - 5)}` })
    expect(result.sms[0]).toMatchObject({ encoding: 'ucs2', segments: parts })
    expect(credits(store)).toBe(100 - parts)
  })

  it('refuses 537 UCS-2 characters with 111', () => {
    expect(send(setup(), { text: `ê${'a'.repeat(536)}` }).reply.code).toBe(111)
  })
})

describe('the sender: from= and the STOP mention', () => {
  const subject = (from: string, mobiles = '0612121515') =>
    `${LOGIN}@${KEY}|${mobiles}|from=${from}`

  it('shows the custom sender to a French phone when the text ends with STOP au 36180', () => {
    const result = send(setup(), {
      subject: subject('MAGASIN'),
      text: 'Soldes -20%\nSTOP au 36180\n',
    })
    expect(result.sms[0]).toMatchObject({ from: 'MAGASIN', text: 'Soldes -20%\nSTOP au 36180' })
  })

  it('shows 36180 to a French phone when the mention is missing', () => {
    const result = send(setup(), { subject: subject('MAGASIN'), text: 'Soldes -20%' })
    expect(result.sms[0]).toMatchObject({
      from: '36180',
      meta: { senderAsked: 'MAGASIN', senderReplaced: 'no-stop-mention' },
    })
  })

  it.each([
    ['glued', 'Soldes -20%STOP au 36180', '36180'],
    ['mid-text', 'STOP au 36180 - Soldes -20%', '36180'],
    ['after a space', 'Soldes -20% STOP au 36180', 'MAGASIN'],
    ['after a line break', 'Soldes -20%\nSTOP au 36180', 'MAGASIN'],
    ['in lower case', 'Soldes -20%\nstop au 36180', 'MAGASIN'],
  ])('shows, for a mention %s, the sender %s', (_case, text, from) => {
    expect(send(setup(), { subject: subject('MAGASIN'), text }).sms[0]?.from).toBe(from)
  })

  it('shows the custom sender to a foreign phone, mention or not, and 36180 to the French one', () => {
    const result = send(setup(), {
      subject: subject('MAGASIN', '0612121515;+41791234567'),
      text: 'Soldes -20%',
    })
    expect(result.sms.map((s) => [s.to, s.from])).toEqual([
      ['+33612121515', '36180'],
      ['+41791234567', 'MAGASIN'],
    ])
  })

  it('applies the French rule to the overseas departments', () => {
    const result = send(setup(), { subject: subject('MAGASIN', '0692123456'), text: 'Soldes' })
    expect(result.sms[0]).toMatchObject({ to: '+262692123456', from: '36180' })
  })

  it('ignores an invalid sender and sends from 36180, without error (our choice)', () => {
    const result = send(setup(), {
      subject: subject('3Suisses', '+41791234567'),
      text: 'Soldes',
    })
    expect(result.reply.code).toBe(100)
    expect(result.sms[0]).toMatchObject({
      from: '36180',
      meta: { senderAsked: '3Suisses', senderReplaced: 'invalid' },
    })
  })
})
