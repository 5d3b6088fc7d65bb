/**
 * Every status code the JSON API can answer, each from the input that causes it, with its text
 * from codes.ts — and a check that no code of the table is forgotten: each one is produced
 * here, injected as a fault, or listed with the reason JSON cannot reach it.
 *
 * Through the msw handlers only: scenarios/aspsms/ runs the same codes, each with its text,
 * through the JSON client against the standalone server (test/conformance/suites.test.ts).
 *
 * @see shared/research/aspsms.md — §5.1 "Request status codes"
 */
import { describe, expect, it } from 'vitest'
import { ASPSMS_STATUS_CODES, aspsmsStatusText } from '../../../simulators/aspsms/codes.ts'
import { ASPSMS_FAULT_CODES } from '../../../simulators/aspsms/index.ts'
import {
  ACCOUNT,
  CREDENTIALS,
  MOBILE,
  MOBILE_E164,
  SEND,
  useAspsmsJson,
  type JsonTarget,
} from './helpers.ts'

interface CodeCase {
  code: number
  when: string
  method: string
  body: Record<string, unknown>
  /** Puts the account in the state the case needs. */
  given?: (aspsms: JsonTarget) => Promise<void>
}

const TOKEN = {
  ...CREDENTIALS,
  Recipients: [MOBILE],
  TokenReference: 'r1',
  VerificationCode: '4711',
} as const
const VERIFY = { ...CREDENTIALS, PhoneNumber: MOBILE, TokenReference: 'r1' } as const
const sendToken = async (aspsms: JsonTarget) => void (await aspsms.post('SendTokenSMS', TOKEN))

const CASES: CodeCase[] = [
  { code: 1, when: 'a good send', method: 'SendTextSMS', body: SEND },
  {
    code: 3,
    when: 'a wrong password',
    method: 'SendTextSMS',
    body: { ...SEND, Password: 'wrong' },
  },
  {
    code: 3,
    when: 'an unknown UserKey',
    method: 'CheckCredits',
    body: { UserName: 'NOSUCHKEY', Password: 'x' },
  },
  {
    code: 5,
    when: 'no credit left',
    method: 'SendTextSMS',
    body: SEND,
    given: (a) => a.patchAccount(ACCOUNT.id, { credits: 0 }),
  },
  { code: 8, when: 'an empty UserName', method: 'SendTextSMS', body: { ...SEND, UserName: '' } },
  { code: 9, when: 'an empty Password', method: 'SendTextSMS', body: { ...SEND, Password: '' } },
  {
    code: 10,
    when: 'an alphanumeric originator of 12 characters',
    method: 'SendTextSMS',
    body: { ...SEND, Originator: 'ESF Tignes 2' },
  },
  {
    code: 11,
    when: 'an empty MessageText',
    method: 'SendTextSMS',
    body: { ...SEND, MessageText: '' },
  },
  {
    code: 17,
    when: 'a URLBufferedMessageNotification that is no http(s) URL',
    method: 'SendTextSMS',
    body: { ...SEND, URLBufferedMessageNotification: 'buffered.php?id=' },
  },
  {
    code: 18,
    when: 'a URLDeliveryNotification that is no http(s) URL',
    method: 'SendTextSMS',
    body: { ...SEND, URLDeliveryNotification: 'ftp://example.com/x' },
  },
  {
    code: 19,
    when: 'a URLNonDeliveryNotification that is no http(s) URL',
    method: 'SendTextSMS',
    body: { ...SEND, URLNonDeliveryNotification: 'mailto:ops@example.com' },
  },
  { code: 20, when: 'no recipient', method: 'SendTextSMS', body: { ...SEND, Recipients: [] } },
  {
    code: 22,
    when: 'a DeferredDeliveryTime in neither ddmmyyyyhhmmss nor ISO 8601 with an offset',
    method: 'SendTextSMS',
    body: { ...SEND, DeferredDeliveryTime: '05.01.2026 10:00' },
  },
  {
    code: 23,
    when: 'an inquiry without a TRN',
    method: 'InquireDeliveryNotifications',
    body: { ...CREDENTIALS, TransactionReferenceNumbers: '' },
  },
  {
    code: 25,
    when: 'a barred account',
    method: 'CheckCredits',
    body: CREDENTIALS,
    given: (a) => a.patchAccount(ACCOUNT.id, { options: { barred: true } }),
  },
  {
    code: 26,
    when: 'CreateVoucher on an account that is no reseller',
    method: 'CreateVoucher',
    body: { ...CREDENTIALS, NumberOfVouchers: '1', AmountCreditsPerVoucher: '5' },
  },
  {
    code: 27,
    when: 'a text over 16 parts',
    method: 'SendTextSMS',
    body: { ...SEND, MessageText: 'x'.repeat(153 * 16 + 1) },
  },
  {
    code: 27,
    when: '1001 recipients',
    method: 'SendTextSMS',
    body: { ...SEND, Recipients: Array.from({ length: 1001 }, () => MOBILE) },
  },
  {
    code: 28,
    when: 'an alphanumeric originator to check',
    method: 'CheckOriginatorAuthorization',
    body: { ...CREDENTIALS, Originator: 'ESF Tignes' },
  },
  {
    code: 29,
    when: 'an unlock code sent and not yet entered',
    method: 'CheckOriginatorAuthorization',
    body: { ...CREDENTIALS, Originator: MOBILE_E164 },
    given: async (a) =>
      void (await a.post('SendOriginatorUnlockCode', { ...CREDENTIALS, Originator: MOBILE_E164 })),
  },
  {
    code: 30,
    when: 'a numeric originator never unlocked',
    method: 'SendTextSMS',
    body: { ...SEND, Originator: MOBILE_E164 },
  },
  {
    code: 30,
    when: 'a wrong unlock code',
    method: 'UnlockOriginator',
    body: { ...CREDENTIALS, Originator: MOBILE_E164, OriginatorUnlockCode: '00000000' },
    given: async (a) =>
      void (await a.post('SendOriginatorUnlockCode', { ...CREDENTIALS, Originator: MOBILE_E164 })),
  },
  {
    code: 31,
    when: 'an unlocked numeric originator to check',
    method: 'CheckOriginatorAuthorization',
    body: { ...CREDENTIALS, Originator: MOBILE },
    given: (a) => a.patchAccount(ACCOUNT.id, { options: { unlockedOriginators: [MOBILE_E164] } }),
  },
  {
    code: 36,
    when: 'VerifyToken without a VerificationCode',
    method: 'VerifyToken',
    body: { ...VERIFY, VerificationCode: '' },
    given: sendToken,
  },
  {
    code: 37,
    when: 'VerifyToken with a wrong code',
    method: 'VerifyToken',
    body: { ...VERIFY, VerificationCode: '1234' },
    given: sendToken,
  },
  {
    code: 37,
    when: 'VerifyToken after the 5 minutes of validity',
    method: 'VerifyToken',
    body: { ...VERIFY, VerificationCode: '4711' },
    given: async (a) => {
      await sendToken(a)
      await a.advance(5 * 60_000)
    },
  },
  {
    code: 38,
    when: 'VerifyToken of a token never sent',
    method: 'VerifyToken',
    body: { ...VERIFY, VerificationCode: '4711' },
  },
  {
    code: 39,
    when: 'VerifyToken of a token already verified',
    method: 'VerifyToken',
    body: { ...VERIFY, VerificationCode: '4711' },
    given: async (a) => {
      await sendToken(a)
      await a.post('VerifyToken', { ...VERIFY, VerificationCode: '4711' })
    },
  },
]

