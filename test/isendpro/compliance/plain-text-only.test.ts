/**
 * "Les emails doivent être envoyés au format text brut sans aucune mise en forme. Sinon l'email
 * ne sera pas traité.": a mail with an HTML part — HTML only, or text and HTML as most mail
 * programs write by default — is not processed at all: no Ack, no Not, no SMS (ours: the
 * strict reading). Attachments do not count as formatting.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "Remarques"
 */
import { describe, expect, it } from 'vitest'
import { fixture, useIsendpro } from '../helpers.ts'

describe('plain text only, over SMTP', () => {
  const isendpro = useIsendpro()

  it.each([
    ['HTML only (Outlook on the web)', 'html-only.eml'],
    ['text and HTML (Gmail)', 'gmail-alternative.eml'],
  ])('does not process %s', async (_case, name) => {
    const sent = await isendpro.sendRaw(fixture(name))
    expect(sent.accepted).toEqual(['sendsms@isendpro-api.com'])
    expect(await isendpro.mails()).toEqual([])
    expect(await isendpro.control.messages()).toEqual([])
    expect((await isendpro.control.journal())[0]).toMatchObject({
      request: { notProcessed: 'not-plain-text' },
    })
    expect((await isendpro.control.journal())[0]?.code).toBeUndefined()
  })

  it('processes the same envoi sent as plain text', async () => {
    const { not } = await isendpro.sendAndRead()
    expect(not?.entries[0]?.code).toBe(0)
  })
})
