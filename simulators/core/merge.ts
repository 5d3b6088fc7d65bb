/**
 * Mail merge for many recipients: one template, numbered variables (`[v1]` at SMStoB, `[1]` at
 * iSendPro), a text per recipient. Providers cut or refuse a text past a few hundred
 * characters, so each text is built only as far as that decision reads: merging a
 * 200,000-character template in full for each of 10,000 contacts would be two billion
 * characters of work for one request of 200 KB (issue 10).
 */

/** A literal piece of the template, or the number of the variable that goes there. */
export type Piece = string | number

/**
 * A template read once into pieces, merged for each recipient up to `reach` UTF-16 units: the
 * text is whole when shorter, else its beginning of exactly `reach` units.
 *
 * @example
 * const merge = new BoundedMerge('Bonjour [v1], ' + 'x'.repeat(200_000), /\[v([123])\]/gi, 1_600)
 * merge.textFor(['Julie']) // 'Bonjour Julie, xxx…' (1,600 units)
 */
export class BoundedMerge {
  readonly #reach: number
  readonly #pieces: Piece[] = []
  /** The numbers of the variables the template uses. */
  readonly #used = new Set<number>()
  /**
   * The pieces without the variables whose value is empty, adjacent literals joined, by which
   * values are empty (a bit per variable): then every piece adds to the text, and a text is
   * built from `reach` pieces at most, however many empty variables the template holds.
   */
  readonly #withoutEmpty = new Map<number, Piece[]>()

  /**
   * @param variable a global pattern whose first group is the variable's number (1 or more)
   */
  constructor(template: string, variable: RegExp, reach: number) {
    this.#reach = reach
    let from = 0
    for (const match of template.matchAll(variable)) {
      if (match.index > from) this.#pieces.push(template.slice(from, match.index))
      this.#pieces.push(Number(match[1]))
      this.#used.add(Number(match[1]))
      from = match.index + match[0].length
    }
    if (from < template.length) this.#pieces.push(template.slice(from))
  }

  /**
   * The template with variable `n` replaced by `values[n - 1]` (nothing when missing), or its
   * first `reach` units.
   */
  textFor(values: readonly (string | undefined)[]): string {
    let text = ''
    for (const piece of this.#piecesWithout(this.#emptyOf(values))) {
      const part = typeof piece === 'string' ? piece : values[piece - 1]!
      const room = this.#reach - text.length
      // A slice of a long piece, not all of it: whoever reads the text must not flatten more.
      text += part.length > room ? part.slice(0, room) : part
      if (text.length >= this.#reach) break
    }
    return text
  }

  /**
   * The pieces of the merge for these values, in order: literal texts (neighbours joined) and
   * the numbers of the variables whose value is not empty. The same array for every recipient
   * whose empty values are the same, so that a caller can work out something of it once.
   */
  piecesFor(values: readonly (string | undefined)[]): readonly Piece[] {
    return this.#piecesWithout(this.#emptyOf(values))
  }

  #emptyOf(values: readonly (string | undefined)[]): number {
    let empty = 0
    for (const n of this.#used) if (!values[n - 1]) empty |= 1 << n
    return empty
  }

  #piecesWithout(empty: number): Piece[] {
    let pieces = this.#withoutEmpty.get(empty)
    if (pieces) return pieces
    pieces = []
    for (const piece of this.#pieces) {
      if (typeof piece === 'number') {
        if (!(empty & (1 << piece))) pieces.push(piece)
      } else if (typeof pieces[pieces.length - 1] === 'string') pieces[pieces.length - 1] += piece
      else pieces.push(piece)
    }
    this.#withoutEmpty.set(empty, pieces)
    return pieces
  }
}
