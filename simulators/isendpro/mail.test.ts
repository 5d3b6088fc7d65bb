import { describe, expect, it } from 'vitest'
import type { InboundMail } from '../core/mail.ts'
import { inboundMail, storeWithAccounts } from '../core/mail-testing.ts'
import type { MemoryStore } from '../core/memory-store.ts'
import type { StateView } from '../core/store.ts'
import { isendpro, ISENDPRO_DEMO, isendproUsage } from './index.ts'
import { isendproMailRequest, ISENDPRO_MAIL } from './mail.ts'

const NOW = new Date('2026-01-05T10:00:00+01:00')
const ENVOI = `<envoi><keyid>${ISENDPRO_DEMO.keyid}</keyid><num>0601020304</num><sms>Bonjour</sms><emailId>1</emailId><emailAck>ack@masociete.com</emailAck><emailNot>not@masociete.com</emailNot></envoi>`

const inbound = (fields: Partial<InboundMail> = {}): InboundMail =>
  inboundMail(
    { from: 'app@masociete.com', to: 'sendsms@isendpro-api.com', subject: 'envoi', text: ENVOI },
    fields,
  )

const demoStore = (): MemoryStore => storeWithAccounts(isendpro.demo.accounts, NOW)

describe('the sendsms@isendpro-api.com endpoint', () => {
  it('accepts its address in any case, and no other', () => {
    expect(ISENDPRO_MAIL.accepts('sendsms@isendpro-api.com')).toBe(true)
    expect(ISENDPRO_MAIL.accepts(' SendSMS@iSendPro-API.com ')).toBe(true)
    expect(ISENDPRO_MAIL.accepts('sendsms@isendpro.com')).toBe(false)
    expect(ISENDPRO_MAIL.accepts('sms@isendpro-api.com')).toBe(false)
    expect(ISENDPRO_MAIL.addresses).toEqual(['sendsms@isendpro-api.com'])
  })

  it('journals the emailId, the keyid, the Ack, the codes and where the replies went', () => {
    const result = ISENDPRO_MAIL.handle(inbound(), 'sendsms@isendpro-api.com', demoStore(), NOW)
    expect(result.journal).toEqual({
      request: {
        emailId: '1',
        keyid: ISENDPRO_DEMO.keyid,
        ack: 0,
        recipients: 1,
        sent: 1,
        codes: [0],
        ackTo: 'ack@masociete.com',
        notTo: 'not@masociete.com',
      },
      account: ISENDPRO_DEMO.keyid,
      code: 0,
      // The store masks the keyid wherever the entry shows it (core/secrets.ts).
      secrets: [ISENDPRO_DEMO.keyid],
    })
    expect(result.effects.map((e) => e.kind)).toEqual(['mark', 'debit', 'sms', 'mail', 'mail'])
  })

  it('reads a mail with an HTML part as not plain text, attachments or not', () => {
    expect(isendproMailRequest(inbound({ html: '<p>x</p>' })).plainText).toBe(false)
    expect(isendproMailRequest(inbound({ hasPlainText: false, text: '' })).plainText).toBe(false)
    expect(
      isendproMailRequest(
        inbound({
          attachments: [
            { filename: 'mobiles.csv', contentType: 'text/csv', content: new Uint8Array() },
          ],
        }),
      ).plainText,
    ).toBe(true)
  })

  it('reads the envelope sender when the mail has no From, and Auto-Submitted as automatic', () => {
    expect(
      isendproMailRequest(inbound({ from: '', envelope: { from: 'Cron@MaSociete.com', to: [] } }))
        .sender,
    ).toBe('cron@masociete.com')
    expect(
      isendproMailRequest(inbound({ headers: { 'auto-submitted': 'auto-replied' } })).automatic,
    ).toBe(true)
    expect(
      isendproMailRequest(inbound({ headers: { 'auto-submitted': 'no' } })).automatic,
    ).toBeUndefined()
  })

  it('still answers Ack 0 and a Not 999 when the decision throws, and journals why', () => {
    const broken: StateView = {
      ...demoStore(),
      account: () => {
        throw new TypeError('the store is gone')
      },
      hasMark: () => false,
      numberState: () => ({ status: 'ok' }),
      listAccounts: () => [],
      lastSubmitted: () => undefined,
      messages: () => [],
    }
    const result = ISENDPRO_MAIL.handle(
      inbound({ messageId: '<m@x>' }),
      'sendsms@isendpro-api.com',
      broken,
      NOW,
    )
    expect(result.journal).toEqual({
      request: { emailId: '1', ack: 0, internalError: 'TypeError: the store is gone' },
      code: 999,
      secrets: [ISENDPRO_DEMO.keyid],
      claimedAccount: ISENDPRO_DEMO.keyid,
    })
    expect(result.effects).toEqual([
      {
        kind: 'mail',
        mail: expect.objectContaining({
          to: 'ack@masociete.com',
          text: expect.stringContaining('<code>0</code>'),
        }),
      },
      {
        kind: 'mail',
        mail: expect.objectContaining({
          to: 'not@masociete.com',
          text: expect.stringContaining(
            '<etat>\n<code>999</code>\n<tel></tel>\n<message>Une erreur est survenue. Merci de contacter le service technique</message>\n</etat>',
          ),
          headers: expect.objectContaining({ 'In-Reply-To': '<m@x>' }),
        }),
      },
    ])
  })
})

describe('the provider', () => {
  it('lets faults inject 29 and 999 only, and checks its options', () => {
    expect(isendpro.faultCodes).toEqual([29, 999])
    expect(isendpro.validateOptions?.({ senderDomains: 'x' })).toHaveLength(1)
  })

  it('creates the demo account with its authorised domain', () => {
    expect(isendpro.demo.accounts).toEqual([
      {
        provider: 'isendpro',
        id: 'a296464ce012b8ab710a',
        credits: 1000,
        options: { senderDomains: ['masociete.com'], commercialExempt: true },
      },
    ])
  })

  it('prints the demo account and ready-to-paste lines with the SMTP port', () => {
    const lines = isendproUsage('http://127.0.0.1:8780', { host: '127.0.0.1', port: 2525 })
    expect(lines[0]).toBe(
      'iSendPro keyid a296464ce012b8ab710a   1000 credits   from *@masociete.com   mail to sendsms@isendpro-api.com on smtp://127.0.0.1:2525',
    )
    expect(lines[2]).toContain('--mail-rcpt sendsms@isendpro-api.com --upload-file -')
    expect(isendproUsage('http://[::1]:8780')[0]).toContain('smtp://[::1]:2525')
  })
})
