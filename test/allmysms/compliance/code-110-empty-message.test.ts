/**
 * Code 110, "Message non défini (vide) dans le flux XML": the body, which is the SMS, is empty.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "CORPS DU MESSAGE (BODY)", §2.2 (110)
 */
import { describe, expect, it } from 'vitest'
import { SCHOOL, useAllmysms } from '../helpers.ts'

describe('code 110 over SMTP', () => {
  const allmysms = useAllmysms()

  it.each([
    ['an empty text body', { text: '' }],
    ['a body of blank lines', { text: '\r\n  \r\n\r\n' }],
    ['an HTML body with no text in it', { text: undefined, html: '<p><br></p>' }],
  ])('mails 110 back for %s', async (_case, body) => {
    const reply = await allmysms.sendAndRead(body)
    expect(reply).toMatchObject({
      status: 110,
      statusText: 'Message non défini (vide) dans le flux XML',
    })
    expect(reply.mail.account).toBe('arthur45')
    expect(await allmysms.messages()).toEqual([])
  })

  it('mails 110 back for a mail whose only part is an attachment', async () => {
    const sent = await allmysms.send({
      text: undefined,
      attachments: [{ filename: 'message.txt', content: 'Bonjour' }],
    })
    expect((await allmysms.replyTo(sent.messageId)).to).toBe(SCHOOL)
    expect((await allmysms.journal())[0]?.code).toBe(110)
  })
})
