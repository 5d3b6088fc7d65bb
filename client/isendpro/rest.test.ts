import { describe, expect, it } from 'vitest'
import { formatDate, IsendproRestClient } from './rest.ts'

/** A fetch that answers `body` with `status`, and records what it was asked. */
function answering(status: number, body: string) {
  const calls: { url: string; init: RequestInit }[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return new Response(body, { status, headers: { 'content-type': 'application/json' } })
  }) as unknown as typeof globalThis.fetch
  return { fetch, calls }
}

describe('IsendproRestClient', () => {
  it('sends the keyid in a JSON body and reads an array answer', async () => {
    const { fetch, calls } = answering(
      200,
      '{"etat":{"etat":[{"code":0,"tel":"0601020304","message":"Votre message a bien ete envoye","smslong":"1"}]}}',
    )
    const api = new IsendproRestClient({ baseUrl: 'http://x/cgi-bin', keyid: 'k', fetch })
    const result = await api.sms('0601020304', 'Bonjour', { emetteur: 'MaSociete', smslong: '999' })
    expect(result).toMatchObject({
      ok: true,
      entries: [{ code: 0, tel: '0601020304', smslong: 1 }],
    })
    expect(calls[0]?.url).toBe('http://x/cgi-bin/sms')
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      keyid: 'k',
      num: '0601020304',
      sms: 'Bonjour',
      emetteur: 'MaSociete',
      smslong: '999',
    })
  })

  it('reads the object form and string codes of the provider’s docs as a general error', async () => {
    const { fetch } = answering(
      200,
      '{"etat":{"etat":{"code":"3","message":"Vos identifiants sont incorrects"}}}',
    )
    const api = new IsendproRestClient({ keyid: 'k', fetch })
    expect(await api.sms('0601020304', 'x')).toMatchObject({
      ok: false,
      entries: [{ code: 3, meaning: 'Vos identifiants sont incorrects' }],
    })
  })

  it('writes date_envoi in the zone', () => {
    expect(formatDate(new Date('2026-01-05T08:00:00Z'), 'Europe/Paris')).toBe('2026-01-05 09:00')
  })
})
