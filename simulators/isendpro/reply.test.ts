import { describe, expect, it } from 'vitest'
import { renderAck, renderAckBody, renderNot, renderNotBody, xmlValue } from './reply.ts'

describe('the Ack body', () => {
  it('is the document’s form, line for line', () => {
    expect(renderAckBody(0, '1548')).toBe(
      [
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<etatAck>',
        '<emailId>1548</emailId>',
        '<code>0</code>',
        '<message>Votre email a bien ete traite</message>',
        '</etatAck>',
        '',
      ].join('\n'),
    )
  })

  it('says "?" when the mail gave no emailId', () => {
    expect(renderAckBody(2, undefined)).toContain('<emailId>?</emailId>\n<code>2</code>')
  })
})

describe('the Not body', () => {
  it('uses the single form for one entry', () => {
    expect(renderNotBody([{ code: 11, tel: '0600000011' }], '1548')).toBe(
      [
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<etatNot>',
        '<emailId>1548</emailId>',
        '</etatNot>',
        '<etat>',
        '<code>11</code>',
        '<tel>0600000011</tel>',
        '<message>Le numéro de téléphone est dans la liste noire</message>',
        '</etat>',
        '',
      ].join('\n'),
    )
  })

  it('uses the multiple form, numbered from 1, for several', () => {
    expect(
      renderNotBody(
        [
          { code: 0, tel: '0601020304' },
          { code: 21, tel: '0600000010' },
        ],
        '1548',
      ),
    ).toBe(
      [
        '<?xml version="1.0" encoding="ISO-8859-1"?>',
        '<etatNot>',
        '<emailId>1548</emailId>',
        '</etatNot>',
        '<etat1>',
        '<code1>0</code1>',
        '<tel1>0601020304</tel1>',
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

  it('only ever holds characters ISO-8859-1 can write', () => {
    const body = renderNotBody([{ code: 7, tel: '06€\u0000😀<x>&' }], 'id-€')
    expect(body).toContain('<tel>06&#8364;?&#128512;&lt;x&gt;&amp;</tel>')
    expect(body).toContain('<emailId>id-&#8364;</emailId>')
    expect([...body].every((c) => c.codePointAt(0)! <= 0xff)).toBe(true)
    expect(Buffer.from(Buffer.from(body, 'latin1').toString('latin1'))).toEqual(Buffer.from(body))
  })
})

describe('the reply mails', () => {
  it('come from sendsms@isendpro-api.com, threaded, marked automatic, with our subjects', () => {
    const ack = renderAck({
      code: 0,
      to: 'ack@masociete.com',
      emailId: '1548',
      account: 'k',
      inReplyTo: '<m@x>',
    })
    expect(ack).toMatchObject({
      provider: 'isendpro',
      from: 'sendsms@isendpro-api.com',
      to: 'ack@masociete.com',
      subject: 'iSendPro Ack 1548',
      account: 'k',
      headers: { 'Auto-Submitted': 'auto-replied', 'In-Reply-To': '<m@x>', References: '<m@x>' },
    })
    const not = renderNot({ entries: [], to: 'not@masociete.com' })
    expect(not.subject).toBe('iSendPro Not ?')
  })

  it('keep a hostile emailId on one line of the subject', () => {
    expect(renderAck({ code: 0, to: 'a@b', emailId: 'x\r\nBcc: y' }).subject).toBe(
      'iSendPro Ack x  Bcc: y',
    )
  })
})

describe('xmlValue', () => {
  it('escapes markup and keeps Latin-1 as is', () => {
    expect(xmlValue("L'été <b> & ÿ")).toBe("L'été &lt;b&gt; &amp; ÿ")
  })
})
