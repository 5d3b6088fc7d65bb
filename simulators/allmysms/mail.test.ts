import { describe, expect, it } from 'vitest'
import type { InboundMail } from '../core/mail.ts'
import { inboundMail, storeWithAccounts } from '../core/mail-testing.ts'
import type { MemoryStore } from '../core/memory-store.ts'
import { ALLMYSMS_HTTP } from './http.ts'
import { ALLMYSMS_DEMO, allmysms, allmysmsUsage } from './index.ts'
import { ALLMYSMS_MAIL2SMS, isAutomaticMail, mail2SmsRequest } from './mail.ts'

const NOW = new Date('2026-01-05T09:00:00+01:00')

const inbound = (fields: Partial<InboundMail> = {}): InboundMail =>
  inboundMail(
    {
      from: 'jean@ecole.fr',
      to: 'mail2sms@allmysms.com',
      subject: `${ALLMYSMS_DEMO.login}@${ALLMYSMS_DEMO.apiKey}|0612121515;0145454545`,
      text: 'Bonjour\n',
    },
    fields,
  )

const demoStore = (): MemoryStore => storeWithAccounts(allmysms.demo.accounts, NOW)

describe('the mail2sms endpoint', () => {
  it('accepts mail2sms@allmysms.com in any case, and no other address', () => {
    expect(ALLMYSMS_MAIL2SMS.accepts('mail2sms@allmysms.com')).toBe(true)
    expect(ALLMYSMS_MAIL2SMS.accepts('Mail2SMS@AllMySMS.com')).toBe(true)
    expect(ALLMYSMS_MAIL2SMS.accepts('sms@allmysms.com')).toBe(false)
    expect(ALLMYSMS_MAIL2SMS.accepts('mail2sms@allmysms.fr')).toBe(false)
    expect(ALLMYSMS_MAIL2SMS.addresses).toEqual(['mail2sms@allmysms.com'])
  })

  it('journals the code, the account, the text and the skipped numbers', () => {
    const result = ALLMYSMS_MAIL2SMS.handle(inbound(), 'mail2sms@allmysms.com', demoStore(), NOW)
    expect(result.journal).toEqual({
      request: {
        text: 'Bonjour',
        body: 'plain',
        invalidNumbers: ['0145454545'],
        statusText: 'Le message a été envoyé',
        replied: false,
      },
      account: 'arthur45',
      code: 100,
    })
    expect(result.effects.map((e) => e.kind)).toEqual(['debit', 'sms'])
  })

  it('answers an error with a mail effect to the From address', () => {
    const result = ALLMYSMS_MAIL2SMS.handle(
      inbound({ subject: '', from: 'marie@ecole.fr' }),
      'mail2sms@allmysms.com',
      demoStore(),
      NOW,
    )
    expect(result.journal.code).toBe(105)
    expect(result.effects).toEqual([
      { kind: 'mail', mail: expect.objectContaining({ to: 'marie@ecole.fr' }) },
    ])
  })
})

describe('mail2SmsRequest', () => {
  it('falls back on the envelope sender when the mail has no From', () => {
    expect(mail2SmsRequest(inbound({ from: '' })).sender).toBe('jean@ecole.fr')
  })

  it('passes the HTML part and the Message-ID on', () => {
    expect(
      mail2SmsRequest(inbound({ html: '<p>x</p>', hasPlainText: false, messageId: '<m@x>' })),
    ).toMatchObject({ html: '<p>x</p>', hasPlainText: false, messageId: '<m@x>' })
  })
})

describe('isAutomaticMail', () => {
  it.each([
    ['an Auto-Submitted: auto-replied mail', { headers: { 'auto-submitted': 'auto-replied' } }],
    ['an Auto-Submitted: auto-generated mail', { headers: { 'auto-submitted': 'Auto-Generated' } }],
    ['a bounce (null envelope sender)', { envelope: { from: '', to: ['mail2sms@allmysms.com'] } }],
    ['a mail from MAILER-DAEMON', { from: 'MAILER-DAEMON@mx.ecole.fr' }],
  ])('treats %s as automatic', (_case, fields) => {
    expect(isAutomaticMail(inbound(fields as Partial<InboundMail>))).toBe(true)
  })

  it('treats a person’s mail, or Auto-Submitted: no, as not automatic', () => {
    expect(isAutomaticMail(inbound())).toBe(false)
    expect(isAutomaticMail(inbound({ headers: { 'auto-submitted': 'no' } }))).toBe(false)
  })
})

describe('the provider', () => {
  it('serves Mail2SMS and the HTTP API 9.0, under the id allmysms', () => {
    expect(allmysms).toMatchObject({ id: 'allmysms', prefix: '/allmysms', http: [ALLMYSMS_HTTP] })
    expect(allmysms.mail).toEqual([ALLMYSMS_MAIL2SMS])
  })

  it('prints the SMTP address the banner gives, brackets around an IPv6 host', () => {
    const lines = allmysmsUsage('http://[::1]:8780', { host: '::1', port: 40125 })
    expect(lines[0]).toContain('on smtp://[::1]:40125')
    expect(lines[1]).toContain('--server ::1 --port 40125')
    expect(lines[2]).toContain('curl -sS smtp://[::1]:40125')
  })

  it('prints the demo account with a swaks line, a curl line for the SMTP port and one for the HTTP API', () => {
    expect(allmysmsUsage('http://127.0.0.1:8780', { host: '127.0.0.1', port: 2525 }))
      .toMatchInlineSnapshot(`
        [
          "allmysms login arthur45   apiKey de135f8d2a091e4   1000 credits   Mail2SMS to mail2sms@allmysms.com on smtp://127.0.0.1:2525",
          "         swaks --server 127.0.0.1 --port 2525 --from you@example.com --to mail2sms@allmysms.com --header 'Subject: arthur45@de135f8d2a091e4|0660919010' --body 'Bonjour'",
          "         printf 'From: you@example.com\\r\\nTo: mail2sms@allmysms.com\\r\\nSubject: arthur45@de135f8d2a091e4|0660919010\\r\\n\\r\\nBonjour\\r\\n' | curl -sS smtp://127.0.0.1:2525 --mail-from you@example.com --mail-rcpt mail2sms@allmysms.com --upload-file -",
          "         curl -sS http://127.0.0.1:8780/allmysms/http/9.0/sendSms/ --data-urlencode login=arthur45 --data-urlencode apiKey=de135f8d2a091e4 --data-urlencode 'smsData={"DATA":{"MESSAGE":"Bonjour","SMS":[{"MOBILEPHONE":"0660919010"}]}}'",
        ]
      `)
  })
})
