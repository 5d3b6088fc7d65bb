/**
 * Code 10 "Invalid originator": "a short text with a maximum of 11 characters", or a phone
 * number (numbers.ts).
 *
 * @see shared/research/aspsms.md — §6 "Originator"
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  IMPLEMENTATIONS,
  MOBILE,
  recipient,
  useXml,
} from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 10 through $name', ({ kind }) => {
  const xml = useXml(kind)
  const send = async (originator: string, act = 'SendTextSMS') =>
    (
      await xml.post(
        aspsms(
          credentials(),
          el('Originator', originator),
          recipient(MOBILE),
          el('MessageData', 'Hi'),
          action(act),
        ),
      )
    ).fields

  it('refuses an alphanumeric originator of 12 characters', async () => {
    expect(await send('ESF-Tignes-1')).toEqual({
      ErrorCode: '10',
      ErrorDescription:
        'Invalid originator. A maximum of 11 characters is allowed for alphanumeric originators.',
    })
    expect(await xml.messages()).toEqual([])
  })

  it('refuses an originator with characters outside the allowed set', async () => {
    expect((await send('Café#1')).ErrorCode).toBe('10')
  })

  it('takes 11 characters, and XMLSPEC’s own "aspsms.com"', async () => {
    expect((await send('ESF-Tignes1')).ErrorCode).toBe('1')
    expect((await send('aspsms.com')).ErrorCode).toBe('1')
  })

  it('refuses SendOriginatorUnlockCode for a number of 16 digits', async () => {
    expect((await send('+4179123456789012', 'SendOriginatorUnlockCode')).ErrorCode).toBe('10')
  })
})
