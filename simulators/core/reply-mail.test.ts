import { describe, expect, it } from 'vitest'
import type { InboundMail } from './mail.ts'
import { inboundMail } from './mail-testing.ts'
import { noReplyReason, replyMail } from './reply-mail.ts'

const mail = (fields: Partial<InboundMail> = {}) =>
  inboundMail(
    { from: 'jean@ecole.fr', to: 'sms@provider.test', subject: 'Bonjour', text: 'Bonjour\n' },
    fields,
  )
const withHeaders = (headers: Record<string, string>) => mail({ headers })

describe('noReplyReason', () => {
  it('lets a person’s mail be answered, whoever the reply goes to', () => {
    expect(noReplyReason(mail(), 'sender')).toBeUndefined()
    expect(noReplyReason(mail(), 'named')).toBeUndefined()
  })

  it.each([
    ['auto-submitted', { 'auto-submitted': 'auto-replied' }],
    ['auto-submitted', { 'auto-submitted': 'Auto-Generated' }],
    ['auto-submitted', { 'auto-submitted': 'auto-notified; owner-email="ops@ecole.fr"' }],
    ['auto-submitted', { 'auto-submitted': 'something-new' }],
    ['precedence', { precedence: 'bulk' }],
    ['precedence', { precedence: 'JUNK' }],
    ['precedence', { precedence: ' list ' }],
    ['mailing-list', { 'list-id': 'Parents <parents.ecole.fr>' }],
  ])('never answers a mail that says a program sent it: %s %j', (reason, headers) => {
    expect(noReplyReason(withHeaders(headers), 'sender')).toBe(reason)
    expect(noReplyReason(withHeaders(headers), 'named')).toBe(reason)
  })

  it.each([
    ['Auto-Submitted: no', { 'auto-submitted': 'No' }],
    ['an empty Auto-Submitted', { 'auto-submitted': '' }],
    ['Precedence: first-class', { precedence: 'first-class' }],
    ['List-Unsubscribe alone (a newsletter sent to one person)', { 'list-unsubscribe': '<x>' }],
  ])('answers %s', (_case, headers) => {
    expect(noReplyReason(withHeaders(headers), 'sender')).toBeUndefined()
  })

  it.each<[string, Partial<InboundMail>]>([
    ['null-sender', { envelope: { from: '', to: ['sms@provider.test'] } }],
    ['null-sender', { envelope: { from: ' ', to: ['sms@provider.test'] } }],
    ['mailer-daemon', { from: 'MAILER-DAEMON@mx.ecole.fr' }],
    ['mailer-daemon', { from: 'postmaster@ecole.fr' }],
  ])(
    'never answers the sender of a bounce (%s), but may answer the addresses it names',
    (reason, fields) => {
      expect(noReplyReason(mail(fields), 'sender')).toBe(reason)
      expect(noReplyReason(mail(fields), 'named')).toBeUndefined()
    },
  )

  it('gives the first sign in the rule’s order', () => {
    const both = mail({
      envelope: { from: '', to: ['sms@provider.test'] },
      headers: { precedence: 'bulk', 'auto-submitted': 'auto-replied' },
    })
    expect(noReplyReason(both, 'sender')).toBe('auto-submitted')
  })
})

describe('replyMail', () => {
  const fields = {
    provider: 'allmysms',
    from: 'mail2sms@allmysms.com',
    to: 'jean@ecole.fr',
    subject: 'Mail2SMS : erreur 105',
    text: 'Status: 105\n',
  } as const

  it('marks the reply automatic and threads it under the mail it answers', () => {
    expect(replyMail({ ...fields, account: 'arthur45', inReplyTo: '<1@ecole.fr>' })).toEqual({
      ...fields,
      account: 'arthur45',
      headers: {
        'Auto-Submitted': 'auto-replied',
        'In-Reply-To': '<1@ecole.fr>',
        References: '<1@ecole.fr>',
      },
    })
  })

  it('writes no threading headers, and no account, when there are none', () => {
    expect(replyMail(fields)).toEqual({ ...fields, headers: { 'Auto-Submitted': 'auto-replied' } })
  })
})
