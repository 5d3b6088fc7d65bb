import { describe, expect, it } from 'vitest'
import type { SimRequest } from '../core/provider.ts'
import { readLocalDate } from './rest-read.ts'
import { MAX_LIST_READ, readParams, readSend, recipientsOf } from './rest-read.ts'
import { tooLongNote } from './send.ts'
import { crc32, unzipOne, zipOne } from './zip.ts'

const request = (body: string, query = '', type?: string): SimRequest => ({
  method: 'POST',
  host: 'apirest.isendpro.com',
  path: '/cgi-bin/sms',
  query,
  headers: type ? { 'content-type': type } : {},
  body: Buffer.from(body, 'utf8'),
})

describe('readParams', () => {
  it('reads JSON whatever the Content-Type, over the query string', () => {
    const reading = readParams(
      request('{"keyid":"k","num":33601020304}', 'keyid=q&x=1', 'text/plain'),
    )
    expect(reading).toEqual({
      ok: true,
      params: new Map<string, unknown>([
        ['keyid', 'k'],
        ['x', '1'],
        ['num', '33601020304'],
      ]),
    })
  })

  it('reads a form body, `num[]` as `num`', () => {
    const reading = readParams(request('keyid=k&credit=2', '', 'application/x-www-form-urlencoded'))
    expect(reading.ok && Object.fromEntries(reading.params)).toEqual({ keyid: 'k', credit: '2' })
  })

  it('says why a body cannot be read', () => {
    expect(readParams(request('{"a":'))).toMatchObject({ ok: false })
    expect(readParams(request('[1]'))).toEqual({
      ok: false,
      detail: 'the body is JSON but not an object',
    })
  })

  it('keeps a __proto__ key as a name, and reads lists no further than MAX_LIST_READ', () => {
    const many = JSON.stringify({ num: Array.from({ length: 5000 }, () => '0601020304') })
    const reading = readParams(request(many))
    expect(reading.ok && (reading.params.get('num') as string[]).length).toBe(MAX_LIST_READ)
    const proto = readParams(request('{"__proto__":"x"}'))
    expect(proto.ok && proto.params.get('__proto__')).toBe('x')
  })
})

describe('readSend and recipientsOf', () => {
  it('refuses a field of the wrong type with the reason', () => {
    expect(readSend(new Map([['num', { wrongType: 'object' }]]), false)).toEqual({
      ok: false,
      detail: 'num must be a text, not object',
    })
    expect(readSend(new Map([['num', ['a', 'b']]]), false)).toEqual({
      ok: false,
      detail: 'num must be a text, not a list',
    })
  })

  it('gives each number its own sms[i] and tracker[i], or the one shared', () => {
    const read = readSend(
      new Map<string, string | string[]>([
        ['num', ['0601020304', '0601020305']],
        ['sms', ['A', 'B']],
        ['tracker', ['t1']],
      ]),
      true,
    )
    expect(read.ok && recipientsOf(read.send)).toEqual([
      { tel: '0601020304', message: 'A', tracker: 't1' },
      { tel: '0601020305', message: 'B', tracker: 't1' },
    ])
  })

  it('marks more than 500 numbers, blank numbers left out', () => {
    const nums = Array.from({ length: 501 }, () => '0601020304')
    const read = readSend(new Map([['num', [...nums, ' ']]]), true)
    expect(read.ok && read.send.tooMany).toBe(true)
  })
})

describe('readLocalDate', () => {
  it('reads YYYY-MM-DD hh:mm in a zone, and refuses what is not a date', () => {
    expect(readLocalDate('2026-01-05 09:00', 'Europe/Paris')?.toISOString()).toBe(
      '2026-01-05T08:00:00.000Z',
    )
    expect(readLocalDate('2026-02-30 09:00', 'Europe/Paris')).toBeUndefined()
    expect(readLocalDate('2026-01-05 09:00', 'Mars/Olympus')).toBeUndefined()
    expect(readLocalDate('demain', 'Europe/Paris')).toBeUndefined()
  })
})

describe('tooLongNote', () => {
  it('says smslong is missing, or what it allows', () => {
    expect(tooLongNote(1, false)).toMatch(/no smslong given: give smslong/)
    expect(tooLongNote(2, true)).toBe('text longer than smslong allows (2 parts, at most 6)')
  })
})

describe('zipOne', () => {
  it('computes the zip format’s CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
  })

  it('writes one stored file that unzipOne reads back', () => {
    const archive = zipOne('liste.csv', Buffer.from('0601020304\r\n'))
    expect(Buffer.from(archive).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04')
    expect(unzipOne(archive)).toEqual({ name: 'liste.csv', content: Buffer.from('0601020304\r\n') })
  })
})
