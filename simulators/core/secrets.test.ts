import { describe, expect, it } from 'vitest'
import { cutText } from './bounds.ts'
import type { Account, Mail } from './model.ts'
import {
  isIdentityName,
  isSecretName,
  maskError,
  maskQuery,
  maskSecret,
  maskUrl,
  secretMasker,
  secretsInQuery,
  shownAccount,
  shownMail,
  shownRecord,
} from './secrets.ts'

describe('the masked form', () => {
  it('is four stars, and the last two characters from eight characters on', () => {
    expect(maskSecret('XV65JU')).toBe('****')
    expect(maskSecret('1234567')).toBe('****')
    expect(maskSecret('12345678')).toBe('****78')
    expect(maskSecret('de135f8d2a091e4')).toBe('****e4')
  })

  it('never has as many stars as the secret has characters', () => {
    for (const length of [1, 3, 4, 5, 12, 40])
      expect(maskSecret('s'.repeat(length)).replace(/[^*]/g, '')).toHaveLength(4)
  })

  it('leaves an empty secret empty', () => {
    expect(maskSecret('')).toBe('')
  })
})

describe('what is a secret by name', () => {
  it.each(['pass', 'Password', 'PASSWORD', 'apiKey', 'api_key', 'keyid', 'secret', 'token'])(
    '%s is',
    (name) => expect(isSecretName(name)).toBe(true),
  )

  it.each(['UserKey', 'email', 'TokenReference', 'passage', 'x'.repeat(1000)])(
    '%s is not',
    (name) => expect(isSecretName(name)).toBe(false),
  )

  it('knows the logins and senders, which masking by value skips', () => {
    expect(['email', 'from', 'UserKey', 'login'].every(isIdentityName)).toBe(true)
    expect(isIdentityName('subject')).toBe(false)
  })
})

describe('masking by value', () => {
  it('masks every occurrence, as written, percent-encoded and form-encoded', () => {
    const mask = secretMasker(['p@ss w0rd!'])
    expect(mask('to=p@ss w0rd!.06@x')).toBe('to=****d!.06@x')
    expect(mask('pass=p%40ss%20w0rd!&x=1')).toBe('pass=****d!&x=1')
    expect(mask('pass=p%40ss+w0rd!')).toBe('pass=****d!')
  })

  it('masks the longer of two secrets whole when one holds the other', () => {
    expect(secretMasker(['abc', 'abcdefghij'])('k=abcdefghij')).toBe('k=****ij')
  })

  it('ignores empty secrets and returns texts without one unchanged', () => {
    const mask = secretMasker(['', 'XV65JU'])
    expect(mask('Bonjour')).toBe('Bonjour')
    expect(secretMasker([])('XV65JU')).toBe('XV65JU')
  })

  it('masks the start of a secret that a cut text ends with', () => {
    const cut = cutText('subject XV65JU:0660', 10)
    expect(cut).toBe('subject XV... (9 more characters)')
    expect(secretMasker(['XV65JU'])(cut)).toBe('subject ****... (9 more characters)')
  })
})

describe('raw query strings', () => {
  it('masks the values of secret-named parameters, whatever their case', () => {
    expect(maskQuery('email=a@b.fr&pass=XV65JU&numero=06')).toBe('email=a@b.fr&pass=****&numero=06')
    expect(maskQuery('UserKey=K&PASSWORD=longpassword')).toBe('UserKey=K&PASSWORD=****rd')
    expect(maskQuery('wsdl')).toBe('wsdl')
  })

  it('masks the secret parameters of a URL’s query, and nothing else of it', () => {
    expect(maskUrl('https://app.example/cb?id=4&token=abcdefgh12#top')).toBe(
      'https://app.example/cb?id=4&token=****12#top',
    )
    expect(maskUrl('https://app.example/password/')).toBe('https://app.example/password/')
  })

  it('reads the secret values of a query string, decoded', () => {
    expect(secretsInQuery('email=a@b.fr&pass=XV%2065&Password=x+y')).toEqual(['XV 65', 'x y'])
  })
})

describe('what smsim logs', () => {
  it('masks secrets in an error’s message and stack, and keeps its name', () => {
    const error = new TypeError('not an SMStoB address: XV65JU.06@smstob.com')
    const masked = maskError(error, ['XV65JU']) as Error
    expect(masked.name).toBe('TypeError')
    expect(masked.message).toBe('not an SMStoB address: ****.06@smstob.com')
    expect(masked.stack).not.toContain('XV65JU')
    expect(maskError(error, [])).toBe(error)
  })
})

describe('the control API’s views', () => {
  const account: Account = {
    provider: 'isendpro',
    id: 'a296464ce012b8ab710a',
    secret: '',
    credits: 1,
    options: {},
    createdAt: '2026-01-05T08:00:00.000Z',
  }

  it('masks an account’s secret, and its id where the id is the credential', () => {
    expect(shownAccount({ ...account, secret: 'XV65JU' }, false)).toMatchObject({
      id: account.id,
      secret: '****',
    })
    expect(shownAccount(account, true)).toMatchObject({ id: '****0a', secret: '' })
    expect(shownAccount(account, true, true)).toBe(account)
  })

  it('masks what a mail quotes and leaves its addresses and the secrets list out', () => {
    const mail: Mail = {
      id: 'mail-1',
      provider: 'smstob',
      from: 'noreply@smstob.com',
      to: 'demo@smstob.test',
      subject: 'SMStoB',
      text: 'Votre e-mail à demo.0660919010@smstob.com',
      date: '2026-01-05T08:00:00.000Z',
      secrets: ['demo'],
    }
    const shown = shownMail(mail, false)
    expect(shown).toEqual({
      ...mail,
      secrets: undefined,
      text: 'Votre e-mail à ****.0660919010@smstob.com',
    })
    expect(shown).not.toHaveProperty('secrets')
    expect(shown.to).toBe('demo@smstob.test')
  })

  it('masks the account of an SMS or a ledger entry where the id is the credential', () => {
    expect(shownRecord({ account: account.id }, true)).toEqual({ account: '****0a' })
    expect(shownRecord({ account: 'a@b.fr' }, false)).toEqual({ account: 'a@b.fr' })
  })
})
