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

const trimEnd = (text: string): string => text.replace(/\s+$/u, '')

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
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s+/g, ' ')
    .replace(BLOCK_END, '\n')
    .replace(/<[^>]*>/g, '')
  return (
    decodeEntities(text)
      .split('\n')
      // A no-break space is a space to whoever reads the mail; kept, it would force UCS-2.
      .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, '')
  )
}

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