/** Codes no JSON input reaches, and why (each a feature of another interface). */
const NOT_THROUGH_JSON: Record<number, string> = {
  4: 'URLBinaryFile: logos, ringtones and pictures are XML actions',
  12: 'binary MessageData: SendBinaryData is an XML action',
  13: 'URLBinaryFile type: XML actions',
  14: 'MCC: SendLogo is an XML action',
  15: 'MNC: SendLogo is an XML action',
  16: 'XSer: SendBinaryData is an XML action',
  21: 'binary data or a vCard: XML actions',
  32: 'notification-recipient authorization has no operation in any interface',
  33: 'notification-recipient authorization has no operation in any interface',
  34: 'notification-recipient authorization has no operation in any interface',
  35: 'notification-recipient authorization has no operation in any interface',
}

describe('JSON status codes through msw in-process', () => {
  const aspsms = useAspsmsJson('msw')

  it.each(CASES)('answers StatusCode "$code" to $when', async ({ code, method, body, given }) => {
    await given?.(aspsms)
    const answer = await aspsms.post(method, body)
    expect(answer.status).toBe(200)
    expect(answer.json).toEqual({
      StatusCode: String(code),
      StatusInfo: code === 1 ? 'OK' : aspsmsStatusText(code),
    })
  })

  it.each(ASPSMS_FAULT_CODES.map((code) => ({ code })))(
    'answers StatusCode "$code" when that failure of the service is injected',
    async ({ code }) => {
      await aspsms.setFaults({ refuse: { code, times: 1 } })
      expect((await aspsms.post('SendTextSMS', SEND)).json).toEqual({
        StatusCode: String(code),
        StatusInfo: aspsmsStatusText(code),
      })
      expect((await aspsms.post('SendTextSMS', SEND)).json.StatusCode).toBe('1')
    },
  )

  it('changes nothing when it refuses: no credit taken, no SMS', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, URLDeliveryNotification: 'nope' })
    expect((await aspsms.account()).credits).toBe(100)
    expect(await aspsms.messages()).toEqual([])
  })
})

describe('the JSON status codes', () => {
  it('cover the whole table: each code is answered above, injected, or out of JSON’s reach', () => {
    const reached = new Set<number>([
      ...CASES.map((c) => c.code),
      ...ASPSMS_FAULT_CODES,
      ...Object.keys(NOT_THROUGH_JSON).map(Number),
    ])
    const missing = ASPSMS_STATUS_CODES.map((c) => c.code).filter((code) => !reached.has(code))
    expect(missing).toEqual([])
  })
})
