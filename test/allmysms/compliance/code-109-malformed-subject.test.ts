/**
 * Code 109, "Flux XML invalide ou incomplet après la balise <MESSAGE>": for Mail2SMS, a subject
 * that is not `login@apiKey|mobiles…` (our reading of an invalid or incomplete "flux").
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "OBJET (OBJECT)", §2.2 (109)
 */
import { describe, expect, it } from 'vitest'
import { ACCOUNT, CREDENTIALS, MOBILE, useAllmysms } from '../helpers.ts'

describe('code 109 over SMTP', () => {
  const allmysms = useAllmysms()

  it.each([
    ['only login@apiKey, without the mobiles part', CREDENTIALS],
    ['a subject a person would write', 'SMS pour les moniteurs'],
    ['login and apiKey without @', `${ACCOUNT.login}${ACCOUNT.apiKey}|${MOBILE}`],
    ['an empty apiKey', `${ACCOUNT.login}@|${MOBILE}`],
    ['an option the document does not list', `${CREDENTIALS}|${MOBILE}|flash=1`],
    ['a sender without from=', `${CREDENTIALS}|${MOBILE}|MAGASIN`],
  ])('mails 109 back for %s', async (_case, subject) => {
    const reply = await allmysms.sendAndRead({ subject })
    expect(reply).toMatchObject({
      status: 109,
      statusText: 'Flux XML invalide ou incomplet après la balise <MESSAGE>',
    })
    expect(await allmysms.messages()).toEqual([])
  })

  it('reads a Re: in front of the subject as part of the login, hence 102, not 109', async () => {
    expect((await allmysms.sendAndRead({ subject: `Re: ${CREDENTIALS}|${MOBILE}` })).status).toBe(
      102,
    )
  })
})
