/**
 * The Not mail, exactly in the document's two forms: `<etatNot>` followed by one `<etat>` for a
 * single send, or `<etat1>`…`<etatN>` for several — sibling elements, as documented — declared
 * ISO-8859-1, to `emailNot`. A code that answers the whole mail comes as one `<etat>` whose
 * `<tel>` is empty.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.5 "Not"
 */
import { describe, expect, it } from 'vitest'
import { maskSecret } from '../../../simulators/core/secrets.ts'
import { ACK, KEYID, NOT, useIsendpro } from '../helpers.ts'

const DECLARATION = '<?xml version="1.0" encoding="ISO-8859-1"?>'

describe('the Not over SMTP', () => {
  const isendpro = useIsendpro()

  it('writes the single form for one recipient', async () => {
    const { not } = await isendpro.sendAndRead({ emailId: '1548', to: '0601020304' })
    expect(not?.mail).toMatchObject({
      from: 'sendsms@isendpro-api.com',
      to: NOT,
      subject: 'iSendPro Not 1548',
      account: maskSecret(KEYID),
      text: [
        DECLARATION,
        '<etatNot>',
        '<emailId>1548</emailId>',
        '</etatNot>',
        '<etat>',
        '<code>0</code>',
        '<tel>0601020304</tel>',
        '<message>Votre message a bien été envoyé</message>',
        '</etat>',
        '',
      ].join('\n'),
    })
  })

  it('writes the multiple form, in the mail’s order, with the numbers as written', async () => {
    const { not } = await isendpro.sendAndRead({
      emailId: '1549',
      to: ['06 01 02 03 04', '0600000010'],
    })
    expect(not?.mail.text).toBe(
      [
        DECLARATION,
        '<etatNot>',
        '<emailId>1549</emailId>',
        '</etatNot>',
        '<etat1>',
        '<code1>0</code1>',
        '<tel1>06 01 02 03 04</tel1>',
        '<message1>Votre message a bien été envoyé</message1>',
        '</etat1>',
        '<etat2>',
        '<code2>21</code2>',
        '<tel2>0600000010</tel2>',
        "<message2>Le numéro de téléphone n'est pas attribué</message2>",
        '</etat2>',
        '',
      ].join('\n'),
    )
  })

  it('writes a code for the whole mail as one etat with an empty tel', async () => {
    const { not } = await isendpro.sendAndRead({
      emailId: '1550',
      keyid: 'inconnue',
      to: ['0601020301', '0601020302'],
    })
    expect(not?.mail.text).toBe(
      `${DECLARATION}\n<etatNot>\n<emailId>1550</emailId>\n</etatNot>\n<etat>\n<code>3</code>\n<tel></tel>\n<message>Vos identifiants sont incorrects</message>\n</etat>\n`,
    )
  })

  it('keeps every echoed value within ISO-8859-1 and escapes markup', async () => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><num>06&#8364;&amp;&lt;1</num><sms>x</sms><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>id-&#128512;</emailId></envoi>`,
    )
    const mail = (await isendpro.mails(NOT))[0]!
    expect(mail.text).toContain('<emailId>id-&#128512;</emailId>')
    expect(mail.text).toContain('<tel>06&#8364;&amp;&lt;1</tel>')
    expect([...mail.text].every((c) => c.codePointAt(0)! <= 0xff)).toBe(true)
    expect((await isendpro.not('id-😀')).entries[0]).toMatchObject({ code: 7, tel: '06€&<1' })
  })

  it('threads both replies under the mail, marked as automatic answers', async () => {
    const sent = await isendpro.send({ emailId: '1551' })
    for (const mail of await isendpro.mails()) {
      expect(mail.headers).toEqual({
        'Auto-Submitted': 'auto-replied',
        'In-Reply-To': sent.messageId,
        References: sent.messageId,
      })
    }
  })
})
