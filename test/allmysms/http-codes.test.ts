/**
 * Every status code of allmysms's HTTP API 9.0, produced by an HTTP request to a started smsim
 * (the input that produces it at allmysms, README "HTTP API 9.0"), and the answer's shape and
 * quirks on the wire: JSON as `text/html`, `status` a JSON number, counts as strings,
 * `invalidNumbers` `|`-separated, nothing sent nor debited for a refused request.
 *
 * @see shared/research/french-providers.md — §B.1.1 "Status codes (v9.0)", "Responses"
 */
import { describe, expect, it } from 'vitest'
import type { AllmysmsHttpSendInput } from '../../client/allmysms/http.ts'
import { ALLMYSMS_HTTP_CODES, type AllmysmsHttpCode } from '../../simulators/allmysms/codes.ts'
import { MAX_RECIPIENTS } from '../../simulators/allmysms/wire.ts'
import { ACCOUNT, useAllmysmsHttp, type AllmysmsHttpTarget } from './http-helpers.ts'

const MOBILE = '0612121515'
const LANDLINE = '0145454545'

interface Row {
  /** A send through the reference client… */
  send?: AllmysmsHttpSendInput
  /** …or fields posted by hand to sendSms/ (login and apiKey added unless given). */
  fields?: Record<string, string>
  setup?: (ams: AllmysmsHttpTarget) => Promise<unknown>
  /** Whether SMS are sent (100, 101, 113). */
  sends?: boolean
}

const data = (fields: Record<string, unknown>) =>
  JSON.stringify({ DATA: { MESSAGE: 'Bonjour', SMS: [{ MOBILEPHONE: MOBILE }], ...fields } })

/** The request that produces each code. */
const ROWS: Record<AllmysmsHttpCode, Row> = {
  100: { send: { message: 'Bonjour', recipients: [MOBILE] }, sends: true },
  101: {
    send: { message: 'Bonjour', recipients: [MOBILE], date: '2026-01-06 10:00:00' },
    sends: true,
  },
  102: { fields: { apiKey: 'faux', smsData: data({}) } },
  103: {
    send: { message: 'Bonjour', recipients: [MOBILE] },
    setup: (a) => a.patchAccount({ credits: 0 }),
  },
  104: {
    send: { message: 'Bonjour', recipients: [MOBILE, '0612121516'] },
    setup: (a) => a.patchAccount({ credits: 1 }),
  },
  105: { fields: {} },
  106: { fields: { smsData: '{"DATA":{"MESSAGE":"Bonjour"' } },
  107: { fields: { smsData: JSON.stringify({ DATA: { MESSAGE: 'Bonjour' } }) } },
  108: { fields: { smsData: data({ CLIENT: 'AUTRE' }) } },
  109: { fields: { smsData: JSON.stringify({ DATA: { SMS: [{ MOBILEPHONE: MOBILE }] } }) } },
  110: { send: { message: ' ', recipients: [MOBILE] } },
  111: { send: { message: 'x'.repeat(641), recipients: [MOBILE] } },
  112: { fields: { smsData: data({ DYNAMIC: 'deux' }) } },
  113: { send: { message: 'Bonjour', recipients: [MOBILE, LANDLINE] }, sends: true },
  114: { send: { message: 'Bonjour', recipients: [LANDLINE] } },
  115: { send: { message: 'Bonjour', recipients: [MOBILE], date: '31/02/2026 10:00' } },
  117: {
    send: {
      message: `Voir https://example.com/${'a'.repeat(80)}`,
      recipients: [MOBILE],
      tracking: true,
    },
  },
  118: { send: { message: 'Bonjour', recipients: [MOBILE], masterAccount: 'inconnu' } },
}

