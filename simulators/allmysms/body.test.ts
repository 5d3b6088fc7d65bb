import { describe, expect, it } from 'vitest'
import { htmlToText, readSmsText } from './body.ts'

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
