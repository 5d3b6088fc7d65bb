import { describe, expect, it } from 'vitest'
import { charsetOf, decodeComponent, parseForm } from './form.ts'

describe('parseForm', () => {
  it('reads UTF-8 percent-encoding as "été"', () => {
    expect(parseForm('message=%C3%A9t%C3%A9').get('message')).toBe('été')
  })

  it('reads ISO-8859-1 percent-encoding as "été" too', () => {
    expect(parseForm('message=%E9t%E9&numero=06').get('message')).toBe('été')
  })

  it('reads the two encodings side by side in one request', () => {
    const form = parseForm('a=%E9t%E9&b=%C3%A9t%C3%A9')
    expect(form.get('a')).toBe('été')
    expect(form.get('b')).toBe('été')
  })

  it('reads + as a space and %2B as a plus sign', () => {
    expect(parseForm('message=Bonjour+%C3%A0+tous+%2B+1').get('message')).toBe('Bonjour à tous + 1')
  })

  it('keeps every field in the order received', () => {
    const form = parseForm('email=a%40b.fr&pass=x&numero=0660919010&message=Salut')
    expect([...form]).toEqual([
      ['email', 'a@b.fr'],
      ['pass', 'x'],
      ['numero', '0660919010'],
      ['message', 'Salut'],
    ])
  })

  it('keeps the last value of a repeated name, as PHP does', () => {
    expect(parseForm('numero=0600000001&numero=0600000002').get('numero')).toBe('0600000002')
  })

  it('reads a name without = as an empty value', () => {
    expect(parseForm('flash&message=x').get('flash')).toBe('')
  })

  it('skips empty pairs and an empty body', () => {
    expect([...parseForm('&&a=1&')]).toEqual([['a', '1']])
    expect(parseForm('').size).toBe(0)
  })

  it('keeps the text after a second = in the value', () => {
    expect(parseForm('message=1+%2B+1=2').get('message')).toBe('1 + 1=2')
  })

  it('decodes percent-encoded names', () => {
    expect(parseForm('mess%61ge=x').get('message')).toBe('x')
  })

  it('keeps a leading U+FEFF of a value: a character, not a byte-order mark', () => {
    expect(parseForm('message=%EF%BB%BF%7F').get('message')).toBe('\uFEFF\x7F')
  })

  it('keeps malformed escapes literally, as PHP does', () => {
    const form = parseForm('a=%G1&b=100%&c=%A&d=50%25')
    expect(form.get('a')).toBe('%G1')
    expect(form.get('b')).toBe('100%')
    expect(form.get('c')).toBe('%A')
    expect(form.get('d')).toBe('50%')
  })

  it('reads ISO-8859-1 when the Content-Type says so, even for valid UTF-8 bytes', () => {
    const charset = charsetOf('application/x-www-form-urlencoded; charset=ISO-8859-1')
    expect(parseForm('message=%C3%A9t%C3%A9', charset).get('message')).toBe('Ã©tÃ©')
    expect(parseForm('message=%E9t%E9', charset).get('message')).toBe('été')
  })

  it('reads 0x80 as € under ISO-8859-1, as Windows clients mean it', () => {
    expect(parseForm('message=10%80', 'iso-8859-1').get('message')).toBe('10€')
  })

  it('reads the windows-1252 punctuation of a Word text sent as Latin-1', () => {
    // ’ is 0x92, œ 0x9C, … 0x85: what a French Windows client sends for "l’œuf…".
    expect(parseForm('message=l%92%9Cuf%85').get('message')).toBe('l’œuf…')
  })

  it('keeps the C1 bytes that windows-1252 leaves undefined', () => {
    expect(parseForm('message=%81%8D%8F%90%9D', 'iso-8859-1').get('message')).toBe(
      '\x81\x8D\x8F\x90\x9D',
    )
  })

  it('replaces invalid bytes when UTF-8 is declared rather than guessing Latin-1', () => {
    expect(parseForm('message=%E9t%E9', 'utf-8').get('message')).toBe('\uFFFDt\uFFFD')
  })

  describe('bodies as bytes', () => {
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

    it('reads raw UTF-8 bytes', () => {
      expect(parseForm(bytes('message=été&numero=06')).get('message')).toBe('été')
    })

    it('reads raw ISO-8859-1 bytes', () => {
      const body = Uint8Array.from([...bytes('message='), 0xe9, 0x74, 0xe9])
      expect(parseForm(body).get('message')).toBe('été')
    })

    it('reads percent-encoding inside a byte body', () => {
      expect(parseForm(bytes('message=%C3%A9t%C3%A9+!')).get('message')).toBe('été !')
    })

    it('reads raw bytes as ISO-8859-1 when told to', () => {
      expect(parseForm(bytes('message=été'), 'iso-8859-1').get('message')).toBe('Ã©tÃ©')
    })

    it('reads an empty body as no fields', () => {
      expect(parseForm(new Uint8Array()).size).toBe(0)
    })
  })
})

describe('decodeComponent', () => {
  it('decodes UTF-8 and ISO-8859-1 escapes to the same text', () => {
    expect(decodeComponent('%C3%A9t%C3%A9')).toBe('été')
    expect(decodeComponent('%E9t%E9')).toBe('été')
  })

  it('reads + as a space', () => {
    expect(decodeComponent('a+b')).toBe('a b')
  })

  it('accepts lower-case hex digits', () => {
    expect(decodeComponent('%c3%a9')).toBe('é')
  })

  it('keeps an already decoded text with characters above U+00FF as it is', () => {
    expect(decodeComponent('Ça coûte 2 €')).toBe('Ça coûte 2 €')
    expect(decodeComponent('Bisous 😘 à+demain')).toBe('Bisous 😘 à demain')
  })

  it('still decodes escapes inside an already decoded text', () => {
    expect(decodeComponent('%C3%A9t%C3%A9 €')).toBe('été €')
  })

  it('keeps a lone % at the end', () => {
    expect(decodeComponent('%')).toBe('%')
  })
})

describe('charsetOf', () => {
  it.each([
    ['application/x-www-form-urlencoded; charset=ISO-8859-1', 'iso-8859-1'],
    ['application/x-www-form-urlencoded; charset="iso-8859-1"', 'iso-8859-1'],
    ['application/x-www-form-urlencoded;charset=latin1', 'iso-8859-1'],
    ['application/x-www-form-urlencoded; charset=windows-1252', 'iso-8859-1'],
    ['application/x-www-form-urlencoded; charset=UTF-8', 'utf-8'],
    ['text/plain; charset=utf8', 'utf-8'],
    ['application/x-www-form-urlencoded', 'auto'],
    ['application/x-www-form-urlencoded; charset=koi8-r', 'auto'],
    [undefined, 'auto'],
  ])('reads %j as %s', (contentType, charset) => {
    expect(charsetOf(contentType)).toBe(charset)
  })
})
