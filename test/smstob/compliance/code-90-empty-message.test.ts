/**
 * Code 90, "la valeur message est vide": `message` is missing, empty or only spaces.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "90 : la valeur message est vide"
 */
import { describe, expect, it } from 'vitest'
import { IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

describe.each(IMPLEMENTATIONS)('code 90 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['only spaces', '   '],
  ])('answers 90 when message is %s, and sends and debits nothing', async (_case, value) => {
    expect((await smstob.get({ ...SEND, message: value })).body).toBe('90')
    expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
  })

  it('answers 90 to a request whose only field left out is message, written by hand', async () => {
    const query = Object.entries(SEND)
      .filter(([name]) => name !== 'message')
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&')
    expect(await (await smstob.fetch(query)).text()).toBe('90')
  })

  it('gives the client 90 with the document’s text', async () => {
    const result = await smstob.client().send({ numero: SEND.numero, message: '' })
    expect(result).toEqual({
      ok: false,
      code: 90,
      meaning: 'la valeur message est vide',
      raw: '90',
    })
  })
})
