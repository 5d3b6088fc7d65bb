/**
 * Every operation of research §1.2 and the status codes it documents, written once and run over
 * each interface of the ASMX service: SOAP 1.1 and 1.2 (soap/operations.test.ts), the HTTP GET
 * and POST bindings (http/operations.test.ts). The result strings are the wire's: `StatusCode:n`,
 * `Credits:n`, delivery records.
 *
 * @see shared/research/aspsms.md — §1.2, §1.3, §5.1, §6
 */
import { describe, expect, it } from 'vitest'
import {
  ACCOUNT,
  MINUTE,
  MOBILE,
  PHONE_OFF_10_MIN,
  UNASSIGNED,
  useAspsms,
  type AspsmsSmsim,
} from '../helpers.ts'
import { asmxCaller, type AsmxInterface } from './asmx-interfaces.ts'

const AUTH = { UserKey: ACCOUNT.id, Password: ACCOUNT.secret }
const SEND = { ...AUTH, Recipients: `${MOBILE}:t1`, Originator: 'SkiSchool', MessageText: 'Hello' }
/** A reseller account, which may create vouchers. */
const RESELLER = { id: 'RESELLER01', secret: 'resell', credits: 500, options: { reseller: true } }
/** A phone number the school owns and wants as originator. */
const OWN_NUMBER = '+41791112233'

