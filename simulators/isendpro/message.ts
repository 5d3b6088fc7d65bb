/**
 * The SMS text each recipient of a mail gets: the message as written (`<sms>`, `<smsX>` or
 * `message.csv`), `[1]`…`[3]` merged with the recipient's `mobiles.csv` values, normalized,
 * `Ö` turned into line breaks — or the verdict that it is blank (999) or too long (34).
 *
 * Up to 500 recipients may share one template of up to a megabyte: each text is merged and
 * normalized only as far as the decision reads it, so that a mail costs time linear in its size
 * and not in its size times its recipients (issue 10).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1 (`Ö`), III.3 (message.csv)
 */
import { BoundedMerge, type Piece } from '../core/merge.ts'
import { longestText } from '../core/segments.ts'
import { FIELD, mergeFields } from './csv.ts'
import { LINE_BREAK_CHAR } from './wire.ts'

/**
 * Most parts of one SMS: "jusqu'à 6 SMS concaténés pour une longueur totale maximale de 918
 * caractères" (the REST documentation's `smslong`, research §C.1). read.ts caps `<smslong>` at
 * it; a message is read no further than these parts can reach.
 */
export const MAX_PARTS = 6

/**
 * The SMS text of a message as written: `[1]`…`[3]` merged for a `mobiles.csv` line, composed
 * characters normalized (a decomposed `Ö` is still the line-break character), and every `Ö`
 * turned into a line break.
 *
 * @example
 * smsText('BonjourÖÀ demain') // 'Bonjour\nÀ demain'
 */
export function smsText(written: string, fields?: readonly string[]): string {
  const merged = fields ? mergeFields(written, fields) : written
  return merged.normalize('NFC').replaceAll(LINE_BREAK_CHAR, '\n')
}

/** A message too long for any `smslong`, and not blank: the recipient gets 34. */
export const TOO_LONG = Symbol('too long')

/**
 * NFC makes a text at most 8 times shorter in UTF-16 units: a canonical decomposition is at
 * most 4 times as long as its character (U+1F82 ᾂ) and at least half as long (U+2F800, an
 * astral compatibility ideograph, decomposes to one BMP unit). decide-long.test.ts checks it on
 * every code point.
 */
export const NFC_SHRINK = 8

/**
 * How much of a merged message is read: a longer one is longer than 6 parts even once
 * normalized, and is then only looked at to tell whether it is blank (999 comes before 34).
 */
const MESSAGE_REACH = NFC_SHRINK * (longestText(MAX_PARTS) + 1)

/**
 * The messages of a mail's recipients.
 *
 * @example
 * const messages = new Messages()
 * messages.messageFor('Bonjour [1]', ['Julie']) // 'Bonjour Julie'
 * messages.messageFor('x'.repeat(10_000))        // TOO_LONG
 */
export class Messages {
  /** A merge per template, read once into pieces. */
  readonly #merges = new Map<string, BoundedMerge>()
  readonly #wholes = new Map<string, readonly Piece[]>()
  /** What each list of pieces says about blankness (one list per template and empty values). */
  readonly #shapes = new WeakMap<readonly Piece[], Shape>()

  /** {@link smsText}, or {@link TOO_LONG} for a text no `smslong` allows that is not blank. */
  messageFor(written: string, fields?: readonly string[]): string | typeof TOO_LONG {
    const merge = fields ? this.#merge(written) : undefined
    const merged = merge ? merge.textFor(fields!) : written.slice(0, MESSAGE_REACH)
    if (merged.length < MESSAGE_REACH) return smsText(merged)
    const pieces = merge ? merge.piecesFor(fields!) : this.#whole(written)
    let shape = this.#shapes.get(pieces)
    if (!shape) this.#shapes.set(pieces, (shape = shapeOf(pieces)))
    return isBlank(shape, fields ?? []) ? '' : TOO_LONG
  }

