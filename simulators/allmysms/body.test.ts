import { describe, expect, it } from 'vitest'
import { htmlToText, readSmsText, stripMarkup } from './body.ts'

describe('readSmsText', () => {
  it('takes the text/plain part as written', () => {
    expect(readSmsText({ text: 'Bonjour Jean,\n\nà demain', hasPlainText: true })).toEqual({
      text: 'Bonjour Jean,\n\nà demain',
      source: 'plain',
    })
  })

  it('trims the line breaks and spaces that end the body', () => {
    expect(readSmsText({ text: 'Bonjour \n\n \n', hasPlainText: true }).text).toBe('Bonjour')
  })

  it('keeps the line breaks that start it', () => {
    expect(readSmsText({ text: '\nBonjour', hasPlainText: true }).text).toBe('\nBonjour')
  })

  it('keeps a signature after "-- ": the body is the SMS (our choice)', () => {
    expect(readSmsText({ text: 'Bonjour\n-- \nJean Dupont', hasPlainText: true }).text).toBe(
      'Bonjour\n-- \nJean Dupont',
    )
  })

  it('prefers the plain part when the mail has an HTML one too', () => {
    expect(
      readSmsText({ text: 'Bonjour', html: '<p><b>Bonjour</b> !</p>', hasPlainText: true }),
    ).toEqual({ text: 'Bonjour', source: 'plain' })
  })

  it('reads an HTML-only mail as the text of its HTML (our choice)', () => {
    expect(
      readSmsText({
        text: '',
        html: '<div>Bonjour&nbsp;Jean,</div><div>à demain</div>',
        hasPlainText: false,
      }),
    ).toEqual({ text: 'Bonjour Jean,\nà demain', source: 'html' })
  })

  it('gives an empty text when the mail has neither part', () => {
    expect(readSmsText({ text: '', hasPlainText: false })).toEqual({ text: '', source: 'none' })
    expect(readSmsText({ text: '', html: '  ', hasPlainText: false })).toEqual({
      text: '',
      source: 'none',
    })
  })

  it('gives an empty text for a plain part of blank lines', () => {
    expect(readSmsText({ text: '\n \n', hasPlainText: true }).text).toBe('')
  })
})

describe('htmlToText', () => {
  it('turns <br> and block ends into line breaks and drops the tags', () => {
    expect(htmlToText('<p>Soldes <b>-20%</b><br>STOP au 36180</p>')).toBe(
      'Soldes -20%\nSTOP au 36180\n',
    )
  })

  it('collapses the source’s whitespace and line breaks as a browser does', () => {
    expect(htmlToText('<p>Bonjour\n   Jean,\r\n  à demain</p>')).toBe('Bonjour Jean, à demain\n')
  })

  it('leaves out the head, styles, scripts and comments', () => {
    expect(
      htmlToText(
        '<html><head><title>x</title><style>p{color:red}</style></head><body><!-- c --><script>1</script>Bonjour</body></html>',
      ),
    ).toBe('Bonjour')
  })

  it('decodes named, decimal and hexadecimal entities', () => {
    expect(htmlToText('&eacute;t&eacute; &agrave; 5&euro; &lt;ok&gt; &#233;&#xE7;&amp;')).toBe(
      'été à 5€ <ok> éç&',
    )
  })

  it('leaves an unknown entity as written', () => {
    expect(htmlToText('a &foo; b')).toBe('a &foo; b')
  })

  it('writes no-break spaces as spaces, which keeps the text in GSM 03.38', () => {
    expect(htmlToText('Bonjour&nbsp;&nbsp;Jean')).toBe('Bonjour Jean')
  })

  it('keeps at most one empty line between paragraphs', () => {
    expect(htmlToText('<p>a</p><p></p><p></p><p>b</p>')).toBe('a\n\nb\n')
  })
})

describe('htmlToText and readSmsText on long and hostile bodies', () => {
  /** The patterns htmlToText applied before issue 10, in their order: the oracle. */
  function reference(html: string): string {
    return html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/\s+/g, ' ')
      .replace(
        /<\/(?:p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol|dt|dd)\s*>|<(?:br|hr)\b[^>]*>/gi,
        '\n',
      )
      .replace(/<[^>]*>/g, '')
  }

  /** A seeded generator (mulberry32): the same tag soup on every run. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }

  const PIECES = [
    ...'ab <>/-! \n',
    '<!--',
    '-->',
    '<head>',
    '</head>',
    '<HEAD x="1">',
    '</Head >',
    '<style',
    '</style>',
    '<script>',
    '</script',
    '<title>',
    '</title>',
    '<header>',
    '<br',
    '<br/>',
    '<hr>',
    '</p>',
    '</div >',
    '<p>',
    '&amp;',
    '&nbsp;',
  ]

  it('removes what the former patterns removed, on random tag soup', () => {
    const next = random(20260110)
    for (let k = 0; k < 3000; k++) {
      let html = ''
      const length = Math.floor(next() * 40)
      for (let i = 0; i < length; i++) html += PIECES[Math.floor(next() * PIECES.length)]
      expect(stripMarkup(html), JSON.stringify(html)).toBe(reference(html))
    }
  })

  // 80,000 characters each: before issue 10 each of these took seconds to minutes.
  it.each([
    ['a < without its >', '<'.repeat(80_000), '<'.repeat(80_000)],
    ['comments never closed', 'Bonjour<!--'.repeat(8_000), 'Bonjour<!--'.repeat(8_000)],
    ['heads never closed', '<head>'.repeat(13_000) + 'Bonjour', 'Bonjour'],
    ['line breaks never closed', '<br'.repeat(26_000) + ' x', '<br'.repeat(26_000) + ' x'],
    ['spaces that do not end the text', 'Bonjour' + ' '.repeat(80_000) + 'Jean', 'Bonjour Jean'],
  ])('reads %s at once', (_what, html, text) => {
    expect(readSmsText({ text: '', html, hasPlainText: false }).text).toBe(text)
  })

  it('trims the end of a plain body that holds a long run of spaces in its middle', () => {
    const text = `Bonjour${' '.repeat(80_000)}Jean \n\n`
    expect(readSmsText({ text, hasPlainText: true }).text).toBe(`Bonjour${' '.repeat(80_000)}Jean`)
  })
})
