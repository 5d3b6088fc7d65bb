/**
 * The SMS text of a Mail2SMS mail: "Le corps de l'email correspond au contenu textuel de votre
 * SMS". The document only recommends plain mails ("Il est fortement recommandé d'envoyer vos
 * emails au format « brut » (sans formatage)"), so a formatted mail must still give a text.
 *
 * Our reading (README "Fidelity"):
 * - the text/plain part is the SMS, as written: a signature after `-- ` is **kept** (the body
 *   *is* the SMS, and a simulator that cut it would hide what the real service may send);
 * - trailing spaces and line breaks are trimmed (mail clients and `swaks` end the body with a
 *   line break nobody typed; the STOP mention must be at the end), leading ones are kept;
 * - an HTML-only mail gives the text of its HTML: tags removed, `<br>` and block ends as line
 *   breaks, entities decoded, no-break spaces as spaces. With both parts, the plain one wins, as in any mail reader.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "CORPS DU MESSAGE (BODY)"
 */

/** Which part of the mail gave the SMS text. */
export type BodySource = 'plain' | 'html' | 'none'

/**
 * Reads the SMS text of a mail, as the gateway normalized it (line ends already `\n`).
 *
 * @example
 * readSmsText({ text: 'Bonjour\n', hasPlainText: true })                   // { text: 'Bonjour', source: 'plain' }
 * readSmsText({ text: '', html: '<p>Bonjour</p>', hasPlainText: false })  // { text: 'Bonjour', source: 'html' }
 */
export function readSmsText(mail: { text: string; html?: string; hasPlainText: boolean }): {
  text: string
  source: BodySource
} {
  if (mail.hasPlainText) return { text: trimEnd(mail.text), source: 'plain' }
  if (mail.html !== undefined && mail.html.trim() !== '')
    return { text: trimEnd(htmlToText(mail.html)), source: 'html' }
  return { text: '', source: 'none' }
}

/**
 * The text without trailing white space. `trimEnd` trims the same characters as `/\s+$/` but
 * from the end: the pattern, tried at every space of a long run that does not end the text,
 * took time quadratic in the run (issue 10).
 */
const trimEnd = (text: string): string => text.trimEnd()

/** Elements whose end starts a new line of text. */
const BLOCK_END =
  /<\/(?:p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol|dt|dd)\s*>|<(?:br|hr)\b[^>]*>/gi

/**
 * The text a mail reader shows for an HTML body, simply: what is between the tags, with line
 * breaks where blocks end, runs of whitespace as one space, entities decoded.
 *
 * @example
 * htmlToText('<div>Bonjour&nbsp;Jean,</div><div>à demain<br></div>') // 'Bonjour Jean,\nà demain'
 */
export function htmlToText(html: string): string {
  return (
    decodeEntities(stripMarkup(html))
      .split('\n')
      // A no-break space is a space to whoever reads the mail; kept, it would force UCS-2.
      .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '')
  )
}

/**
 * The text between the tags, before entities are decoded: comments and invisible elements
 * dropped, whitespace collapsed, block ends turned into line breaks, tags removed. Every step
 * is linear in the HTML, however it is written (issue 10).
 *
 * @example
 * stripMarkup('<p>Bonjour <b>Jean</b></p><!-- x -->') // 'Bonjour Jean\n'
 */
export function stripMarkup(html: string): string {
  const visible = dropInvisible(replaceBefore(html, '-->', /<!--[\s\S]*?-->/g, ''))
  const lines = replaceBefore(visible.replace(/\s+/g, ' '), '>', BLOCK_END, '\n')
  return replaceBefore(lines, '>', /<[^>]*>/g, '')
}

/**
 * `text.replace(pattern, replacement)` for a pattern whose every match ends with `end`: applied
 * only up to the last `end`, where all its matches are. Tried at each `<` of a text that has no
 * `>` after it, `<[^>]*>` reads to the end of the text every time — quadratic (issue 10); cut
 * there, every try that gets past its first characters finds its end.
 */
function replaceBefore(text: string, end: string, pattern: RegExp, replacement: string): string {
  const last = text.lastIndexOf(end)
  if (last < 0) return text
  const head = text.slice(0, last + end.length)
  return head.replace(pattern, replacement) + text.slice(head.length)
}

/** Elements whose content a reader never shows. */
const INVISIBLE = ['head', 'style', 'script', 'title']

/**
 * Drops the `head`, `style`, `script` and `title` elements, content and all: what
 * `/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi` removes, in linear time. The
 * pattern reads to the end of the text for every opening tag whose element is never closed;
 * here an element found unclosed once is not looked for again (no later one can be closed).
 */
function dropInvisible(html: string): string {
  const lastGt = html.lastIndexOf('>')
  if (lastGt < 0) return html
  // Every opening tag ends at a `>`: looking no further than the last one, each try that
  // matches a name finds its end.
  const head = html.slice(0, lastGt + 1)
  let names = INVISIBLE
  let opening = openingTag(names)
  let out = ''
  let kept = 0
  for (let match = opening.exec(head); match; match = opening.exec(head)) {
    const name = match[1]!.toLowerCase()
    const closing = new RegExp(`<\\/${name}\\s*>`, 'gi')
    closing.lastIndex = match.index + match[0].length
    const close = closing.exec(html)
    if (!close) {
      names = names.filter((n) => n !== name)
      if (names.length === 0) break
      const from = match.index + 1
      opening = openingTag(names)
      opening.lastIndex = from
      continue
    }
    out += html.slice(kept, match.index)
    kept = close.index + close[0].length
    opening.lastIndex = kept
  }
  return out + html.slice(kept)
}

const openingTag = (names: readonly string[]) => new RegExp(`<(${names.join('|')})\\b[^>]*>`, 'gi')

/**
 * HTML's Latin-1 entity names (`&nbsp;` U+00A0 … `&yuml;` U+00FF), in code point order: the
 * accented letters of a French mail are among them.
 */
const LATIN1_ENTITIES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'.split(
    ' ',
  )

const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ...LATIN1_ENTITIES.map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['euro', '€'],
  ['OElig', 'Œ'],
  ['oelig', 'œ'],
  ['Yuml', 'Ÿ'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['hellip', '…'],
  ['ndash', '–'],
  ['mdash', '—'],
])

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES.get(name) ?? whole
  })
}
