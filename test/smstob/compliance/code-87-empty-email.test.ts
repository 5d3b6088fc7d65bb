/**
 * Code 87, "la valeur email est vide": `email` is missing, empty or only spaces.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "87 : la valeur email est vide"
 */
import { describe, expect, it } from 'vitest'
import { IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 87 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['only spaces', '   '],
  ])('answers 87 when email is %s, and sends and debits nothing', async (_case, value) => {
    expect((await smstob.get({ ...SEND, email: value })).body).toBe('87')
    expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
  })

  it('answers 87 to a request whose only field left out is email, written by hand', async () => {
    const query = Object.entries(SEND)
      .filter(([name]) => name !== 'email')
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&')
    expect(await (await smstob.fetch(query)).text()).toBe('87')
  })

  it('gives the client 87 with the document’s text', async () => {
    const result = await smstob.client({ email: '' }).send({ numero: SEND.numero, message: 'x' })
    expect(result).toEqual({ ok: false, code: 87, meaning: 'la valeur email est vide', raw: '87' })
  })
})