/** Declares the operation suite for one interface, inside the caller's `describe`. */
export function describeOperations(kind: AsmxInterface): void {
  const smsim: AspsmsSmsim = useAspsms({ accounts: [{ ...ACCOUNT }, RESELLER] })
  const call = asmxCaller(kind, () => `${smsim.url}/aspsms/aspsmsx2.asmx`)
  const result = async (operation: string, fields: Record<string, string> = {}) => {
    const answer = await call(operation, fields)
    expect(answer.status, answer.body).toBe(200)
    return answer.result
  }
  const credits = async (id: string = ACCOUNT.id) => (await smsim.account(id)).credits

  describe('authentication', () => {
    it.each([
      ['an empty UserKey', { ...AUTH, UserKey: '' }, 'StatusCode:8'],
      ['an empty Password', { ...AUTH, Password: '' }, 'StatusCode:9'],
      ['a wrong Password', { ...AUTH, Password: 'nope' }, 'StatusCode:3'],
      ['an unknown UserKey', { ...AUTH, UserKey: 'NOSUCHKEY' }, 'StatusCode:3'],
    ])('refuses %s', async (_what, fields, expected) => {
      expect(await result('CheckCredits', fields)).toBe(expected)
      expect(await result('SendTextSMS', { ...SEND, ...fields })).toBe(expected)
      expect(await smsim.messages()).toEqual([])
    })
  })

  describe('CheckCredits', () => {
    it('answers the balance as Credits:<n>', async () => {
      expect(await result('CheckCredits', AUTH)).toBe('Credits:100')
    })

    it('writes a fractional balance with a dot and no trailing zeros', async () => {
      await smsim.patchAccount(ACCOUNT.id, { credits: 2321.21 })
      expect(await result('CheckCredits', AUTH)).toBe('Credits:2321.21')
      await result('InquireDeliveryNotifications', { ...AUTH, TransactionReferenceNumbers: 'x' })
      expect(await result('CheckCredits', AUTH)).toBe('Credits:2320.96')
    })
  })

  describe('SendTextSMS', () => {
    it('sends, debits one credit per recipient and answers StatusCode:1', async () => {
      expect(await result('SendTextSMS', SEND)).toBe('StatusCode:1')
      const [sms] = await smsim.messages(MOBILE)
      expect(sms).toMatchObject({
        from: 'SkiSchool',
        to: MOBILE,
        text: 'Hello',
        status: 'delivered',
      })
      expect(await credits()).toBe(99)
    })

    it.each([
      ['no recipient', { Recipients: '' }, 'StatusCode:20'],
      [
        'an alphanumeric originator over 11 characters',
        { Originator: 'SkiSchoolTignes' },
        'StatusCode:10',
      ],
      ['an empty text', { MessageText: '' }, 'StatusCode:11'],
      [
        'a deferred time that is no date',
        { DeferredDeliveryTime: '31132026250000' },
        'StatusCode:22',
      ],
      ['a numeric originator never unlocked', { Originator: OWN_NUMBER }, 'StatusCode:30'],
    ])('refuses %s', async (_what, change, expected) => {
      expect(await result('SendTextSMS', { ...SEND, ...change })).toBe(expected)
      expect(await smsim.messages()).toEqual([])
      expect(await credits()).toBe(100)
    })

    it('refuses with StatusCode:5 when the credits do not cover the recipients', async () => {
      await smsim.patchAccount(ACCOUNT.id, { credits: 0.5 })
      expect(await result('SendTextSMS', SEND)).toBe('StatusCode:5')
      expect(await smsim.messages()).toEqual([])
    })

    it('holds a deferred SMS until its time (ddmmyyyyhhmmss at GMT+1)', async () => {
      expect(await result('SendTextSMS', { ...SEND, DeferredDeliveryTime: '05012026100000' })).toBe(
        'StatusCode:1',
      )
      expect((await smsim.messages(MOBILE))[0]!.status).toBe('scheduled')
      await smsim.advance(60 * MINUTE)
      expect((await smsim.messages(MOBILE))[0]!.status).toBe('delivered')
    })
  })

  describe('SendSimpleTextSMS, SendUnicodeSMS, SimpleWAPPush', () => {
    it('sends a simple text to recipients separated by ;', async () => {
      const fields = { ...SEND, Recipients: `${MOBILE};+41797654321` }
      expect(await result('SendSimpleTextSMS', fields)).toBe('StatusCode:1')
      expect((await smsim.messages()).map((s) => s.to)).toEqual([MOBILE, '+41797654321'])
    })

    it('sends a Unicode SMS in UCS-2', async () => {
      expect(await result('SendUnicodeSMS', { ...SEND, MessageText: 'Grüezi ☃' })).toBe(
        'StatusCode:1',
      )
      expect((await smsim.messages(MOBILE))[0]).toMatchObject({
        text: 'Grüezi ☃',
        encoding: 'ucs2',
      })
    })

    it('sends a WAP push, and refuses one without a URL with StatusCode:11', async () => {
      const push = {
        ...AUTH,
        Recipients: MOBILE,
        Originator: 'SkiSchool',
        WapDescription: 'Piste map',
      }
      expect(await result('SimpleWAPPush', { ...push, WapURL: 'http://example.ch/map' })).toBe(
        'StatusCode:1',
      )
      expect(await result('SimpleWAPPush', push)).toBe('StatusCode:11')
      expect(await smsim.messages()).toHaveLength(1)
    })
  })

  describe('numeric originators: the unlock flow (28–31)', () => {
    it('answers 28 for an alphanumeric originator: no restriction applies', async () => {
      const fields = { ...AUTH, Originator: 'SkiSchool' }
      expect(await result('CheckOriginatorAuthorization', fields)).toBe('StatusCode:28')
    })

    it('unlocks a number with the code sent to it, then sends from it', async () => {
      const originator = { ...AUTH, Originator: OWN_NUMBER }
      expect(await result('CheckOriginatorAuthorization', originator)).toBe('StatusCode:30')
      expect(await result('SendOriginatorUnlockCode', originator)).toBe('StatusCode:1')
      const [unlock] = await smsim.messages(OWN_NUMBER)
      const code = /\d{8}/.exec(unlock!.text)![0]
      expect(await result('CheckOriginatorAuthorization', originator)).toBe('StatusCode:29')
      const wrong = code.replace(/^./, (d) => String((Number(d) + 1) % 10))
      const unlockWith = (c: string) => ({
        ...originator,
        OriginatorUnlockCode: c,
        AffiliateId: '',
      })
      expect(await result('UnlockOriginator', unlockWith(wrong))).toBe('StatusCode:30')
      expect(await result('UnlockOriginator', unlockWith(code))).toBe('StatusCode:1')
      expect(await result('CheckOriginatorAuthorization', originator)).toBe('StatusCode:31')
      expect(await result('SendTextSMS', { ...SEND, Originator: OWN_NUMBER })).toBe('StatusCode:1')
      expect((await smsim.messages(MOBILE))[0]!.from).toBe(OWN_NUMBER)
    })
  })

  describe('security tokens (36–39)', () => {
    const token = {
      ...AUTH,
      Originator: 'SkiSchool',
      Recipients: MOBILE,
      MessageData: 'Your code: <VERIFICATIONCODE>',
      TokenReference: 'login-42',
      TokenValidity: '5',
      TokenMask: '######',
    }
    const verify = (fields: Record<string, string>) =>
      result('VerifyToken', { ...AUTH, PhoneNumber: MOBILE, TokenReference: 'login-42', ...fields })

    it('sends a token and verifies it once', async () => {
      expect(await result('SendTokenSMS', token)).toBe('StatusCode:1')
      const code = /^Your code: (\d{6})$/.exec((await smsim.messages(MOBILE))[0]!.text)![1]!
      expect(await verify({ VerificationCode: '' })).toBe('StatusCode:36')
      expect(await verify({ VerificationCode: code === '000000' ? '111111' : '000000' })).toBe(
        'StatusCode:37',
      )
      expect(await verify({ TokenReference: 'unknown', VerificationCode: code })).toBe(
        'StatusCode:38',
      )
      expect(await verify({ VerificationCode: code })).toBe('StatusCode:1')
      expect(await verify({ VerificationCode: code })).toBe('StatusCode:39')
    })

    it('refuses a token past its validity with 37', async () => {
      await result('SendTokenSMS', token)
      const code = /(\d{6})$/.exec((await smsim.messages(MOBILE))[0]!.text)![1]!
      await smsim.advance(6 * MINUTE)
      expect(await verify({ VerificationCode: code })).toBe('StatusCode:37')
    })
  })

  describe('InquireDeliveryNotifications', () => {
    it('refuses a request without a transaction reference number with StatusCode:23', async () => {
      const fields = { ...AUTH, TransactionReferenceNumbers: '' }
      expect(await result('InquireDeliveryNotifications', fields)).toBe('StatusCode:23')
    })

    it('answers one 7-field record per known TRN, joined by \\n, with no trailing newline', async () => {
      const recipients = `${MOBILE}:ok1;${UNASSIGNED}:gone1;${PHONE_OFF_10_MIN}:off1`
      expect(await result('SendTextSMS', { ...SEND, Recipients: recipients })).toBe('StatusCode:1')
      const inquire = { ...AUTH, TransactionReferenceNumbers: 'ok1;gone1;off1;unknown1' }
      const records = await result('InquireDeliveryNotifications', inquire)
      expect(records).toBe(
        [
          'ok1;0;05012026090000;05012026090000;000;;',
          'gone1;2;05012026090000;05012026090000;101;;',
          'off1;1;05012026090000;05012026090000;107;;',
        ].join('\n'),
      )
      for (const record of records!.split('\n')) expect(record.split(';')).toHaveLength(7)
      // The phone comes back on 10 minutes later: the buffered SMS is delivered.
      await smsim.advance(10 * MINUTE)
      expect(
        await result('InquireDeliveryNotifications', {
          ...AUTH,
          TransactionReferenceNumbers: 'off1',
        }),
      ).toBe('off1;0;05012026090000;05012026091000;000;;')
      // 1 credit per recipient (the unassigned one too: the network refused it), 0.25 per TRN.
      expect(await credits()).toBe(100 - 3 - 4 * 0.25 - 0.25)
    })

    it('answers a not yet submitted SMS with -1 and the record still has 7 fields', async () => {
      await result('SendTextSMS', {
        ...SEND,
        Recipients: `${MOBILE}:later1`,
        DeferredDeliveryTime: '06012026090000',
      })
      const inquire = { ...AUTH, TransactionReferenceNumbers: 'later1' }
      expect(await result('InquireDeliveryNotifications', inquire)).toBe('later1;-1;;;;;')
    })

    it('answers an empty result for an unknown TRN', async () => {
      const inquire = { ...AUTH, TransactionReferenceNumbers: 'never-sent' }
      expect(await result('InquireDeliveryNotifications', inquire)).toBe('')
    })
  })

  describe('vouchers', () => {
    const reseller = { UserKey: RESELLER.id, Password: RESELLER.secret }
    const create = {
      ...reseller,
      NumberOfVouchers: '2',
      AmountCreditsPerVoucher: '5',
      Remarks: 'Season pass',
    }

    it('creates vouchers on a reseller account, redeems one elsewhere, and lists them', async () => {
      const codes = await result('CreateVoucher', create)
      expect(codes).toMatch(/^[A-Z2-9]{12};[A-Z2-9]{12}$/)
      expect(await credits(RESELLER.id)).toBe(490)
      const [first, second] = codes!.split(';')
      expect(await result('RedeemVoucher', { ...AUTH, RedeemCode: first! })).toBe('StatusCode:1')
      expect(await credits()).toBe(105)
      expect(await result('RedeemVoucher', { ...AUTH, RedeemCode: first! })).toBe('StatusCode:3')
      const answer = await call('GetVoucherTransactions', reseller)
      expect(answer.status).toBe(200)
      expect(answer.vouchers).toEqual([
        {
          VoucherCode: first,
          Remark: 'Season pass',
          Credits: '5',
          Created: '2026-01-05T08:00:00.000Z',
          Redeemed: '2026-01-05T08:00:00.000Z',
        },
        {
          VoucherCode: second,
          Remark: 'Season pass',
          Credits: '5',
          Created: '2026-01-05T08:00:00.000Z',
          Redeemed: '',
        },
      ])
    })

    it('lists no voucher as an empty ArrayOfVouchers', async () => {
      expect((await call('GetVoucherTransactions', AUTH)).vouchers).toEqual([])
    })

    it('refuses CreateVoucher to an account that is no reseller with StatusCode:26', async () => {
      expect(await result('CreateVoucher', { ...create, ...AUTH })).toBe('StatusCode:26')
    })

    it('refuses GetVoucherTransactions with bad credentials as an error carrying StatusCode:3', async () => {
      const answer = await call('GetVoucherTransactions', { ...AUTH, Password: 'nope' })
      expect(answer.status).toBe(500)
      expect(answer.fault).toMatch(/StatusCode:3$/)
    })
  })

  describe('GetStatusCodeDescription and VersionInfo', () => {
    it('describes a status code, and echoes one it does not know', async () => {
      expect(await result('GetStatusCodeDescription', { StatusCode: '5' })).toBe(
        'Not enough credits available. Please recharge your account to proceed.',
      )
      expect(await result('GetStatusCodeDescription', { StatusCode: '99' })).toBe('99')
    })

    it('gives a version whose first token is the version and which names a build', async () => {
      expect(await result('VersionInfo')).toMatch(/^\S+ .*build:[\d.]+/)
    })
  })

  describe('injected faults', () => {
    it('answers StatusCode:24 once when the service is made unavailable once', async () => {
      await smsim.setFaults({ refuse: { code: 24, times: 1 } })
      expect(await result('SendTextSMS', SEND)).toBe('StatusCode:24')
      expect(await smsim.messages()).toEqual([])
      expect(await result('SendTextSMS', SEND)).toBe('StatusCode:1')
    })
  })
}
