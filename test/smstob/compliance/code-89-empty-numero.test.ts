/**
 * Code 89, "la valeur numero est vide": `numero` is missing, empty or only spaces.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "89 : la valeur numero est vide"
 */
import { describe, expect, it } from 'vitest'
import { IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 89 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['only spaces', '   '],
  ])('answers 89 when numero is %s, and sends and debits nothing', async (_case, value) => {
    expect((await smstob.get({ ...SEND, numero: value })).body).toBe('89')
    expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
  })

  it('answers 89 to a request whose only field left out is numero, written by hand', async () => {
    const query = Object.entries(SEND)
      .filter(([name]) => name !== 'numero')
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&')
    expect(await (await smstob.fetch(query)).text()).toBe('89')
  })

  it('gives the client 89 with the document’s text', async () => {
    const result = await smstob.client().send({ numero: '', message: 'x' })
    expect(result).toEqual({ ok: false, code: 89, meaning: 'la valeur numero est vide', raw: '89' })
  })
})
