import { describe, expect, it } from 'vitest'
import { decodeXmlReferences, escapeXml, isXmlChar, type ReferenceProblem } from './xml.ts'

/** Every kind of character a writer may meet: markup, quotes, Latin-1, beyond, controls, junk. */
const MIXED = 'a&b<c>d"e\'f\tg\nh\ri\u0001j\u007fk\u00e9l\u20acm\u{1f600}n\ud800o\ufffe'

describe('escapeXml', () => {
  it('leaves text with nothing to escape as it is', () => {
    const plain = 'Bonjour, 10 SMS = 1 crédit ?'
    expect(escapeXml(plain)).toBe(plain)
  })

  // Each writer's bytes, pinned: the options are the only thing that differs between them.
  it.each([
    [
      'ASPSMS SOAP/ASMX text (defaults, as .NET writes)',
      {},
      'a&amp;b&lt;c&gt;d"e\'f\tg\nh\ri\ufffdj\u007fk\u00e9l\u20acm\u{1f600}n\ufffdo\ufffd',
    ],
    [
      'ASPSMS WSDL attribute value',
      { quote: true },
      "a&amp;b&lt;c&gt;d&quot;e'f\tg\nh\ri\ufffdj\u007fk\u00e9l\u20acm\u{1f600}n\ufffdo\ufffd",
    ],
    [
      'ASPSMS xmlsvr.asp reply (printable ASCII only)',
      { literalUpTo: 0x7e, whitespaceAsReferences: true, invalid: '&#65533;' },
      'a&amp;b&lt;c&gt;d"e\'f&#9;g&#10;h&#13;i&#65533;j&#127;k&#233;l&#8364;m&#128512;n&#65533;o&#65533;',
    ],
    [
      'iSendPro Ack and Not (ISO-8859-1)',
      { literalUpTo: 0xff, invalid: '?' },
      'a&amp;b&lt;c&gt;d"e\'f\tg\nh\ri?j\u007fk\u00e9l&#8364;m&#128512;n?o?',
    ],
    [
      'ASPSMS client, SOAP parameter',
      { numeric: true, invalid: null },
      'a&#38;b&#60;c&#62;d"e\'f\tg\nh\ri\u0001j\u007fk\u00e9l\u20acm\u{1f600}n\ud800o\ufffe',
    ],
    [
      'ASPSMS client, XML interface (Latin-1 range as references)',
      { numeric: true, literalUpTo: 0x7f, invalid: null },
      'a&#38;b&#60;c&#62;d"e\'f\tg\nh\ri\u0001j\u007fk&#233;l&#8364;m&#128512;n\ud800o\ufffe',
    ],
    [
      'iSendPro client, <envoi> values',
      { invalid: null },
      'a&amp;b&lt;c&gt;d"e\'f\tg\nh\ri\u0001j\u007fk\u00e9l\u20acm\u{1f600}n\ud800o\ufffe',
    ],
  ] as const)('writes %s', (_writer, options, expected) => {
    expect(escapeXml(MIXED, options)).toBe(expected)
  })

  it('writes `"` as a numeric reference in a numeric attribute value', () => {
    expect(escapeXml('"&"', { quote: true, numeric: true })).toBe('&#34;&#38;&#34;')
  })
})

describe('decodeXmlReferences', () => {
  it('decodes the five entities and numeric references, decimal and hexadecimal', () => {
    expect(decodeXmlReferences('&amp;&lt;&gt;&quot;&apos; &#233;&#xE9;&#x1F600;')).toBe(
      '&<>"\' éé\u{1f600}',
    )
  })

  it('leaves by default what is no reference as written', () => {
    expect(decodeXmlReferences('Tom & Jerry &amp &nbsp; &#0; &#xD800; &AMP; &#X41; &;')).toBe(
      'Tom & Jerry &amp &nbsp; &#0; &#xD800; &AMP; &#X41; &;',
    )
  })

  it('reads names and `#X` without case when told to', () => {
    expect(decodeXmlReferences('&AMP;&Lt;&#X41;', { ignoreCase: true })).toBe('&<A')
  })

  it('takes any character but U+0000 with `characters: unicode`, only XML Chars by default', () => {
    expect(decodeXmlReferences('&#1;&#xFFFE;&#0;', { characters: 'unicode' })).toBe(
      '\u0001\ufffe&#0;',
    )
    expect(decodeXmlReferences('&#1;&#xFFFE;&#0;')).toBe('&#1;&#xFFFE;&#0;')
  })

  it('reads references of any length unless told the most digits', () => {
    expect(decodeXmlReferences('&#0000065;&#x0000041;')).toBe('AA')
    expect(decodeXmlReferences('&#99999999999999999999;&#x11FFFFFFFF;')).toBe(
      '&#99999999999999999999;&#x11FFFFFFFF;',
    )
    const problems: ReferenceProblem[] = []
    const limited = decodeXmlReferences('&#0000065;&#x0000041;', {
      maxDigits: { decimal: 7, hex: 6 },
      onInvalid: (written, problem) => (problems.push(problem), written),
    })
    expect(limited).toBe('A&#x0000041;')
    expect(problems).toEqual(['undeclared'])
  })

  it('hands every reference it cannot read to onInvalid, with the reason', () => {
    const seen: [string, ReferenceProblem][] = []
    const out = decodeXmlReferences('&amp &#0; &nbsp; &constructor; &amp;', {
      onInvalid: (written, problem) => (seen.push([written, problem]), '?'),
    })
    expect(out).toBe('? ? ? ? &')
    expect(seen).toEqual([
      ['&amp', 'unterminated'],
      ['&#0;', 'not-a-character'],
      ['&nbsp;', 'undeclared'],
      ['&constructor;', 'undeclared'],
    ])
  })

  it('reads a reference right after a bare `&`, as a scanning reader does', () => {
    expect(decodeXmlReferences('&&amp;& &lt;')).toBe('&&& <')
  })
})

describe('isXmlChar', () => {
  it('takes tab, line breaks and text; refuses controls, surrogates, U+FFFE and beyond U+10FFFF', () => {
    expect(
      [0x09, 0x0a, 0x0d, 0x20, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x10ffff].every(isXmlChar),
    ).toBe(true)
    expect([0x00, 0x0b, 0x1f, 0xd800, 0xdfff, 0xfffe, 0xffff, 0x110000].some(isXmlChar)).toBe(false)
  })
})
