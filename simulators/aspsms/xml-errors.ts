/**
 * The parse errors of MSXML, the parser behind ASPSMS's `xmlsvr.asp` (an ASP page on IIS): the
 * XML interface answers an ill-formed request with MSXML's own `parseError` values in
 * `<ParserErrorCode>`, `<ParserErrorDescription>`, `<ParserErrorLine>`…, e.g.
 * `-1072896680` "XML document must have a top level element." (XMLSPEC §7.2.6–7.2.11).
 *
 * Codes are the HRESULTs of MSXML's tokenizer (`XML_E_*`, 0xC00CE5xx) as `parseError.errorCode`
 * shows them: a signed 32-bit number. Reasons are MSXML 3's English message texts, with `%1`,
 * `%2` filled in. `source` says where a row comes from: `msxml` is MSXML's own message table;
 * `msxml6` an MSXML 6 code seen in public code (with MSXML 6's text); `ours` a limit of ours
 * that MSXML 3 does not have.
 *
 * @see shared/research/aspsms.md — §2.4 "Parser errors"
 */

export const MSXML_ERRORS = {
  ENTITY_UNDEFINED: {
    hresult: 0xc00ce002,
    reason: "Reference to undefined entity '%1'.",
    source: 'msxml',
  },
  MISSINGEQUALS: {
    hresult: 0xc00ce501,
    reason: 'Missing equals sign between attribute and attribute value.',
    source: 'msxml',
  },
  MISSINGQUOTE: {
    hresult: 0xc00ce502,
    reason: 'A string literal was expected, but no opening quote character was found.',
    source: 'msxml',
  },
  COMMENTSYNTAX: {
    hresult: 0xc00ce503,
    reason: 'Incorrect syntax was used in a comment.',
    source: 'msxml',
  },
  BADSTARTNAMECHAR: {
    hresult: 0xc00ce504,
    reason: 'A name was started with an invalid character.',
    source: 'msxml',
  },
  BADNAMECHAR: {
    hresult: 0xc00ce505,
    reason: 'A name contained an invalid character.',
    source: 'msxml',
  },
  BADCHARINSTRING: {
    hresult: 0xc00ce506,
    reason: "The character '<' cannot be used in an attribute value.",
    source: 'msxml',
  },
  XMLDECLSYNTAX: {
    hresult: 0xc00ce507,
    reason: 'Invalid syntax for an xml declaration.',
    source: 'msxml',
  },
  BADCHARDATA: {
    hresult: 0xc00ce508,
    reason: 'An Invalid character was found in text content.',
    source: 'msxml',
  },
  MISSINGWHITESPACE: {
    hresult: 0xc00ce509,
    reason: 'Required white space was missing.',
    source: 'msxml',
  },
  EXPECTINGTAGEND: {
    hresult: 0xc00ce50a,
    reason: "The character '>' was expected.",
    source: 'msxml',
  },
  MISSINGSEMICOLON: {
    hresult: 0xc00ce50d,
    reason: 'A semi colon character was expected.',
    source: 'msxml',
  },
  UNEXPECTED_WHITESPACE: {
    hresult: 0xc00ce513,
    reason: 'Whitespace is not allowed at this location.',
    source: 'msxml',
  },
  INVALID_DECIMAL: {
    hresult: 0xc00ce51d,
    reason: 'Invalid character for decimal digit.',
    source: 'msxml',
  },
  INVALID_HEXIDECIMAL: {
    hresult: 0xc00ce51e,
    reason: 'Invalid character for hexidecimal digit.',
    source: 'msxml',
  },
  INVALID_UNICODE: {
    hresult: 0xc00ce51f,
    reason: 'Invalid unicode character value for this platform.',
    source: 'msxml',
  },
  /** MSXML 3 has no depth limit; MSXML 6 stops at `MaxElementDepth` (256). Its code is ours. */
  STOPPED_DEPTH: {
    hresult: 0xc00ce551,
    reason: 'Element depth exceeds limit in MaxElementDepth property.',
    source: 'ours',
  },
  UNEXPECTEDENDTAG: {
    hresult: 0xc00ce552,
    reason: 'End tag was not expected at this location.',
    source: 'msxml',
  },
  UNCLOSEDTAG: {
    hresult: 0xc00ce553,
    reason: 'The following tags were not closed: %1.',
    source: 'msxml',
  },
  DUPLICATEATTRIBUTE: { hresult: 0xc00ce554, reason: 'Duplicate attribute.', source: 'msxml' },
  MULTIPLEROOTS: {
    hresult: 0xc00ce555,
    reason: 'Only one top level element is allowed in an XML document.',
    source: 'msxml',
  },
  INVALIDATROOTLEVEL: {
    hresult: 0xc00ce556,
    reason: 'Invalid at the top level of the document.',
    source: 'msxml',
  },
  BADXMLDECL: { hresult: 0xc00ce557, reason: 'Invalid xml declaration.', source: 'msxml' },
  MISSINGROOT: {
    hresult: 0xc00ce558,
    reason: 'XML document must have a top level element.',
    source: 'msxml',
  },
  UNEXPECTEDEOF: { hresult: 0xc00ce559, reason: 'Unexpected end of file.', source: 'msxml' },
  INVALID_CDATACLOSINGTAG: {
    hresult: 0xc00ce55c,
    reason: "The literal string ']]>' is not allowed in element content.",
    source: 'msxml',
  },
  UNCLOSEDPI: {
    hresult: 0xc00ce55d,
    reason: 'Processing instruction was not closed.',
    source: 'msxml',
  },
  UNCLOSEDSTARTTAG: { hresult: 0xc00ce55e, reason: 'Element was not closed.', source: 'msxml' },
  UNCLOSEDENDTAG: {
    hresult: 0xc00ce55f,
    reason: "End element was missing the character '>'.",
    source: 'msxml',
  },
  UNCLOSEDSTRING: {
    hresult: 0xc00ce560,
    reason: 'A string literal was not closed.',
    source: 'msxml',
  },
  UNCLOSEDCOMMENT: { hresult: 0xc00ce561, reason: 'A comment was not closed.', source: 'msxml' },
  UNCLOSEDDECL: { hresult: 0xc00ce562, reason: 'A declaration was not closed.', source: 'msxml' },
  UNCLOSEDCDATA: {
    hresult: 0xc00ce564,
    reason: 'A CDATA section was not closed.',
    source: 'msxml',
  },
  EXPECTING_VERSION: {
    hresult: 0xc00ce569,
    reason: "The 'version' attribute is required at this location.",
    source: 'msxml',
  },
  ENDTAGMISMATCH: {
    hresult: 0xc00ce56d,
    reason: "End tag '%2' does not match the start tag '%1'.",
    source: 'msxml',
  },
  INVALIDENCODING: {
    hresult: 0xc00ce56e,
    reason: 'System does not support the specified encoding.',
    source: 'msxml',
  },
  BADXMLCASE: {
    hresult: 0xc00ce576,
    reason: "The name 'xml' is reserved and must be lower case.",
    source: 'msxml',
  },
  INVALID_STANDALONE: {
    hresult: 0xc00ce579,
    reason: "The standalone attribute must have the value 'yes' or 'no'.",
    source: 'msxml',
  },
  DOCTYPE_OUTSIDE_PROLOG: {
    hresult: 0xc00ce57e,
    reason: 'Cannot have a DOCTYPE declaration outside of a prolog.',
    source: 'msxml',
  },
  INVALID_VERSION: { hresult: 0xc00ce57f, reason: 'Invalid version number.', source: 'msxml' },
  DTDELEMENT_OUTSIDE_DTD: {
    hresult: 0xc00ce580,
    reason: 'Cannot have a DTD declaration outside of a DTD.',
    source: 'msxml',
  },
  /**
   * A DOCTYPE is refused outright, as MSXML 6 does with `ProhibitDTD`: no entity declaration is
   * ever read, so none can expand or fetch anything.
   */
  DTD_PROHIBITED: { hresult: 0xc00ce584, reason: 'DTD is prohibited.', source: 'msxml6' },
} as const satisfies Record<
  string,
  { hresult: number; reason: string; source: 'msxml' | 'msxml6' | 'ours' }
>

export type MsxmlError = keyof typeof MSXML_ERRORS

/**
 * `parseError.errorCode` as MSXML shows it: the HRESULT as a signed 32-bit number.
 *
 * @example
 * msxmlErrorCode('MISSINGROOT') // -1072896680
 */
export function msxmlErrorCode(error: MsxmlError): number {
  return MSXML_ERRORS[error].hresult | 0
}

/**
 * `parseError.reason` with its arguments filled in.
 *
 * @example
 * msxmlReason('ENDTAGMISMATCH', ['aspsms', 'Action']) // "End tag 'Action' does not match the start tag 'aspsms'."
 */
export function msxmlReason(error: MsxmlError, args: readonly string[] = []): string {
  return MSXML_ERRORS[error].reason.replace(/%(\d)/g, (_m, n: string) => args[Number(n) - 1] ?? '')
}
