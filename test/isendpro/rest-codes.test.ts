/**
 * iSendPro's REST API through HTTP to a started smsim: every code a REST request can produce,
 * the answer shapes the generated clients parse (`etat.etat` an array), the operations beside
 * `/sms`, the account state shared with the mail interface, and bad input.
 *
 * @see shared/research/french-providers.md — §C.1 "Endpoints", "Answers"
 * @see simulators/isendpro/README.md — "The REST API"
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { REST_STOP_MENTION } from '../../simulators/isendpro/sender.ts'
import { unzipOne } from '../../simulators/isendpro/zip.ts'
import { rawHttp } from '../support/raw-http.ts'
import { KEYID, MOBILE, MOBILE_E164, HOUR, useIsendpro } from './helpers.ts'

const isendpro = useIsendpro({ credits: 100 })

/** A REST answer as a test reads it: loosely, each test asserts the shape it is about. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read arbitrary paths
type RestJson = Record<string, any>

/** POSTs a JSON body to `/isendpro/cgi-bin<path>`, as the generated clients do. */
async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${isendpro.smsim.url}/isendpro/cgi-bin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await response.text()
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    json: text.startsWith('{') ? (JSON.parse(text) as RestJson) : undefined,
    text,
  }
}

const sms = (fields: Record<string, unknown> = {}) =>
  post('/sms', { keyid: KEYID, num: MOBILE, sms: 'Bonjour', ...fields })

/** The one item of a send's answer. */
const item = async (answer: Promise<{ json?: RestJson }>) => {
  const { json } = await answer
  expect(Array.isArray(json?.etat?.etat)).toBe(true)
  return json!.etat.etat[0] as Record<string, unknown>
}