  /** A message without values as one piece: the same array each time, so its shape is kept. */
  #whole(message: string): readonly Piece[] {
    let pieces = this.#wholes.get(message)
    if (!pieces) this.#wholes.set(message, (pieces = [message]))
    return pieces
  }

  #merge(template: string): BoundedMerge {
    let merge = this.#merges.get(template)
    if (!merge)
      this.#merges.set(template, (merge = new BoundedMerge(template, FIELD, MESSAGE_REACH)))
    return merge
  }
}

/*
 * Blankness without building the text. smsText's result is blank exactly when the merged text
 * is a sequence of white space, `Ö` and `O` + U+0308 (a decomposed `Ö`): any other character
 * stays, or composes into a letter that is not `Ö` (decide-long.test.ts checks it). Over the
 * classes w (white space or `Ö`), O and D (U+0308), that is: every character in one of them,
 * no O followed by w, O or the end, no D after w, D or the start — a condition on the text's
 * pairs of neighbours, which a merge's pieces give without the text being built.
 */

/** w: white space or `Ö`; O; D: U+0308; x: anything else. */
type CharClass = 'w' | 'O' | 'D' | 'x'

function classOf(char: string): CharClass {
  if (char === 'O') return 'O'
  if (char === '\u0308') return 'D'
  return char === LINE_BREAK_CHAR || /\s/.test(char) ? 'w' : 'x'
}

/** Whether `right` may follow `left` in a blank text (`undefined`: the start or the end). */
function mayFollow(left: CharClass | undefined, right: CharClass | undefined): boolean {
  if (left === 'O') return right === 'D'
  return right !== 'D'
}

/** A piece of text: whether it may be part of a blank text, and its first and last classes. */
interface Summary {
  ok: boolean
  first: CharClass
  last: CharClass
}

function summaryOf(text: string): Summary {
  let previous: CharClass | undefined
  let ok = true
  for (const char of text) {
    const current = classOf(char)
    if (current === 'x' || (previous !== undefined && !mayFollow(previous, current))) {
      ok = false
      break
    }
    previous = current
  }
  return { ok, first: classOf(text[0]!), last: classOf(text[text.length - 1]!) }
}

/** A side of a pair of neighbours: a literal's class, or the number of a variable. */
type Side = CharClass | number

/** What a list of pieces says about blankness, whatever the values. */
interface Shape {
  /** Every literal may be part of a blank text. */
  literalsOk: boolean
  /** The variables in the pieces: the only values that count. */
  variables: Set<number>
  /** The distinct pairs of neighbouring pieces: the left one's end, the right one's start. */
  pairs: [Side, Side][]
  first?: Side
  last?: Side
}

function shapeOf(pieces: readonly Piece[]): Shape {
  const seen = new Set<string>()
  const shape: Shape = { literalsOk: true, variables: new Set(), pairs: [] }
  let previous: Side | undefined
  for (const piece of pieces) {
    let start: Side
    let end: Side
    if (typeof piece === 'number') {
      start = end = piece
      shape.variables.add(piece)
    } else {
      const summary = summaryOf(piece)
      if (!summary.ok) return { ...shape, literalsOk: false }
      start = summary.first
      end = summary.last
    }
    if (previous === undefined) shape.first = start
    else if (!seen.has(`${previous} ${start}`)) {
      seen.add(`${previous} ${start}`)
      shape.pairs.push([previous, start])
    }
    previous = end
  }
  if (previous !== undefined) shape.last = previous
  return shape
}

function isBlank(shape: Shape, fields: readonly string[]): boolean {
  if (!shape.literalsOk) return false
  const values: Summary[] = []
  for (const n of shape.variables) {
    values[n - 1] = summaryOf(fields[n - 1]!)
    if (!values[n - 1]!.ok) return false
  }
  const end = (side: Side | undefined) => (typeof side === 'number' ? values[side - 1]!.last : side)
  const start = (side: Side | undefined) =>
    typeof side === 'number' ? values[side - 1]!.first : side
  return (
    mayFollow(undefined, start(shape.first)) &&
    mayFollow(end(shape.last), undefined) &&
    shape.pairs.every(([left, right]) => mayFollow(end(left), start(right)))
  )
}
