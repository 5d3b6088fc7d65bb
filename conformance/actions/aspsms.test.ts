import { describe, expect, it } from 'vitest'
import { codeOf, recipientsOf, sendInputOf } from './aspsms-args.ts'
import { ASPSMS_ACTION_SETS } from './aspsms.ts'

/** The verbs other suites and helpers name: they must exist under these names. */
const COMMON = [
  'sendText',
  'sendUnicode',
  'checkCredits',
  'inquireDeliveryNotifications',
  'sendOriginatorUnlockCode',
  'unlockOriginator',
  'checkOriginatorAuthorization',
]

describe('ASPSMS verbs', () => {
  it('offers one set per interface, each with the clients’ common operations', () => {
    expect(ASPSMS_ACTION_SETS.map((s) => [s.provider, s.transport])).toEqual([
      ['aspsms', 'json'],
      ['aspsms', 'soap'],
      ['aspsms', 'http'],
      ['aspsms', 'xml'],
    ])
    for (const set of ASPSMS_ACTION_SETS)
      expect(Object.keys(set.actions)).toEqual(expect.arrayContaining(COMMON))
  })

  it('offers tokens over JSON, SOAP and HTTP but not over XML, which has none', () => {
    const has = (transport: string) =>
      'verifyToken' in ASPSMS_ACTION_SETS.find((s) => s.transport === transport)!.actions
    expect(['json', 'soap', 'http', 'xml'].map(has)).toEqual([true, true, true, false])
  })
})

describe('sendInputOf', () => {
  it('repeats the text and leaves the credentials out of the client input', () => {
    const input = sendInputOf({
      recipients: '+33612345678',
      text: 'ab',
      repeat: 3,
      userKey: 'K',
      password: '',
    })
    expect(input).toEqual({ recipients: ['+33612345678'], text: 'ababab' })
  })

  it('turns an ISO 8601 time into the instant, and passes any other text as written', () => {
    expect(sendInputOf({ text: 'x', deferred: '2026-01-06T12:00:00+01:00' }).deferred).toEqual(
      new Date('2026-01-06T11:00:00Z'),
    )
    expect(sendInputOf({ text: 'x', deferred: '06012026120000' }).deferred).toBe('06012026120000')
    expect(sendInputOf({ text: 'x', deferred: 'tomorrow' }).deferred).toBe('tomorrow')
  })
})

describe('recipientsOf', () => {
  it('reads numbers and TRNs that YAML parsed as numbers as strings', () => {
    expect(recipientsOf([33600000010, { number: '+33612345678', trn: 7 }])).toEqual([
      '33600000010',
      { number: '+33612345678', trn: '7' },
    ])
  })
})

describe('codeOf', () => {
  it('takes the code as written, or the first run of four or more digits of a text', () => {
    expect(codeOf({ code: '0042' })).toBe('0042')
    expect(codeOf({ codeIn: 'Your ASPSMS originator unlock code: 65164424' })).toBe('65164424')
    expect(codeOf({ codeIn: 'no code here' })).toBe('')
  })
})