describe('iSendPro REST: codes of /sms and /smsmulti', () => {
  it('0: sends, debits one credit, answers an array item with code 0, tel and smslong', async () => {
    const answer = await sms()
    expect(answer.status).toBe(200)
    expect(answer.contentType).toMatch(/^application\/json/)
    expect(answer.json).toEqual({
      etat: {
        etat: [{ code: 0, tel: MOBILE, message: 'Votre message a bien ete envoye', smslong: '1' }],
      },
    })
    expect(await isendpro.credits()).toBe(99)
    const [sent] = await isendpro.control.messages()
    expect(sent).toMatchObject({ to: MOBILE_E164, text: 'Bonjour', transport: 'http' })
  })

  it.each([
    [1, { keyid: undefined }, 'Le champ Login est vide'],
    [2, { keyid: '' }, 'Le champ PWD est vide'],
    [3, { keyid: 'ffffffffffffffffffff' }, 'Vos identifiants sont incorrects'],
    [6, { num: '' }, 'Vous devez saisir un numéro de téléphone'],
    [16, { emetteur: '' }, "L'émetteur ne peut pas être vide"],
    [33, { emetteur: '0601020304' }, "Cet émetteur n'est pas autorisé!"],
    [34, { smslong: 'deux' }, 'La valeur de smslong doit être un entier !'],
    [
      999,
      { date_envoi: '2026-02-30 10:00' },
      'Une erreur est survenue. Merci de contacter le service technique',
    ],
  ])(
    '%s: answers 400 and Erreur without tel, sends and debits nothing',
    async (code, fields, message) => {
      const answer = await sms(fields)
      expect(answer.status).toBe(400)
      expect(answer.json).toEqual({ etat: { etat: [{ code: String(code), message }] } })
      expect(await isendpro.credits()).toBe(100)
      expect(await isendpro.control.messages()).toEqual([])
    },
  )

  it.each([
    [7, '060102030', 'Un numéro de téléphone est sur 10 chiffres'],
    [27, '41791234567', "L'indicatif pays du téléphone n'est pas autorisé !"],
    [11, '0600000011', 'Le numéro de téléphone est dans la liste noire!'],
    [21, '0600000010', "Le numéro de téléphone n'est pas attribué!"],
    [22, '0600000012', 'Le téléphone est attribué à un Full MVNO'],
  ])('%s: answers the number’s item, charges nothing for it', async (code, num, message) => {
    const answer = await post('/smsmulti', { keyid: KEYID, num: [num, MOBILE], sms: ['Bonjour'] })
    expect(answer.status).toBe(200)
    expect(answer.json?.etat.etat).toEqual([
      { code, tel: num, message },
      { code: 0, tel: MOBILE, message: 'Votre message a bien ete envoye', smslong: '1' },
    ])
    expect(await isendpro.credits()).toBe(99)
  })

  it('12: serves the numbers in order while the credits last', async () => {
    await isendpro.control.patchAccount(KEYID, { credits: 1 })
    const answer = await post('/smsmulti', {
      keyid: KEYID,
      num: [MOBILE, '0601020305'],
      sms: ['Bonjour'],
    })
    expect(answer.json?.etat.etat.map((i: { code: number }) => i.code)).toEqual([0, 12])
    expect(answer.json?.etat.etat[1].message).toBe('Votre crédit de MT est épuisé')
    expect(await isendpro.credits()).toBe(0)
  })

  it('23: refuses 501 numbers — and 10,000 — as a whole, sending nothing', async () => {
    for (const count of [501, 10_000]) {
      const num = Array.from({ length: count }, (_, i) => `06${String(i).padStart(8, '0')}`)
      const answer = await post('/smsmulti', { keyid: KEYID, num, sms: ['Bonjour'] })
      expect(answer.status).toBe(400)
      expect(answer.json?.etat.etat[0]).toEqual({
        code: '23',
        message: 'Le nombre maximum de téléphones par requête est de 500',
      })
    }
    expect(await isendpro.credits()).toBe(100)
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('24: refuses a commercial send at 21:00, and a date_envoi on a Sunday', async () => {
    await isendpro.control.setClock('2026-01-05T21:00:00+01:00')
    expect((await sms()).json?.etat.etat[0]).toEqual({
      code: '24',
      message: "Pas d'envoi commercial entre 20h et 08h, ni les dimanches et jours fériés",
    })
    await isendpro.control.setClock('2026-01-05T10:00:00+01:00')
    expect((await sms({ date_envoi: '2026-01-11 10:00' })).json?.etat.etat[0].code).toBe('24')
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('34: a text longer than one SMS without smslong — the answer asks for the integer', async () => {
    // 149 characters + `\r\nSTOP 36105`: 161, two parts (the mail interface's limit is 141).
    const text = 'x'.repeat(149)
    expect(await item(sms({ sms: text, emetteur: 'MaSociete' }))).toEqual({
      code: 34,
      tel: MOBILE,
      message: 'La valeur de smslong doit être un entier !',
    })
    const [entry] = await isendpro.control.journal()
    expect(entry?.request).toMatchObject({
      notes: [expect.stringContaining('no smslong given: give smslong')],
    })
    expect(await item(sms({ sms: text, emetteur: 'MaSociete', smslong: '999' }))).toMatchObject({
      code: 0,
      smslong: '2',
    })
  })

  it('999: a recipient without a text in /smsmulti (sms[] shorter than num[])', async () => {
    const answer = await post('/smsmulti', {
      keyid: KEYID,
      num: [MOBILE, '0601020305', '0601020306'],
      sms: ['A', 'B'],
    })
    expect(answer.json?.etat.etat.map((i: { code: number }) => i.code)).toEqual([0, 0, 999])
  })

  it('29 and 999 injected by a fault: general error, nothing sent', async () => {
    for (const code of [29, 999]) {
      await isendpro.control.setFaults({ refuse: { code, times: 1 } } as never)
      const answer = await sms()
      expect(answer.status).toBe(400)
      expect(answer.json?.etat.etat[0].code).toBe(String(code))
    }
    expect(await isendpro.control.messages()).toEqual([])
  })
})

describe('iSendPro REST: the rules shared with the mail interface', () => {
  it('sends to the document’s example number 0701020304', async () => {
    expect(await item(sms({ num: '0701020304' }))).toMatchObject({ code: 0, tel: '0701020304' })
  })

  it('appends `STOP 36105` with an emetteur: 148 characters go in one SMS, 149 get 34 without smslong', async () => {
    const text = 'x'.repeat(148)
    expect(await item(sms({ sms: text, emetteur: 'MaSociete' }))).toMatchObject({ code: 0 })
    const [sent] = await isendpro.control.messages()
    expect(sent).toMatchObject({
      from: 'MaSociete',
      text: `${text}\r\n${REST_STOP_MENTION}`,
      segments: 1,
    })
    expect(await item(sms({ sms: `${text}x`, emetteur: 'MaSociete' }))).toMatchObject({ code: 34 })
  })

  it('defers a date_envoi in gmt_zone, debits at once, delivers when the clock reaches it', async () => {
    const answer = await sms({ date_envoi: '2026-01-05 12:00', gmt_zone: 'Europe/Brussels' })
    expect(answer.json?.etat.etat[0].code).toBe(0)
    const [held] = await isendpro.control.messages()
    expect(held).toMatchObject({ status: 'scheduled', scheduledAt: '2026-01-05T11:00:00.000Z' })
    await isendpro.control.advance(2 * HOUR)
    const [sent] = await isendpro.control.messages()
    expect(sent?.status).toBe('delivered')
  })

  it('/setlistenoire blacklists a number for the account: 11 by REST and by mail; /dellistenoire lifts it', async () => {
    const set = await fetch(
      `${isendpro.smsim.url}/isendpro/cgi-bin/setlistenoire?keyid=${KEYID}&setlisteNoire=1&num=${MOBILE}`,
      { method: 'POST' },
    )
    expect(await set.json()).toEqual({ etat: { etat: [{ listeNoire: 'OK', tel: MOBILE }] } })
    expect((await item(sms())).code).toBe(11)
    const { not } = await isendpro.sendAndRead({ to: MOBILE })
    expect(not?.entries[0]?.code).toBe(11)
    const list = await fetch(
      `${isendpro.smsim.url}/isendpro/cgi-bin/getlistenoire?keyid=${KEYID}&getListeNoire=1`,
      { method: 'POST' },
    )
    expect(list.headers.get('content-type')).toBe('application/zip')
    const csv = unzipOne(new Uint8Array(await list.arrayBuffer()))
    expect(csv).toMatchObject({ name: 'listenoire.csv' })
    expect(csv?.content.toString()).toBe(`${MOBILE}\r\n`)
    await fetch(
      `${isendpro.smsim.url}/isendpro/cgi-bin/dellistenoire?keyid=${KEYID}&delListeNoire=1&num=${MOBILE}`,
      { method: 'POST' },
    )
    expect((await item(sms())).code).toBe(0)
  })

  it('a mail and a REST call draw on the same credits', async () => {
    await sms()
    await isendpro.sendAndRead({ to: MOBILE })
    expect(await isendpro.credits()).toBe(98)
  })
})

describe('iSendPro REST: the other operations', () => {
  it('/credit as a GET query (with a stray form Content-Type), a POST form and JSON', async () => {
    const url = `${isendpro.smsim.url}/isendpro/cgi-bin/credit`
    const get = await fetch(`${url}?keyid=${KEYID}&credit=2`, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(await get.json()).toEqual({ etat: { credit: '100.0', quantite: '100' } })
    const form = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `keyid=${KEYID}&credit=1`,
    })
    expect(await form.json()).toEqual({ etat: { credit: '100.0' } })
    expect((await post('/credit', { keyid: KEYID, credit: '2' })).json).toEqual({
      etat: { credit: '100.0', quantite: '100' },
    })
    expect((await post('/credit', { keyid: 'nope', credit: '2' })).json?.etat.etat[0].code).toBe(
      '3',
    )
  })

  it('/comptage counts characters and SMS with the STOP mention, in the schema’s array shape, free', async () => {
    const answer = await post('/comptage', {
      keyid: KEYID,
      comptage: '1',
      num: MOBILE,
      sms: 'x'.repeat(150),
      emetteur: 'MaSociete',
      smslong: '999',
    })
    expect(answer.json).toEqual({
      etat: {
        etat: [
          { nb_caractere: String(150 + 2 + REST_STOP_MENTION.length), nb_sms: '2', tel: MOBILE },
        ],
      },
    })
    expect(await isendpro.credits()).toBe(100)
  })

  it('/hlr names the operator of each number, none for an unassigned one', async () => {
    const answer = await post('/hlr', { keyid: KEYID, getHLR: '1', num: [MOBILE, '0600000010'] })
    expect(answer.json).toEqual({
      etat: {
        etat: [
          { operateur: 'ORAN', tel: MOBILE },
          { operateur: '', tel: '0600000010' },
        ],
      },
    })
  })

  it('/campagne gives the SMS of a period as a zipped CSV', async () => {
    await sms({ tracker: 'suivi1' })
    const response = await fetch(
      `${isendpro.smsim.url}/isendpro/cgi-bin/campagne?keyid=${KEYID}&rapportCampagne=1&date_deb=2026-01-05%2000:00&date_fin=2026-01-06%2000:00`,
    )
    const csv = unzipOne(new Uint8Array(await response.arrayBuffer()))?.content.toString()
    expect(csv?.split('\r\n')[0]).toBe('date;tel;emetteur;message;nb_sms;statut;tracker')
    expect(csv?.split('\r\n')[1]).toMatch(
      new RegExp(`^.*;${MOBILE};36105;Bonjour;1;delivered;suivi1$`),
    )
  })

  it('is served at the real host apirest.isendpro.com/cgi-bin', async () => {
    const response = await rawHttp(isendpro.smsim.url, {
      path: `/cgi-bin/credit?keyid=${KEYID}&credit=1`,
      headers: { host: 'apirest.isendpro.com' },
    })
    expect(response).toMatchObject({ status: 200, body: '{"etat":{"credit":"100.0"}}' })
  })
})

describe('iSendPro REST: the journal', () => {
  it('journals each request with its operation, code and account, the keyid masked', async () => {
    await sms({ emetteur: 'MaSociete' })
    await fetch(`${isendpro.smsim.url}/isendpro/cgi-bin/credit?keyid=${KEYID}&credit=2`)
    const entries = await isendpro.control.journal()
    expect(JSON.stringify(entries)).not.toContain(KEYID)
    expect(entries.map((e) => [e.transport, e.code, e.request.operation])).toEqual(
      expect.arrayContaining([
        ['http', 0, '/sms'],
        ['http', 0, '/credit'],
      ]),
    )
  })
})

describe('iSendPro REST: bad input', () => {
  it('reads the JSON body whatever the Content-Type (none, form, text) and ignores Authorization', async () => {
    const body = JSON.stringify({ keyid: KEYID, num: MOBILE, sms: 'Bonjour' })
    for (const headers of <Record<string, string>[]>[
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'text/plain' },
      { authorization: 'Bearer autre-cle', 'content-type': 'application/json' },
    ])
      expect((await post('/sms', body, headers)).json?.etat.etat[0].code).toBe(0)
  })

  it.each([
    ['malformed JSON', '{"keyid":'],
    ['a JSON list', '[1,2]'],
    ['num as an object', { keyid: KEYID, num: { a: 1 }, sms: 'Bonjour' }],
    ['sms as a boolean', { keyid: KEYID, num: MOBILE, sms: true }],
    ['num[] holding null', { keyid: KEYID, num: [null], sms: 'x' }],
  ])('%s: 400 and Erreur 999, nothing sent, the reason journalled', async (_, body) => {
    const path = _ === 'num[] holding null' ? '/smsmulti' : '/sms'
    const answer = await post(path, body)
    expect(answer.status).toBe(400)
    expect(answer.json?.etat.etat[0].code).toBe('999')
    expect(await isendpro.control.messages()).toEqual([])
    const [entry] = await isendpro.control.journal()
    expect(entry?.request).toHaveProperty('detail')
  })

  it('a body over the server’s 256 KiB cap: 413, nothing sent', async () => {
    const answer = await sms({ sms: 'x'.repeat(300 * 1024) })
    expect(answer.status).toBe(413)
    expect(await isendpro.control.messages()).toEqual([])
  })

  it('a __proto__ key is a name like any other', async () => {
    const answer = await post(
      '/sms',
      `{"__proto__":{"keyid":"x"},"keyid":"${KEYID}","num":"${MOBILE}","sms":"a"}`,
    )
    expect(answer.json?.etat.etat[0].code).toBe(0)
  })

  it('any JSON value in any field: 200 or 400 with etat.etat a list, a debit only for what was sent', async () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.string(),
      fc.constantFrom(MOBILE, '0600000011', KEYID, '999', '1', ''),
      fc.array(fc.constantFrom(MOBILE, '0601020305', 'x'), { maxLength: 3 }),
      fc.jsonValue({ maxDepth: 2 }),
    )
    const fields = fc.record({
      keyid: fc.oneof(fc.constant(KEYID), value),
      num: value,
      sms: value,
      emetteur: value,
      smslong: value,
      date_envoi: value,
      tracker: value,
    })
    await fc.assert(
      fc.asyncProperty(
        fields,
        fc.constantFrom('/sms', '/smsmulti', '/comptage'),
        async (body, path) => {
          await isendpro.control.patchAccount(KEYID, { credits: 100 })
          const before = (await isendpro.control.messages()).length
          const answer = await post(path, body)
          expect([200, 400]).toContain(answer.status)
          expect(Array.isArray(answer.json?.etat.etat)).toBe(true)
          const items = answer.json!.etat.etat as { code?: number; smslong?: string }[]
          const sent = items.filter((i) => i.code === 0)
          const added = (await isendpro.control.messages()).length - before
          expect(added).toBe(path === '/comptage' ? 0 : sent.length)
          const parts = sent.reduce((n, i) => n + Number(i.smslong ?? 0), 0)
          expect(await isendpro.credits()).toBe(100 - (path === '/comptage' ? 0 : parts))
        },
      ),
      { numRuns: 60 },
    )
  })

  it('a GET on /sms: 405 with Allow', async () => {
    const response = await fetch(`${isendpro.smsim.url}/isendpro/cgi-bin/sms`)
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('POST')
  })
})
