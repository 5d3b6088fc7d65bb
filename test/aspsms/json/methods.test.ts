/**
 * Every method of the JSON API, through real HTTP and through msw: what it answers, and what
 * it did to the account and the phones.
 *
 * @see shared/research/aspsms.md — §3.1 (CheckCredits, SendTextSMS), §3.2 (the other methods)
 */
import { describe, expect, it } from 'vitest'
import { VERSION_INFO } from '../../../simulators/aspsms/decide.ts'
import {
  ACCOUNT,
  CREDENTIALS,
  IMPLEMENTATIONS,
  MOBILE,
  MOBILE_E164,
  SEND,
  useAspsmsJson,
} from './helpers.ts'

const OK = '{"StatusCode":"1","StatusInfo":"OK"}'

describe.each(IMPLEMENTATIONS)('JSON methods through $name', ({ kind }) => {
  const aspsms = useAspsmsJson(kind)

  it('SendTextSMS answers {"StatusCode":"1","StatusInfo":"OK"}, takes one credit and the phone gets the SMS', async () => {
    const answer = await aspsms.post('SendTextSMS', SEND)
    expect(answer.status).toBe(200)
    expect(answer.text).toBe(OK)
    expect((await aspsms.account()).credits).toBe(99)
    const [sms] = await aspsms.messages()
    expect(sms).toMatchObject({
      to: MOBILE_E164,
      from: 'ESF Tignes',
      text: 'Bonjour',
      encoding: 'gsm7',
      status: 'delivered',
      transport: 'json',
    })
  })

  it('SendSimpleTextSMS sends the same way, recipient by recipient', async () => {
    const answer = await aspsms.post('SendSimpleTextSMS', {
      ...SEND,
      Recipients: [MOBILE, '+41761234567'],
    })
    expect(answer.text).toBe(OK)
    expect((await aspsms.messages()).map((m) => m.to)).toEqual([MOBILE_E164, '+41761234567'])
    expect((await aspsms.account()).credits).toBe(98)
  })

  it('SendUnicodeSMS sends UCS-2 even when GSM 7-bit could carry the text', async () => {
    expect((await aspsms.post('SendUnicodeSMS', { ...SEND, MessageText: 'Grüezi' })).text).toBe(OK)
    const [sms] = await aspsms.messages()
    expect(sms).toMatchObject({ text: 'Grüezi', encoding: 'ucs2', segments: 1 })
  })

  it('CheckCredits answers the balance as a string, before StatusCode, as JSONDOC orders it', async () => {
    expect((await aspsms.post('CheckCredits', CREDENTIALS)).text).toBe(
      '{"Credits":"100","StatusCode":"1","StatusInfo":"OK"}',
    )
    await aspsms.patchAccount(ACCOUNT.id, { credits: 2321.21 })
    expect((await aspsms.post('CheckCredits', CREDENTIALS)).json).toEqual({
      Credits: '2321.21',
      StatusCode: '1',
      StatusInfo: 'OK',
    })
  })

  it('InquireDeliveryNotifications answers StatusCode "0" and one record per known TRN, for 0.25 credits each', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, Recipients: [`${MOBILE}:4242`] })
    const answer = await aspsms.post('InquireDeliveryNotifications', {
      ...CREDENTIALS,
      TransactionReferenceNumbers: '4242;9999',
    })
    expect(answer.json).toEqual({
      StatusCode: '0',
      StatusInfo: 'OK',
      DeliveryNotifications: [
        {
          TransactionReferenceNumber: '4242',
          DeliveryStatus: '0',
          DeliveryStatusDescription: 'Delivered',
          SubmissionDate: '2026-01-05T08:00:00Z',
          NotificationDate: '2026-01-05T08:00:00Z',
          Reasoncode: '000',
          ReasoncodeDescription: '',
        },
      ],
    })
    expect((await aspsms.account()).credits).toBe(100 - 1 - 0.5)
  })

  it('unlocks a numeric originator: SendOriginatorUnlockCode, the code by SMS, UnlockOriginator, CheckOriginatorAuthorization', async () => {
    const originator = { ...CREDENTIALS, Originator: MOBILE_E164 }
    expect((await aspsms.post('CheckOriginatorAuthorization', originator)).json.StatusCode).toBe(
      '30',
    )
    expect((await aspsms.post('SendOriginatorUnlockCode', originator)).text).toBe(OK)
    const [codeSms] = await aspsms.messages({ to: MOBILE_E164 })
    const code = /(\d{8})/.exec(codeSms!.text)![1]!
    expect((await aspsms.post('CheckOriginatorAuthorization', originator)).json).toEqual({
      StatusCode: '29',
      StatusInfo: 'Originator Authorization Pending.',
    })
    expect(
      (await aspsms.post('UnlockOriginator', { ...originator, OriginatorUnlockCode: code })).text,
    ).toBe(OK)
    expect((await aspsms.post('CheckOriginatorAuthorization', originator)).json).toEqual({
      StatusCode: '31',
      StatusInfo: 'Originator already authorized',
    })
    expect((await aspsms.post('SendTextSMS', { ...SEND, Originator: MOBILE_E164 })).text).toBe(OK)
  })

  it('sends a security token with SendTokenSMS and checks it with VerifyToken', async () => {
    const sent = await aspsms.post('SendTokenSMS', {
      ...CREDENTIALS,
      Originator: 'ESF',
      Recipients: [MOBILE],
      MessageData: 'Code: <VERIFICATIONCODE>',
      TokenReference: 'login-1',
      TokenMask: '######',
    })
    expect(sent.text).toBe(OK)
    const [sms] = await aspsms.messages()
    const code = /^Code: (\d{6})$/.exec(sms!.text)![1]!
    const verify = { ...CREDENTIALS, PhoneNumber: MOBILE, TokenReference: 'login-1' }
    expect((await aspsms.post('VerifyToken', { ...verify, VerificationCode: code })).text).toBe(OK)
    expect((await aspsms.post('VerifyToken', { ...verify, VerificationCode: code })).json).toEqual({
      StatusCode: '39',
      StatusInfo: 'Security Token already authorized',
    })
  })

  it('creates vouchers on a reseller account, redeems one on another account and lists them', async () => {
    await aspsms.patchAccount(ACCOUNT.id, { options: { reseller: true } })
    await aspsms.createAccount({ id: 'SCHOOL2', secret: 'pw2', credits: 0 })
    const created = await aspsms.post('CreateVoucher', {
      ...CREDENTIALS,
      NumberOfVouchers: 2,
      AmountCreditsPerVoucher: '10',
      Remarks: 'season',
    })
    expect(created.json).toMatchObject({ StatusCode: '1', StatusInfo: 'OK' })
    const codes = created.json.VoucherCodes as string[]
    expect(codes).toHaveLength(2)
    expect(codes[0]).toMatch(/^[A-Z0-9]{12}$/)
    expect((await aspsms.account()).credits).toBe(80)

    const redeemed = await aspsms.post('RedeemVoucher', {
      UserName: 'SCHOOL2',
      Password: 'pw2',
      RedeemCode: codes[0],
    })
    expect(redeemed.text).toBe(OK)
    expect((await aspsms.account('SCHOOL2')).credits).toBe(10)

    const listed = await aspsms.post('GetVoucherTransactions', CREDENTIALS)
    expect(listed.json).toEqual({
      Vouchers: [
        {
          VoucherCode: codes[0],
          Remark: 'season',
          Credits: '10',
          Created: '2026-01-05T08:00:00Z',
          Redeemed: '2026-01-05T08:00:00Z',
        },
        {
          VoucherCode: codes[1],
          Remark: 'season',
          Credits: '10',
          Created: '2026-01-05T08:00:00Z',
          Redeemed: '',
        },
      ],
      StatusCode: '1',
      StatusInfo: 'OK',
    })
  })

  it('GetStatusCodeDescription answers the text of a code without credentials, and an unknown code as itself', async () => {
    expect((await aspsms.post('GetStatusCodeDescription', { StatusCode: '5' })).json).toEqual({
      Description: 'Not enough credits available. Please recharge your account to proceed.',
      StatusCode: '1',
      StatusInfo: 'OK',
    })
    expect(
      (await aspsms.post('GetStatusCodeDescription', { StatusCode: 99 })).json.Description,
    ).toBe('99')
  })

  it('VersionInfo answers the version with an empty body', async () => {
    const answer = await aspsms.post('VersionInfo', '', { contentType: null })
    expect(answer.json).toEqual({ VersionInfo: VERSION_INFO, StatusCode: '1', StatusInfo: 'OK' })
    expect(VERSION_INFO).toMatch(/^\S+ build:\d+/)
  })
})
