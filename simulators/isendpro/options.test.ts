import { describe, expect, it } from 'vitest'
import { readIsendproOptions, validateIsendproOptions } from './options.ts'

describe('validateIsendproOptions', () => {
  it('accepts the documented options', () => {
    expect(
      validateIsendproOptions({
        senderDomains: ['masociete.com', '@Autre.fr'],
        commercialExempt: false,
        nostopAllowed: true,
        commercialWindow: 'af2m-2024',
      }),
    ).toEqual([])
  })

  it('says what is wrong with each bad value', () => {
    expect(
      validateIsendproOptions({
        senderDomains: ['masociete.com', 'not a domain'],
        commercialExempt: 'yes',
        nostopAllowed: 1,
        commercialWindow: 'never',
        senderDomain: 'x',
      }),
    ).toMatchInlineSnapshot(`
      [
        "unknown option "senderDomain"; known: senderDomains, commercialExempt, nostopAllowed, commercialWindow, blacklist",
        "senderDomains: "not a domain" is not a domain name",
        "commercialExempt must be true or false",
        "nostopAllowed must be true or false",
        "commercialWindow must be one of legacy, af2m-2024, af2m-2026",
      ]
    `)
    expect(validateIsendproOptions({ senderDomains: 'masociete.com' })).toEqual([
      'senderDomains must be a list of domains, e.g. ["masociete.com"]',
    ])
  })
})

describe('readIsendproOptions', () => {
  it('fills in the defaults: no domain, restrictions in place, the document’s window', () => {
    expect(readIsendproOptions({})).toEqual({
      senderDomains: [],
      commercialExempt: false,
      nostopAllowed: false,
      commercialWindow: 'legacy',
      blacklist: [],
    })
  })

  it('refuses a blacklist that is not E.164 numbers', () => {
    expect(validateIsendproOptions({ blacklist: ['0601020304'] })).toEqual([
      'blacklist must be a list of E.164 numbers, e.g. ["+33601020304"]',
    ])
    expect(validateIsendproOptions({ blacklist: ['+33601020304'] })).toEqual([])
  })

  it('normalizes domains', () => {
    expect(readIsendproOptions({ senderDomains: [' @MaSociete.COM '] }).senderDomains).toEqual([
      'masociete.com',
    ])
  })
})