describe('allmysms HTTP API 9.0 codes through a started smsim', () => {
  const ams = useAllmysmsHttp()

  it.each(ALLMYSMS_HTTP_CODES.map((c) => [c.code, c.text] as const))(
    'answers %s (%s) to the input that produces it',
    async (code) => {
      const row = ROWS[code]
      await row.setup?.(ams)
      const before = await ams.snapshot()
      const answer = row.send
        ? await ams.post('sendSms/', { smsData: ams.client().smsData(row.send) })
        : await ams.post('sendSms/', row.fields!)
      expect(answer.status).toBe(200)
      expect(answer.contentType).toMatch(/^text\/html/)
      expect(answer.json).toMatchObject({ status: code })
      expect(answer.json!.statusText).toEqual(expect.any(String))
      const [entry] = (await ams.journal()).slice(-1)
      expect(entry).toMatchObject({ code, transport: 'http' })
      if (row.sends) {
        expect((await ams.messages()).length).toBeGreaterThan(0)
        return
      }
      expect(Object.keys(answer.json!)).toEqual(['status', 'statusText'])
      expect(await ams.snapshot()).toEqual(before)
    },
  )

  it('answers a send with the public shape: status a number, counts strings, smsIds per phone', async () => {
    const answer = await ams.post('sendSms', {
      smsData: JSON.stringify({
        DATA: {
          MESSAGE: 'Bonjour',
          SMS: [{ MOBILEPHONE: MOBILE }, { MOBILEPHONE: '+33612121516' }],
        },
      }),
    })
    expect(answer.json).toEqual({
      status: 100,
      statusText: 'Le message a été envoyé',
      invalidNumbers: '',
      campaignId: 'ap_0000000001',
      credits: '98',
      creditsUsed: '2',
      nbContacts: '2',
      nbSms: '2',
      smsIds: [
        { phoneNumber: '33612121515', smsId: expect.any(String) },
        { phoneNumber: '33612121516', smsId: expect.any(String) },
      ],
    })
    // PHP's json_encode: non-ASCII escaped.
    expect(answer.text).toContain('envoy\\u00e9')
  })

  it('leaves blacklisted numbers out of smsIds, lists them in invalidNumbers with the invalid ones, and in getBlacklist', async () => {
    const result = await ams
      .client()
      .send({ message: 'Bonjour', recipients: [MOBILE, '0600000011', LANDLINE, '0612121516'] })
    expect(result).toMatchObject({
      code: 113,
      invalidNumbers: [LANDLINE, '0600000011'],
      nbContacts: 2,
      creditsUsed: 2,
    })
    expect(result.smsIds.map((s) => s.phoneNumber)).toEqual(['33612121515', '33612121516'])
    expect(await ams.client().getBlacklist()).toEqual([
      { phoneNumber: '33600000011', comment: 'stop', receptionDate: '2026-01-05 09:00:00' },
    ])
    const only = await ams.client().send({ message: 'Bonjour', recipients: ['0600000011'] })
    expect(only.code).toBe(114)
  })

  it('refuses 10,000 recipients whole with 107 (1001 in a stream), a body over the server limit with 413, without a crash', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `06${String(12_000_000 + i)}`)
    const simple = await ams.client().sendSimple({ message: 'Bonjour', mobiles: many })
    expect(simple).toMatchObject({
      code: 107,
      statusText: 'Flux XML invalide ou incomplet après la balise <SMS>',
    })
    const stream = await ams
      .client()
      .send({ message: 'Bonjour', recipients: many.slice(0, MAX_RECIPIENTS + 1) })
    expect(stream.code).toBe(107)
    // 10,000 entries of JSON weigh more than the server's body limit (server/limits.ts).
    const tooBig = await ams.client().send({ message: 'Bonjour', recipients: many })
    expect(tooBig.httpStatus).toBe(413)
    const huge = await ams.post('sendSms', { smsData: data({ MESSAGE: 'x'.repeat(300_000) }) })
    expect(huge.status).toBe(413)
    expect(await ams.snapshot()).toEqual({ credits: 100, messages: [] })
  })

  it.each([
    ['SMS a string', JSON.stringify({ DATA: { MESSAGE: 'Bonjour', SMS: MOBILE } }), 107],
    [
      'an SMS entry without MOBILEPHONE',
      JSON.stringify({ DATA: { MESSAGE: 'Bonjour', SMS: [{}] } }),
      107,
    ],
    [
      'MESSAGE an object',
      JSON.stringify({ DATA: { MESSAGE: {}, SMS: [{ MOBILEPHONE: MOBILE }] } }),
      109,
    ],
    ['FLASH "yes"', data({ FLASH: 'yes' }), 112],
    ['TPOA a list', data({ TPOA: ['A'] }), 112],
    ['DATA a list', JSON.stringify({ DATA: [] }), 106],
    ['a JSON array', '[1,2]', 106],
    ['XML not closed', '<DATA><MESSAGE>Bonjour</MESSAGE><SMS>', 106],
    ['plain text', 'Bonjour', 106],
  ])('answers smsData with %s with its code, changing nothing', async (_what, smsData, code) => {
    const answer = await ams.post('sendSms/', { smsData })
    expect(answer.json).toMatchObject({ status: code })
    expect(await ams.snapshot()).toEqual({ credits: 100, messages: [] })
  })

  it('authenticates every read with login and apiKey (102), and answers JSON without returnformat', async () => {
    for (const op of ['getInfo/', 'getAcks/', 'getAckBySmsId/', 'getBlacklist/'])
      expect((await ams.post(op, { apiKey: 'faux' })).json).toEqual({
        status: 102,
        statusText:
          'Problème de connexion – Aucun compte ne correspond aux clientcode et passcode spécifiés',
      })
    expect((await ams.post('getInfo', {})).json).toMatchObject({
      status: 'Active Account',
      credits: '100',
    })
  })

  it('shares the account with Mail2SMS: credits, phones; getBlacklist lists a mail SMS refused by STOP', async () => {
    await ams.smsim.sendMail({
      from: 'ecole@example.fr',
      to: 'mail2sms@allmysms.com',
      subject: `${ACCOUNT.login}@${ACCOUNT.apiKey}|0600000011`,
      text: 'Bonjour',
    })
    const sent = await ams.client().send({ message: 'Bonjour', recipients: [MOBILE] })
    expect(sent.credits).toBe(98)
    expect((await ams.messages()).map((m) => m.transport)).toEqual(['mail', 'http'])
    expect((await ams.client().getBlacklist()).map((e) => e.phoneNumber)).toEqual(['33600000011'])
    // The number the mail found on the STOP list is not sent to by HTTP either.
    expect((await ams.client().send({ message: 'Bonjour', recipients: ['0600000011'] })).code).toBe(
      114,
    )
  })
})

