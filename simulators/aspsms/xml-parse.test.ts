import { describe, expect, it } from 'vitest'
import { MSXML_ERRORS, msxmlErrorCode, msxmlReason } from './xml-errors.ts'
import { readXmlDocument, type XmlElement } from './xml-parse.ts'

const read = (text: string) => readXmlDocument(Buffer.from(text, 'utf8'))

/** The tree as `name=text` lines, children indented, for short assertions. */
function outline(element: XmlElement, indent = ''): string[] {
  return [
    `${indent}${element.name}=${JSON.stringify(element.text)}`,
    ...element.children.flatMap((c) => outline(c, `${indent}  `)),
  ]
}

const tree = (text: string) => {
  const result = read(text)
  if (!result.ok) throw new Error(`not well-formed: ${result.error.description}`)
  return outline(result.root)
}

describe('readXmlDocument on well-formed documents', () => {
  it('keeps text around comments, processing instructions and CDATA, raw inside CDATA', () => {
    expect(tree('<a><m>x<!-- c > d -->y<?pi a>b?>z<![CDATA[&amp;<]]></m></a>')).toEqual([
      'a=""',
      '  m="xyz&amp;<"',
    ])
  })

  it('decodes the five entities and numeric references, decimal and hexadecimal, astral too', () => {
    expect(tree('<a>&amp;&lt;&gt;&quot;&apos;&#252;&#xFC;&#x1F600;</a>')).toEqual([
      'a="&<>\\"\'üü😀"',
    ])
  })

  it('reads CRLF and CR as LF, but keeps a &#13; reference', () => {
    expect(tree('<a>1\r\n2\r3&#13;</a>')).toEqual(['a="1\\n2\\n3\\r"'])
  })

  it('ignores attributes, even with > or /> in their values', () => {
    expect(tree('<a x="1>2" y=\'/>\'><b z="&lt;"/>t</a>')).toEqual(['a="t"', '  b=""'])
  })

  it('reads element names that are JavaScript properties, without touching any prototype', () => {
    expect(tree('<a><__proto__>1</__proto__><constructor/><toString>2</toString></a>')).toEqual([
      'a=""',
      '  __proto__="1"',
      '  constructor=""',
      '  toString="2"',
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('keeps three levels of elements and drops deeper ones', () => {
    expect(tree('<a><b><c><d>x</d>y</c></b></a>')).toEqual(['a=""', '  b=""', '    c="y"'])
  })

  it('reads bytes that are not UTF-8 as windows-1252, and skips a byte order mark', () => {
    const latin1 = readXmlDocument(Buffer.from('<a>Gr\xfcezi \x80</a>', 'latin1'))
    expect(latin1.ok && latin1.root.text).toBe('Grüezi €')
    const bom = readXmlDocument(Buffer.from('\uFEFF<a>x</a>', 'utf8'))
    expect(bom.ok && bom.root.text).toBe('x')
  })

  it.each([
    "<?xml version='1.0' encoding='ISO-8859-1'?><a/>",
    '<?xml version="1.0"?>\n<a/>',
    '\r\n\n<?xml version="1.0" encoding="utf-8" standalone="yes"?><a/>',
    '<a/>\r\n\r\r\n',
  ])('takes the declaration and surroundings real clients send: %j', (text) => {
    expect(read(text).ok).toBe(true)
  })
})

describe('readXmlDocument on ill-formed documents', () => {
  it('gives MSXML’s code, reason and position', () => {
    expect(read('<a>\n  <b>x</c>\n</a>')).toEqual({
      ok: false,
      error: {
        code: -1072896659,
        description: "End tag 'c' does not match the start tag 'b'.",
        filePos: 12,
        line: 2,
        linePos: 9,
        srcText: '  <b>x</c>',
      },
    })
  })

  it('never throws, whatever the bytes', () => {
    for (let seed = 1; seed < 300; seed++) {
      const bytes = Buffer.from(
        Array.from({ length: seed % 40 }, (_, i) =>
          '<>/&;#x!?-[]a ="\''.charCodeAt((seed * 7 + i * 13) % 18),
        ),
      )
      expect(() => readXmlDocument(bytes)).not.toThrow()
    }
  })
})

describe('the MSXML error table', () => {
  it('shows HRESULTs as MSXML’s signed parseError.errorCode', () => {
    expect(msxmlErrorCode('MISSINGROOT')).toBe(-1072896680)
    expect(msxmlErrorCode('DTD_PROHIBITED')).toBe(-1072896636)
  })

  it('fills in the arguments of a reason', () => {
    expect(msxmlReason('UNCLOSEDTAG', ['aspsms, Recipient'])).toBe(
      'The following tags were not closed: aspsms, Recipient.',
    )
  })

  it('has one code per error', () => {
    const codes = Object.values(MSXML_ERRORS).map((e) => e.hresult)
    expect(new Set(codes).size).toBe(codes.length)
  })
})
