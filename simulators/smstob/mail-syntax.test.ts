import { describe, expect, it } from 'vitest'
import {
  bodyToMessage,
  parseSmstobAddress,
  parseSyntax3Subject,
  readSmstobMail,
} from './mail-syntax.ts'

const plain = (text: string) => ({ hasPlainText: true, text })

describe('parseSmstobAddress', () => {
  it('reads syntax 1 as password.numero, the document’s own casing of the domain included', () => {
    expect(parseSmstobAddress('XV65JU.0660919010@SMStoB.com')).toEqual({
      syntax: 1,
      pass: 'XV65JU',
      numero: '0660919010',
    })
  })

  it('reads syntax 2 as sms.password and syntax 3 as sms', () => {
    expect(parseSmstobAddress('sms.XV65JU@smstob.com')).toEqual({ syntax: 2, pass: 'XV65JU' })
    expect(parseSmstobAddress('sms@smstob.com')).toEqual({ syntax: 3 })
  })

  it('compares the domain and the keyword without case, and keeps the password’s case', () => {
    expect(parseSmstobAddress('SMS@SMSTOB.COM')).toEqual({ syntax: 3 })
    expect(parseSmstobAddress('Sms.xV65ju@Smstob.Com')).toEqual({ syntax: 2, pass: 'xV65ju' })
    expect(parseSmstobAddress('xv65JU.0660919010@smstob.com')).toMatchObject({ pass: 'xv65JU' })
  })

  it('reads sms.<digits> as syntax 2 with those digits as the password, never as syntax 1 with the password "sms"', () => {
    expect(parseSmstobAddress('sms.0660919010@smstob.com')).toEqual({
      syntax: 2,
      pass: '0660919010',
    })
    expect(parseSmstobAddress('SMS.0660919010@smstob.com')).toMatchObject({ syntax: 2 })
  })

  it('splits syntax 1 at the first dot, so that a number written with dots stays whole', () => {
    expect(parseSmstobAddress('XV65JU.06.60.91.90.10@smstob.com')).toEqual({
      syntax: 1,
      pass: 'XV65JU',
      numero: '06.60.91.90.10',
    })
  })

  it('reads a group name after the dot as the numero, as http.php does', () => {
    expect(parseSmstobAddress('XV65JU.moniteurs@smstob.com')).toMatchObject({
      syntax: 1,
      numero: 'moniteurs',
    })
  })

  it('reads an empty password or numero as empty, for the decision to answer 88 or 89', () => {
    expect(parseSmstobAddress('.0660919010@smstob.com')).toEqual({
      syntax: 1,
      pass: '',
      numero: '0660919010',
    })
    expect(parseSmstobAddress('XV65JU.@smstob.com')).toMatchObject({ numero: '' })
    expect(parseSmstobAddress('sms.@smstob.com')).toEqual({ syntax: 2, pass: '' })
  })

  it('reads a quoted local part as the same mailbox unquoted', () => {
    expect(parseSmstobAddress('"XV65JU.0660919010"@smstob.com')).toMatchObject({
      syntax: 1,
      pass: 'XV65JU',
    })
  })

  it('serves no other address: another domain, a subdomain, or a local part with neither keyword nor dot', () => {
    expect(parseSmstobAddress('sms@smstob.fr')).toBeUndefined()
    expect(parseSmstobAddress('sms@mail.smstob.com')).toBeUndefined()
    expect(parseSmstobAddress('contact@smstob.com')).toBeUndefined()
    expect(parseSmstobAddress('smstob.com')).toBeUndefined()
    expect(parseSmstobAddress('smss@smstob.com')).toBeUndefined()
  })
})

describe('parseSyntax3Subject', () => {
  it('reads the document’s example XV65JU:0660919010', () => {
    expect(parseSyntax3Subject('XV65JU:0660919010')).toEqual({
      pass: 'XV65JU',
      numero: '0660919010',
    })
  })

  it('reads a 12-digit date after spaces as the deferred date', () => {
    expect(parseSyntax3Subject('XV65JU:0660919010 123015092004')).toEqual({
      pass: 'XV65JU',
      numero: '0660919010',
      diff: '123015092004',
    })
  })

  it('reads anything after a second colon as the date, so that a malformed one is seen as a date', () => {
    expect(parseSyntax3Subject('XV65JU:0660919010:123015092004')).toMatchObject({
      numero: '0660919010',
      diff: '123015092004',
    })
    expect(parseSyntax3Subject('XV65JU:0660919010:12h30')).toMatchObject({ diff: '12h30' })
    expect(parseSyntax3Subject('XV65JU:0660919010:')).toMatchObject({ diff: '' })
  })

  it('keeps a number written with spaces and a group name with spaces whole', () => {
    expect(parseSyntax3Subject('XV65JU:06 60 91 90 10')).toEqual({
      pass: 'XV65JU',
      numero: '06 60 91 90 10',
    })
    expect(parseSyntax3Subject('XV65JU:moniteurs ski 123015092004')).toEqual({
      pass: 'XV65JU',
      numero: 'moniteurs ski',
      diff: '123015092004',
    })
  })

  it('leaves a trailing word that is not 12 digits in the numero', () => {
    expect(parseSyntax3Subject('XV65JU:0660919010 1230')).toMatchObject({
      numero: '0660919010 1230',
    })
    expect(parseSyntax3Subject('XV65JU:0660919010 1230150920041')).not.toHaveProperty('diff')
  })

  it('ignores spaces around each part and keeps the password’s case', () => {
    expect(parseSyntax3Subject('  xV65ju : 0660919010   123015092004 ')).toEqual({
      pass: 'xV65ju',
      numero: '0660919010',
      diff: '123015092004',
    })
  })

  it('has no password without a colon, and nothing at all when empty', () => {
    expect(parseSyntax3Subject('0660919010')).toEqual({ numero: '0660919010' })
    expect(parseSyntax3Subject('   ')).toEqual({})
    expect(parseSyntax3Subject(':0660919010')).toEqual({ pass: '', numero: '0660919010' })
    expect(parseSyntax3Subject('XV65JU:')).toEqual({ pass: 'XV65JU', numero: '' })
  })
})