describe('allmysms HTTP API 9.0 delivery reports from the number’s state', () => {
  const ams = useAllmysmsHttp()

  it('answers getAcks and getAckBySmsId with statut 1, 3, 4, 5 and 2, moving with the clock', async () => {
    const numbers = [MOBILE, '0600000010', '0600000017', '0600000013', '0600000016']
    const sent = await ams
      .client()
      .send({ message: 'Bonjour', recipients: numbers, cliMsgId: 'ref-42' })
    const statuts = async () =>
      (await ams.client().getAcks(sent.campaignId!)).acks.map((a) => [a.phoneNumber, a.statut])
    expect(await statuts()).toEqual([
      ['33612121515', '1'],
      ['33600000010', '5'],
      ['33600000017', '4'],
      ['33600000013', '3'],
      ['33600000016', '2'],
    ])
    expect((await ams.client().getAcks(sent.campaignId!)).raw.cliMsgId).toBe('ref-42')
    await ams.advance(10 * 60_000)
    expect((await statuts())[3]).toEqual(['33600000013', '1'])
    const one = await ams.client().getAckBySmsId(sent.smsIds[1]!.smsId)
    expect(one).toMatchObject({
      statut: '5',
      phoneNumber: '33600000010',
      campaignId: sent.campaignId,
    })
    expect(await ams.client().getAckBySmsId('nope')).toMatchObject({ statut: '0' })
    expect((await ams.client().getAcks('ap_9999999999')).acks).toEqual([])
  })

  it('holds a DATE in the future (Paris time) as scheduled, acked 3, sent when the clock reaches it', async () => {
    const sent = await ams
      .client()
      .send({ message: 'Bonjour', recipients: [MOBILE], date: '2026-01-05 10:00:00' })
    expect(sent.code).toBe(101)
    expect(await ams.messages()).toMatchObject([
      { status: 'scheduled', scheduledAt: '2026-01-05T09:00:00.000Z' },
    ])
    expect((await ams.client().getAcks(sent.campaignId!)).acks[0]!.statut).toBe('3')
    await ams.advance(3_600_000)
    expect(await ams.messages()).toMatchObject([{ status: 'delivered' }])
  })

  it('keeps the blacklist the account’s: a number met on the STOP list by HTTP is skipped by Mail2SMS and HTTP, even once its state is restored', async () => {
    await ams.setNumber('0612121599', { status: 'blacklisted' })
    const first = await ams
      .client()
      .send({ message: 'Bonjour', recipients: ['0612121599', MOBILE] })
    expect(first).toMatchObject({ code: 100, invalidNumbers: ['0612121599'] })
    await ams.setNumber('0612121599', { status: 'ok' })
    await ams.smsim.sendMail({
      from: 'ecole@example.fr',
      to: 'mail2sms@allmysms.com',
      subject: `${ACCOUNT.login}@${ACCOUNT.apiKey}|0612121599;${MOBILE}`,
      text: 'Bonjour',
    })
    expect((await ams.messages()).map((m) => m.to)).toEqual(['+33612121515', '+33612121515'])
    const [mail] = (await ams.journal()).filter((e) => e.transport !== 'http')
    expect(mail).toMatchObject({ code: 100, request: { invalidNumbers: ['0612121599'] } })
    expect((await ams.client().send({ message: 'Bonjour', recipients: ['0612121599'] })).code).toBe(
      114,
    )
    expect((await ams.account()).credits).toBe(98)
  })

  it('cancels what of a deferred campaign is not sent yet with deleteCampaign, and gives the credits back', async () => {
    const client = ams.client()
    const later = await client.send({
      message: 'Rappel',
      recipients: [MOBILE, '0612121516'],
      date: '2026-01-05 12:00:00',
    })
    expect((await ams.account()).credits).toBe(98)
    expect((await client.deleteCampaign(later.campaignId!)).raw).toEqual({ status: 'OK' })
    expect(await ams.messages()).toMatchObject([
      { status: 'failed', reason: 'cancelled' },
      { status: 'failed', reason: 'cancelled' },
    ])
    expect((await ams.account()).credits).toBe(100)
    await ams.advance(4 * 3_600_000)
    expect((await ams.messages()).map((m) => m.status)).toEqual(['failed', 'failed'])
    expect((await client.deleteCampaign(later.campaignId!)).status).toBe('KO')
    expect((await client.deleteCampaign('ap_9999999999')).status).toBe('KO')
    expect((await ams.post('deleteCampaign/', { apiKey: 'faux', campId: 'x' })).json).toMatchObject(
      {
        status: 102,
      },
    )
  })
})
