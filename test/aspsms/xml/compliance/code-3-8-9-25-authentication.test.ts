/**
 * Credentials (decide.ts, our choice where the sources are silent): an empty `Userkey` answers
 * 8, an empty `Password` 9, an unknown Userkey or a wrong Password 3 ("Authorization failed.",
 * what clients observe), a barred account 25. `UserKey`, the SOAP spelling, is read too.
 *
 * @see shared/research/aspsms.md — §5.1 codes 3, 8, 9, 25
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  expectReadableByEveryClient,
  IMPLEMENTATIONS,
  useXml,
} from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('credentials through $name', ({ kind }) => {
  const xml = useXml(kind)
  const showCredits = async (...children: string[]) =>
    (await xml.post(aspsms(...children, action('ShowCredits')))).fields

  it('answers 8 when the Userkey is missing or empty', async () => {
    const expected = {
      ErrorCode: '8',
      ErrorDescription: 'Invalid UserKey. Please check the spelling of the UserKey.',
    }
    expect(await showCredits(el('Password', 'mypassword'))).toEqual(expected)
    expect(await showCredits('<Userkey/>', el('Password', 'mypassword'))).toEqual(expected)
  })

  it('answers 9 when the Password is missing or blank', async () => {
    const expected = { ErrorCode: '9', ErrorDescription: 'Invalid Password.' }
    expect(await showCredits(el('Userkey', 'I3QHMYKEY6E'))).toEqual(expected)
    expect(await showCredits(el('Userkey', 'I3QHMYKEY6E'), el('Password', '  '))).toEqual(expected)
  })

  it('answers 3 to an unknown Userkey and to a wrong Password', async () => {
    const expected = { ErrorCode: '3', ErrorDescription: 'Authorization failed.' }
    expect(await showCredits(credentials('NOSUCHKEY', 'mypassword'))).toEqual(expected)
    expect(await showCredits(credentials('I3QHMYKEY6E', 'MyPassword'))).toEqual(expected)
  })

  it('answers 25 for a barred account', async () => {
    await xml.control.patch('/accounts/aspsms/I3QHMYKEY6E', { options: { barred: true } })
    const reply = await xml.post(aspsms(credentials(), action('ShowCredits')))
    expectReadableByEveryClient(reply)
    expect(reply.fields).toEqual({ ErrorCode: '25', ErrorDescription: 'User access denied.' })
  })

  it('reads UserKey (the SOAP spelling) when Userkey is absent', async () => {
    const fields = await showCredits(el('UserKey', 'I3QHMYKEY6E'), el('Password', 'mypassword'))
    expect(fields.Credits).toBe('100')
  })

  it('takes the first Userkey when a document repeats it, as MSXML’s selectSingleNode does', async () => {
    const fields = await showCredits(credentials(), el('Userkey', 'OTHER'))
    expect(fields.Credits).toBe('100')
  })
})
