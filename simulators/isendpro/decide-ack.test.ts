/** iSendPro's mail decision: the Ack (emailId), and where the replies go. */
import { describe, expect, it } from 'vitest'
import { credits, envoi, NOW, send, setup } from './decide-testing.ts'

describe('the Ack', () => {
  it('acks 2 with "?" and sends nothing without an emailId', () => {
    const store = setup()
    const result = send(store, { text: envoi({ emailId: undefined }) })
    expect(result.reply.ack).toBe(2)
    expect(result.ack?.text).toBe(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<etatAck>\n<emailId>?</emailId>\n<code>2</code>\n<message>emailId non renseigne</message>\n</etatAck>\n',
    )
    expect(result.not).toBeUndefined()
    expect(result.sms).toEqual([])
    expect(result.code).toBe('ack 2')
  })

  it('acks 2 for an empty emailId too', () => {
    expect(send(setup(), { text: envoi({ emailId: '  ' }) }).reply.ack).toBe(2)
  })

  it('acks 1 and sends nothing for an emailId the account already processed', () => {
    const store = setup()
    send(store)
    const second = send(store, { text: envoi({ sms: 'Autre texte' }) })
    expect(second.reply.ack).toBe(1)
    expect(second.ack?.text).toContain('<code>1</code>\n<message>emailId deja traite</message>')
    expect(second.not).toBeUndefined()
    expect(second.sms).toEqual([])
    expect(credits(store)).toBe(99)
  })

  it('remembers emailIds per account', () => {
    const store = setup()
    store.createAccount(
      {
        provider: 'isendpro',
        id: 'other',
        credits: 10,
        options: { senderDomains: ['masociete.com'] },
      },
      NOW,
    )
    send(store)
    expect(send(store, { text: envoi({ keyid: 'other' }) }).reply.ack).toBe(0)
  })

  it('remembers the emailId of a mail refused as a whole (24), so sending it again gives Ack 1', () => {
    const store = setup()
    const night = new Date('2026-01-05T21:00:00+01:00')
    expect(send(store, {}, night).reply.requestCode).toBe(24)
    expect(send(store).reply.ack).toBe(1)
  })

  it('does not remember the emailId when the keyid is unknown', () => {
    const store = setup()
    send(store, { text: envoi({ keyid: 'nobody' }) })
    expect(send(store).reply.ack).toBe(0)
  })

  it('mails no Ack without emailAck, and no Not without emailNot', () => {
    const result = send(setup(), { text: envoi({ emailAck: undefined, emailNot: undefined }) })
    expect(result.mails).toEqual([])
    expect(result.sms).toHaveLength(1)
  })

  it('mails nothing to an emailAck that is not an address, and says so in the notes', () => {
    const result = send(setup(), { text: envoi({ emailAck: 'ack chez masociete' }) })
    expect(result.ack).toBeUndefined()
    expect(result.reply.notes).toContain('emailAck is not an address: no Ack')
  })

  it('threads the replies under the mail answered', () => {
    const result = send(setup(), { messageId: '<m1@masociete.com>' })
    expect(result.ack?.headers).toMatchObject({
      'In-Reply-To': '<m1@masociete.com>',
      'Auto-Submitted': 'auto-replied',
    })
  })
})
