/**
 * Code 88, "la valeur pass est vide": `pass` is missing, empty or only spaces.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "88 : la valeur pass est vide"
 */
import { describe, expect, it } from 'vitest'
import { IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 88 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['only spaces', '   '],
  ])('answers 88 when pass is %s, and sends and debits nothing', async (_case, value) => {
    expect((await smstob.get({ ...SEND, pass: value })).body).toBe('88')
    expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
  })

  it('answers 88 to a request whose only field left out is pass, written by hand', async () => {
    const query = Object.entries(SEND)
      .filter(([name]) => name !== 'pass')
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&')
    expect(await (await smstob.fetch(query)).text()).toBe('88')
  })

  it('gives the client 88 with the document’s text', async () => {
    const result = await smstob.client({ pass: '' }).send({ numero: SEND.numero, message: 'x' })
    expect(result).toEqual({ ok: false, code: 88, meaning: 'la valeur pass est vide', raw: '88' })
  })
})
