import { describe, expect, it } from 'vitest'
import {
  attachmentText,
  findAttachment,
  mergeFields,
  readMessageCsv,
  readMobilesCsv,
} from './csv.ts'

const attachment = (filename: string, content: Uint8Array, contentType = 'text/csv') => ({
  filename,
  contentType,
  content,
})

describe('mobiles.csv', () => {
  it('reads the document’s lines with and without values', () => {
    expect(readMobilesCsv('0601020304;;Michel;;Martin;;10/10/2015\n0601020305\n', 501)).toEqual([
      { num: '0601020304', fields: ['Michel', 'Martin', '10/10/2015'] },
      { num: '0601020305', fields: ['', '', ''] },
    ])
  })

  it('also splits on single ";" when a line has no ";;", and keeps a ";" inside a ";;" value', () => {
    expect(readMobilesCsv('0601020304;Michel;Martin\n0601020305;;a;b;;c\n', 501)).toEqual([
      { num: '0601020304', fields: ['Michel', 'Martin', ''] },
      { num: '0601020305', fields: ['a;b', 'c', ''] },
    ])
  })

  it('skips empty lines, trims values, stops at the limit', () => {
    expect(readMobilesCsv('\n 0601020304 ;; Jean \n\n0601020305\n0601020306\n', 2)).toEqual([
      { num: '0601020304', fields: ['Jean', '', ''] },
      { num: '0601020305', fields: ['', '', ''] },
    ])
  })
})

describe('message.csv', () => {
  it('reads the first line only', () => {
    expect(readMessageCsv('Bonjour [1]\nsecond\n')).toBe('Bonjour [1]')
  })

  it('unquotes a line a spreadsheet wrapped in quotes', () => {
    expect(readMessageCsv('"Bonjour; ""vous"""\n')).toBe('Bonjour; "vous"')
  })

  it('merges [1], [2], [3], leaving other brackets alone', () => {
    expect(mergeFields('[1] [2] [3] [4] [1]', ['a', 'b'])).toBe('a b  [4] a')
  })
})

describe('attachments', () => {
  it('finds a name without case', () => {
    const found = findAttachment([attachment('Mobiles.CSV', new Uint8Array())], 'mobiles.csv')
    expect(found?.filename).toBe('Mobiles.CSV')
  })

  it('decodes UTF-8 with a BOM, and windows-1252, with CRLF made LF', () => {
    expect(attachmentText(attachment('m', Buffer.from('\uFEFFHélène\r\n')))).toBe('Hélène\n')
    expect(attachmentText(attachment('m', Uint8Array.of(0x48, 0xe9, 0x80, 0x0d)))).toBe('Hé€\n')
  })
})
