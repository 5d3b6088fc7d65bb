/**
 * The sender and the STOP mention: with `<emetteur>`, iSendPro appends `STOP SMS au XXXXX`
 * (ours: `\r\nSTOP SMS au 36105`, which leaves the document's 141 characters of the 160), unless
 * the account's STOP obligation was lifted and the mail says `<nostop>1</nostop>`.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.4 "Modification de l'émetteur du SMS"
 */
import { describe, expect, it } from 'vitest'
import { KEYID, useIsendpro } from '../helpers.ts'

describe('the STOP mention over SMTP', () => {
  const isendpro = useIsendpro()

  it('appends the mention with a custom sender, and leaves 141 characters for one SMS', async () => {
    const { not } = await isendpro.sendAndRead({
      emetteur: 'MaSociete',
      to: [
        { num: '0601020301', sms: 'x'.repeat(141) },
        { num: '0601020302', sms: 'x'.repeat(142) },
      ],
    })
    expect(not?.entries.map((e) => e.code)).toEqual([0, 34])
    expect((await isendpro.control.messages())[0]).toMatchObject({
      from: 'MaSociete',
      text: `${'x'.repeat(141)}\r\nSTOP SMS au 36105`,
      segments: 1,
    })
  })

  it('sends from the short code, without the mention, when no emetteur is given', async () => {
    await isendpro.send({ sms: 'x'.repeat(160) })
    expect((await isendpro.control.messages())[0]).toMatchObject({
      from: '36105',
      text: 'x'.repeat(160),
    })
  })

  it('keeps the mention for nostop when the account may not drop it', async () => {
    await isendpro.send({ emetteur: 'MaSociete', nostop: true })
    expect((await isendpro.control.messages())[0]?.text).toBe('Bonjour\r\nSTOP SMS au 36105')
    expect((await isendpro.control.journal())[0]?.request).toMatchObject({
      notes: ['nostop ignored: the account may not drop the STOP mention'],
    })
  })

  it('drops the mention for nostop once the account may', async () => {
    await isendpro.control.patchAccount(KEYID, {
      options: { senderDomains: ['masociete.com'], nostopAllowed: true },
    })
    await isendpro.send({ emetteur: 'MaSociete', nostop: true, sms: 'x'.repeat(160) })
    expect((await isendpro.control.messages())[0]).toMatchObject({
      text: 'x'.repeat(160),
      segments: 1,
    })
  })
})