describe('bodyToMessage', () => {
  it('reads the plain-text body with CRLF line ends', () => {
    expect(bodyToMessage(plain('Bonjour\r\nà demain\r\n'))).toBe('Bonjour\nà demain')
  })

  it('cuts the signature after a "-- " line, and after "--" as clients that trim spaces write it', () => {
    expect(bodyToMessage(plain('Bonjour\n\n-- \nJean Dupont\nESF Hédé\n'))).toBe('Bonjour')
    expect(bodyToMessage(plain('Bonjour\n--\nJean'))).toBe('Bonjour')
  })

  it('keeps a line that only starts with dashes', () => {
    expect(bodyToMessage(plain('Bonjour\n-- à demain'))).toBe('Bonjour\n-- à demain')
    expect(bodyToMessage(plain('Bonjour\n---\nJean'))).toBe('Bonjour\n---\nJean')
  })

  it('drops blank lines around the text and spaces at line ends, and keeps blank lines inside', () => {
    expect(bodyToMessage(plain('\n\n  Bonjour  \n\nà demain \t\n\n\n'))).toBe(
      '  Bonjour\n\nà demain',
    )
  })

  it('has no message for a mail without a plain-text part', () => {
    expect(bodyToMessage({ hasPlainText: false, text: '' })).toBeUndefined()
  })

  it('reads a body that is only a signature as empty', () => {
    expect(bodyToMessage(plain('-- \nJean'))).toBe('')
  })
})

describe('readSmstobMail', () => {
  const mail = (subject: string, text = 'Bonjour') => ({ subject, ...plain(text) })

  it('reads syntax 1: the subject is the optional date', () => {
    expect(readSmstobMail(mail(''), 'XV65JU.0660919010@smstob.com')).toEqual({
      syntax: 1,
      pass: 'XV65JU',
      numero: '0660919010',
      message: 'Bonjour',
    })
    expect(readSmstobMail(mail(' 123015092004 '), 'XV65JU.0660919010@smstob.com')).toMatchObject({
      diff: '123015092004',
    })
  })

  it('reads any non-empty syntax 1 subject as the date, for the decision to judge (85)', () => {
    expect(readSmstobMail(mail('Rappel'), 'XV65JU.0660919010@smstob.com')).toMatchObject({
      diff: 'Rappel',
    })
  })

  it('reads syntax 2: the subject is the number or group, with no date', () => {
    expect(readSmstobMail(mail('moniteurs'), 'sms.XV65JU@smstob.com')).toEqual({
      syntax: 2,
      pass: 'XV65JU',
      numero: 'moniteurs',
      message: 'Bonjour',
    })
    expect(readSmstobMail(mail('0660919010 123015092004'), 'sms.XV65JU@smstob.com')).toEqual({
      syntax: 2,
      pass: 'XV65JU',
      numero: '0660919010 123015092004',
      message: 'Bonjour',
    })
    expect(readSmstobMail(mail('  '), 'sms.XV65JU@smstob.com')).not.toHaveProperty('numero')
  })

  it('reads syntax 3: password, numero and date from the subject', () => {
    expect(readSmstobMail(mail('XV65JU:0660919010 123015092004'), 'sms@smstob.com')).toEqual({
      syntax: 3,
      pass: 'XV65JU',
      numero: '0660919010',
      diff: '123015092004',
      message: 'Bonjour',
    })
  })

  it('says when the body could not be read', () => {
    expect(
      readSmstobMail(
        { subject: '', text: '', hasPlainText: false },
        'XV65JU.0660919010@smstob.com',
      ),
    ).toMatchObject({ bodyProblem: 'not-plain-text' })
  })

  it('reads nothing from an address SMStoB does not serve', () => {
    expect(readSmstobMail(mail(''), 'contact@smstob.com')).toBeUndefined()
  })
})
