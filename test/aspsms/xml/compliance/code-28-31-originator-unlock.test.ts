/**
 * The unlock procedure of a numeric originator (XMLSPEC §6.3.4.2): SendOriginatorUnlockCode
 * sends a code "to the mobile phone" — read here from the phone, `GET /_smsim/messages` —,
 * UnlockOriginator takes it back, CheckOriginatorAuthorization tells where things stand:
 * 28 no restrictions (an alphanumeric originator), 29 pending, 30 not authorized, 31 already
 * authorized. Which step answers which code is ours (originator.ts); droe counts 1, 30 and 31
 * as success and 31 as "authorized".
 *
 * @see shared/research/aspsms.md — §6 "Unlock procedure", §5.1 codes 28–31
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  expectReadableByEveryClient,
  IMPLEMENTATIONS,
  MOBILE,
  recipient,
  useXml,
} from '../helpers.ts'

const SCHOOL_PHONE = '+41791112233'

describe.each(IMPLEMENTATIONS)('originator unlock through $name', ({ kind }) => {
  const xml = useXml(kind)
  const call = async (act: string, originator: string, ...children: string[]) => {
    const reply = await xml.post(
      aspsms(credentials(), el('Originator', originator), ...children, action(act)),
    )
    expectReadableByEveryClient(reply)
    return reply.fields
  }
  const check = (originator = SCHOOL_PHONE) => call('CheckOriginatorAuthorization', originator)
  const sendFrom = (originator: string) =>
    call('SendTextSMS', originator, recipient(MOBILE), el('MessageData', 'Hi'))

  it('walks 30 → 29 → 1 → 31 with the code that arrived on the phone', async () => {
    expect(await check()).toEqual({
      ErrorCode: '30',
      ErrorDescription: 'Originator Not Authorized.',
    })
    expect(await sendFrom(SCHOOL_PHONE)).toMatchObject({ ErrorCode: '30' })

    expect(await call('SendOriginatorUnlockCode', SCHOOL_PHONE)).toEqual({
      ErrorCode: '1',
      ErrorDescription: 'Ok',
    })
    expect(await check()).toEqual({
      ErrorCode: '29',
      ErrorDescription: 'Originator Authorization Pending.',
    })

    const [sms] = await xml.messages(SCHOOL_PHONE)
    const code = /(\d{8})$/.exec(sms!.text)![1]!
    expect(
      await call('UnlockOriginator', SCHOOL_PHONE, el('OriginatorUnlockCode', '00000000')),
    ).toMatchObject({ ErrorCode: '30' })
    expect(await call('UnlockOriginator', SCHOOL_PHONE, el('OriginatorUnlockCode', code))).toEqual({
      ErrorCode: '1',
      ErrorDescription: 'Ok',
    })

    expect(await check()).toEqual({
      ErrorCode: '31',
      ErrorDescription: 'Originator already authorized',
    })
    expect(
      await call('UnlockOriginator', SCHOOL_PHONE, el('OriginatorUnlockCode', code)),
    ).toMatchObject({ ErrorCode: '31' })
    expect(await call('SendOriginatorUnlockCode', SCHOOL_PHONE)).toMatchObject({ ErrorCode: '31' })
    expect(await sendFrom(SCHOOL_PHONE)).toMatchObject({ ErrorCode: '1' })
    expect((await xml.messages(MOBILE))[0]?.from).toBe(SCHOOL_PHONE)
  })

  it('knows the number whatever its spelling: +41…, 0041… and 41… are one originator', async () => {
    await call('SendOriginatorUnlockCode', '0041791112233')
    const code = /(\d{8})$/.exec((await xml.messages(SCHOOL_PHONE))[0]!.text)![1]!
    await call('UnlockOriginator', '41791112233', el('OriginatorUnlockCode', code))
    expect((await check('+41791112233')).ErrorCode).toBe('31')
  })

  it('answers 28 for an alphanumeric originator, which needs no unlocking', async () => {
    expect(await check('ESF Tignes')).toEqual({
      ErrorCode: '28',
      ErrorDescription: 'No Originator Restrictions.',
    })
    expect((await call('SendOriginatorUnlockCode', 'ESF Tignes')).ErrorCode).toBe('28')
  })

  it('answers 10 to CheckOriginatorAuthorization without an Originator', async () => {
    const reply = await xml.post(aspsms(credentials(), action('CheckOriginatorAuthorization')))
    expect(reply.fields.ErrorCode).toBe('10')
  })
})
