/**
 * Code 114, "Aucun numéro de téléphone valide dans le flux. …": not one entry of the mobiles
 * part is a mobile number. Numbers are French national ones or international ones (`33…`,
 * `+33…`, `0033…`), `;`-separated; invalid ones beside valid ones are skipped (our choice).
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "mobile", §2.2 (114)
 */
import { describe, expect, it } from 'vitest'
import { CREDENTIALS, useAllmysms } from '../helpers.ts'

const TEXT_114 =
  'Aucun numéro de téléphone valide dans le flux. Veuillez-vous référer à la documentation en ligne pour connaître les formats valides.'

describe('code 114 and the numbers over SMTP', () => {
  const allmysms = useAllmysms()

  it.each([
    ['an empty mobiles part', ''],
    ['a landline', '0145454545'],
    ['a national number without its 0', '612121515'],
    ['numbers separated by commas', '0612121515,0614141515'],
    ['a name', 'Jean'],
  ])('mails 114 back for %s', async (_case, mobiles) => {
    const reply = await allmysms.sendAndRead({ subject: `${CREDENTIALS}|${mobiles}` })
    expect(reply).toMatchObject({ status: 114, statusText: TEXT_114 })
    expect(await allmysms.messages()).toEqual([])
  })

  it('sends to every written form of the document: national, 33…, +33…, 0033…, and abroad', async () => {
    await allmysms.send({
      subject: `${CREDENTIALS}|0612121515; 33614141515 ;+33699887766;0033611223344;41791234567`,
    })
    expect((await allmysms.messages()).map((m) => m.to)).toEqual([
      '+33612121515',
      '+33614141515',
      '+33699887766',
      '+33611223344',
      '+41791234567',
    ])
    expect(await allmysms.mails()).toEqual([])
  })

  it('skips invalid numbers beside valid ones, silently, and journals them (our choice)', async () => {
    await allmysms.send({ subject: `${CREDENTIALS}|0612121515;0145454545;abc` })
    expect((await allmysms.messages()).map((m) => m.to)).toEqual(['+33612121515'])
    expect(await allmysms.mails()).toEqual([])
    expect((await allmysms.journal())[0]).toMatchObject({
      code: 100,
      request: { invalidNumbers: ['0145454545', 'abc'] },
    })
  })
})
