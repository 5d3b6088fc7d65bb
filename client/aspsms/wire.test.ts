/**
 * The ASPSMS clients' wire formats, without a server: what they write (SOAP envelopes, XML
 * documents, deferred times) and how they read the service's strings, checked against the
 * samples public sources show.
 *
 * @see shared/research/aspsms.md — §1.3, §1.4, §2.2, §2.3, §3.3
 */
import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { asmxParameters, interpretAsmxResult } from './asmx.ts'
import { resultOf } from './common.ts'
import { recipientString } from './fields.ts'
import { deliveryRecord, formatDeferred, parseAspsmsDate, parseRecordLines } from './records.ts'
import { soapEnvelope } from './soap.ts'
import { decodeXmlText, elementText } from './xml-text.ts'
import { encodeXmlText, xmlDocument, XML_PROLOG } from './xml.ts'

describe('what the clients write', () => {
  it('writes a deferred time as ddmmyyyyhhmmss at GMT+1, shifted by TimeZone (XMLSPEC’s examples)', () => {
    expect(formatDeferred(new Date('2001-06-15T19:00:00Z'))).toBe('15062001200000')
    expect(formatDeferred(new Date('2001-06-15T17:00:00Z'), 2)).toBe('15062001200000')
    expect(formatDeferred(new Date('2001-06-16T00:00:00Z'), -5)).toBe('15062001200000')
  })

  it('writes recipients as num:TRN;num', () => {
    expect(recipientString([{ number: '0041791234567', trn: 'a1' }, '+41761234567'])).toBe(
      '0041791234567:a1;+41761234567',
    )
  })

  it('writes a SOAP 1.1 envelope in document/literal with qualified parameters, in WSDL order', () => {
    const envelope = soapEnvelope(
      'SendTokenSMS',
      asmxParameters('SendTokenSMS').map((name) => [name, name === 'MessageData' ? 'a<b & c' : '']),
    )
    expect(XMLValidator.validate(envelope)).toBe(true)
    expect(envelope).toContain('xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"')
    expect(envelope).toContain(
      '<soap:Body><SendTokenSMS xmlns="https://webservice.aspsms.com/aspsmsx2.asmx"><UserKey></UserKey><Password></Password><Originator></Originator><Recipients></Recipients><MessageData>a&#60;b &#38; c</MessageData>',
    )
  })

  it('writes a SOAP 1.2 envelope in the 2003 namespace', () => {
    const envelope = soapEnvelope('VersionInfo', [], '1.2')
    expect(XMLValidator.validate(envelope)).toBe(true)
    expect(envelope).toContain('xmlns:soap12="http://www.w3.org/2003/05/soap-envelope"')
    expect(envelope).toContain('<VersionInfo xmlns="https://webservice.aspsms.com/aspsmsx2.asmx">')
  })

  it('writes 38, 60, 62 and 128–255 as numeric references in XML documents, and refuses what ISO-8859-1 cannot hold', () => {
    expect(encodeXmlText('Grüezi & <Tarzan> ß')).toBe('Gr&#252;ezi &#38; &#60;Tarzan&#62; &#223;')
    expect(() => encodeXmlText('2 €')).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: "€" cannot be sent through the XML interface; use sendUnicode]`,
    )
  })

  it('writes the XML document with exactly XMLSPEC’s declaration and a CRLF after every line', () => {
    const document = xmlDocument([
      ['Userkey', 'I3QHMYKEY6E'],
      ['Password', 'mypassword'],
      [
        'Recipient',
        [
          ['PhoneNumber', '0041795555555'],
          ['TransRefNumber', '1234'],
        ],
      ],
      ['MessageData', 'I <3 Jane'],
      ['Action', 'SendTextSMS'],
    ])
    expect(document.startsWith(`${XML_PROLOG}\r\n<aspsms>\r\n`)).toBe(true)
    expect(document.split('\r\n')).toEqual([
      '<?xml version="1.0" encoding="ISO-8859-1"?>',
      '<aspsms>',
      '  <Userkey>I3QHMYKEY6E</Userkey>',
      '  <Password>mypassword</Password>',
      '  <Recipient>',
      '    <PhoneNumber>0041795555555</PhoneNumber>',
      '    <TransRefNumber>1234</TransRefNumber>',
      '  </Recipient>',
      '  <MessageData>I &#60;3 Jane</MessageData>',
      '  <Action>SendTextSMS</Action>',
      '</aspsms>',
      '',
    ])
  })
})

describe('what the clients read', () => {
  it.each([
    ['SendTextSMS', 'StatusCode:1', { status: 1 }],
    ['SendTextSMS', 'StatusCode:8', { status: 8 }],
    ['CheckCredits', 'Credits:2321.21', { status: 1, credits: 2321.21 }],
    ['CheckCredits', 'Credits:2321,21', { status: 1, credits: 2321.21 }],
    ['CheckCredits', 'StatusCode:3', { status: 3 }],
    ['InquireDeliveryNotifications', '', { status: 1, records: [] }],
    ['VersionInfo', '2.0.0 build:1', { status: 1, text: '2.0.0 build:1' }],
  ] as const)('reads %s’s result %j', (operation, text, expected) => {
    expect(interpretAsmxResult(operation, text)).toEqual(expected)
  })

  it('reads nothing usable from a result that is no ASPSMS string', () => {
    expect(interpretAsmxResult('SendTextSMS', '<html>Error</html>')).toBeUndefined()
    expect(interpretAsmxResult('CheckCredits', 'Credits:')).toBeUndefined()
  })

  it('reads nadar’s delivery records, dates in Swiss local time', () => {
    expect(
      parseRecordLines(
        '1359553540;0;30012013144546;30012013144555;000;;\n1359555046;2;30012013151053;30012013151053;206;;\n',
      ),
    ).toEqual([
      {
        trn: '1359553540',
        status: 0,
        statusText: 'Delivered',
        submittedAt: '2013-01-30T13:45:46Z',
        notifiedAt: '2013-01-30T13:45:55Z',
        reason: 0,
      },
      {
        trn: '1359555046',
        status: 2,
        statusText: 'Not Delivered',
        submittedAt: '2013-01-30T14:10:53Z',
        notifiedAt: '2013-01-30T14:10:53Z',
        reason: 206,
        reasonText: 'Invalid destination address',
      },
    ])
  })

  it('reads a short record of an SMS not yet submitted', () => {
    expect(parseRecordLines('100;-1;;;;;')).toEqual([
      { trn: '100', status: -1, statusText: 'Not yet submitted or rejected' },
    ])
  })

  it('reads summer time in Zurich as UTC+2', () => {
    expect(parseAspsmsDate('12072014123834')).toBe('2014-07-12T10:38:34Z')
    expect(parseAspsmsDate('')).toBeUndefined()
    expect(parseAspsmsDate('2014-07-12')).toBeUndefined()
  })

  it('takes the JSON fixture’s ":" as no reason code', () => {
    expect(deliveryRecord({ trn: '4243', status: '-1', reason: ':' })).toEqual({
      trn: '4243',
      status: -1,
      statusText: 'Not yet submitted or rejected',
    })
  })

  it('reads the text of an element whatever its prefix, self-closed as empty, entities decoded', () => {
    const body =
      '<soap:Envelope><soap:Body><r:XResponse xmlns:r="u"><r:XResult>a &amp; b</r:XResult></r:XResponse><Y /></soap:Body></soap:Envelope>'
    expect(elementText(body, 'XResult')).toBe('a & b')
    expect(elementText(body, 'Y')).toBe('')
    expect(elementText(body, 'Z')).toBeUndefined()
    expect(decodeXmlText('&#x41;&#66;&quot;&apos;&lt;&gt;')).toBe('AB"\'<>')
  })

  it('counts 28–31 as a carried-out authorization check, and 31 and 28 as authorized', () => {
    const base = { transport: 'soap' as const, httpStatus: 200, raw: '' }
    expect(resultOf('CheckOriginatorAuthorization', 30, base)).toMatchObject({
      ok: true,
      authorized: false,
      statusText: 'Originator Not Authorized.',
    })
    expect(resultOf('CheckOriginatorAuthorization', 28, base).authorized).toBe(true)
    expect(resultOf('CheckOriginatorAuthorization', 3, base)).toMatchObject({ ok: false })
    expect(resultOf('CheckOriginatorAuthorization', 3, base).authorized).toBeUndefined()
    expect(resultOf('UnlockOriginator', 31, base).ok).toBe(false)
  })
})
