/**
 * What real JSON clients send, accepted as they send it (research §3.4): any Content-Type or
 * none, a trailing newline, booleans as strings, ISO 8601 deferred times, method names in any
 * case, `UserKey` for `UserName`, and the bodies of real clients kept as fixtures in
 * `simulators/aspsms/fixtures/json-*.json`.
 *
 * @see shared/research/aspsms.md — §3.4 "Request-side quirks seen in real clients"
 * @see shared/research/aspsms-clients.md — "JSON (`POST /<Method>`)"
 */
import { describe, expect, it } from 'vitest'
import {
  ACCOUNT,
  CREDENTIALS,
  fixture,
  MINUTE,
  MOBILE,
  MOBILE_E164,
  rawHttp,
  SEND,
  UNASSIGNED,
  useAspsmsJson,
} from './helpers.ts'

const OK = { StatusCode: '1', StatusInfo: 'OK' }

describe('JSON request quirks over real HTTP', () => {
  const aspsms = useAspsmsJson('standalone')

  describe('the body is JSON whatever the Content-Type says', () => {
    it.each([
      ['application/json'],
      ['application/json; charset=UTF-8'],
      ['text/json'],
      ['application/x-www-form-urlencoded; charset=UTF-8'],
      ['text/plain'],
      [null],
    ])('reads a body sent as %s', async (contentType) => {
      const answer = await aspsms.post(
        'SendTextSMS',
        { ...SEND, MessageText: 'Grüezi' },
        {
          contentType,
        },
      )
      expect(answer.json).toEqual(OK)
      expect((await aspsms.messages())[0]?.text).toBe('Grüezi')
    })

    it('reads windows-1252 bytes, as C# WebClient.UploadString writes them by default', async () => {
      const body = Buffer.from(JSON.stringify({ ...SEND, MessageText: 'Grüezi' }), 'latin1')
      expect((await aspsms.post('SendTextSMS', body, { contentType: null })).json).toEqual(OK)
      expect((await aspsms.messages())[0]?.text).toBe('Grüezi')
    })

    it('skips a UTF-8 byte order mark', async () => {
      const body = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(JSON.stringify(SEND)),
      ])
      expect((await aspsms.post('SendTextSMS', body)).json).toEqual(OK)
    })

    it('reads the JSON jQuery posts as a form (JSONDOC’s example client)', async () => {
      const answer = await aspsms.post('CheckCredits', fixture('json-jquery-check-credits.json'), {
        contentType: 'application/x-www-form-urlencoded; charset=UTF-8',
      })
      expect(answer.json).toEqual({ Credits: '100', ...OK })
    })
  })

  describe('mod-aspsms', () => {
    it('takes its template with every key, a `text/json` Content-Type and the `\\n` after the body, and sends the text as it came', async () => {
      const body = fixture('json-mod-aspsms-send-text.json')
      expect(body.at(-1)).toBe(0x0a)
      const answer = await aspsms.post('SendTextSMS', body, { contentType: 'text/json' })
      expect(answer.json).toEqual(OK)
      const [sms] = await aspsms.messages()
      // Its pre-escaping reaches the phone: the simulator shows it rather than repair it.
      expect(sms).toMatchObject({
        to: MOBILE_E164,
        from: 'ESF Tignes',
        text: 'Gr&#252;ezi &#38; &#60;Test&#62;',
        class: 'normal',
      })
      expect(sms?.scheduledAt).toBeUndefined()
    })

    it('answers 400 when a "€" makes its Content-Length (the JS string length) short and cuts the JSON', async () => {
      const text = `${JSON.stringify({ ...SEND, MessageText: 'Prix: 5 €' })}\n`
      const answer = await rawHttp(aspsms.origin, {
        path: '/aspsms/json/SendTextSMS',
        headers: { 'content-type': 'text/json', 'content-length': String(text.length) },
        body: Buffer.from(text),
      })
      expect(answer.status).toBe(400)
      expect(JSON.parse(answer.body).Message).toMatch(/must be a JSON object.*it is not JSON/)
      expect(await aspsms.messages()).toEqual([])
    })

    it('answers StatusCode "8" to its template with every key empty', async () => {
      const answer = await aspsms.post('SendTextSMS', fixture('json-mod-aspsms-empty.json'), {
        contentType: 'text/json',
      })
      expect(answer.json).toEqual({
        StatusCode: '8',
        StatusInfo: 'Invalid UserKey. Please check the spelling of the UserKey.',
      })
    })
  })

  it('takes Seq.App.aspsms’s body: no Content-Type, "now" in ISO 8601 with milliseconds, "False", nulls', async () => {
    const answer = await aspsms.post('SendTextSMS', fixture('json-seq-send-text.json'), {
      contentType: null,
    })
    expect(answer.json).toEqual(OK)
    const messages = await aspsms.messages()
    expect(messages.map((m) => [m.to, m.status, m.class])).toEqual([
      ['+41791234567', 'delivered', 'normal'],
      ['+41761234567', 'delivered', 'normal'],
    ])
  })

  it('takes hitobito’s "number:id" recipients and answers its inquiry in the shape of its fixture', async () => {
    const sent = await aspsms.post('SendSimpleTextSMS', fixture('json-hitobito-send-simple.json'), {
      contentType: null,
    })
    expect(sent.json).toEqual(OK)
    const answer = await aspsms.post(
      'InquireDeliveryNotifications',
      fixture('json-hitobito-inquire.json'),
      {
        contentType: null,
      },
    )
    const expected = JSON.parse(fixture('json-hitobito-inquire-reply.json').toString()) as {
      DeliveryNotifications: Record<string, string>[]
    }
    // The same keys in the same order, at the top and in each record.
    expect(Object.keys(answer.json)).toEqual(Object.keys(expected))
    const records = answer.json.DeliveryNotifications as Record<string, string>[]
    for (const record of records)
      expect(Object.keys(record)).toEqual(Object.keys(expected.DeliveryNotifications[0]!))
    expect(answer.json).toMatchObject({ StatusCode: '0', StatusInfo: 'OK' })
    expect(records).toEqual([
      {
        TransactionReferenceNumber: '4242',
        DeliveryStatus: '0',
        DeliveryStatusDescription: 'Delivered',
        SubmissionDate: '2026-01-05T08:00:00Z',
        NotificationDate: '2026-01-05T08:00:00Z',
        Reasoncode: '000',
        ReasoncodeDescription: '',
      },
      {
        TransactionReferenceNumber: '4243',
        DeliveryStatus: '2',
        DeliveryStatusDescription: 'Not Delivered',
        SubmissionDate: '2026-01-05T08:00:00Z',
        NotificationDate: '2026-01-05T08:00:00Z',
        Reasoncode: '101',
        ReasoncodeDescription: 'Unknown subscriber',
      },
    ])
    expect((await aspsms.messages({ to: UNASSIGNED }))[0]?.meta).toMatchObject({
      trn: '4243',
      affiliateId: '259956',
    })
  })

  it('writes a record not yet submitted as the fixture does: status -1, Reasoncode ":"', async () => {
    await aspsms.post('SendTextSMS', {
      ...SEND,
      Recipients: [`${MOBILE}:77`],
      DeferredDeliveryTime: '2026-01-06T08:00:00Z',
    })
    const answer = await aspsms.post('InquireDeliveryNotifications', {
      ...CREDENTIALS,
      TransactionReferenceNumbers: ['77'],
    })
    expect(answer.json.DeliveryNotifications).toEqual([
      {
        TransactionReferenceNumber: '77',
        DeliveryStatus: '-1',
        DeliveryStatusDescription: 'Not yet submitted or rejected',
        SubmissionDate: '',
        NotificationDate: '',
        Reasoncode: ':',
        ReasoncodeDescription: '',
      },
    ])
  })

  it.each([
    ['True', 'flash'],
    [true, 'flash'],
    ['1', 'flash'],
    ['False', 'normal'],
    [false, 'normal'],
    ['', 'normal'],
  ])('reads FlashingSMS %j as a %s SMS', async (flashing, expected) => {
    expect((await aspsms.post('SendTextSMS', { ...SEND, FlashingSMS: flashing })).json).toEqual(OK)
    expect((await aspsms.messages())[0]?.class).toBe(expected)
  })

  it.each([
    ['2026-01-05T10:00:00Z', '', '2026-01-05T10:00:00.000Z'],
    ['2026-01-05T10:00:00.000Z', '', '2026-01-05T10:00:00.000Z'],
    ['2026-01-05T12:00:00+02:00', '', '2026-01-05T10:00:00.000Z'],
    ['05012026110000', '', '2026-01-05T10:00:00.000Z'],
    ['05012026130000', '2', '2026-01-05T10:00:00.000Z'],
  ])(
    'schedules DeferredDeliveryTime %s (TimeZone "%s") for %s and delivers it then',
    async (deferred, timeZone, at) => {
      const answer = await aspsms.post('SendTextSMS', {
        ...SEND,
        DeferredDeliveryTime: deferred,
        TimeZone: timeZone,
      })
      expect(answer.json).toEqual(OK)
      expect((await aspsms.messages())[0]).toMatchObject({ status: 'scheduled', scheduledAt: at })
      await aspsms.advance(120 * MINUTE)
      expect((await aspsms.messages())[0]).toMatchObject({ status: 'delivered', deliveredAt: at })
    },
  )

  it('sends at once a DeferredDeliveryTime already past', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, DeferredDeliveryTime: '2026-01-05T07:00:00Z' })
    expect((await aspsms.messages())[0]?.status).toBe('delivered')
  })

  it.each(['sendSimpleTextSMS', 'SENDTEXTSMS', 'sendtextsms/', 'checkcredits'])(
    'answers the method name %s in any case',
    async (method) => {
      expect((await aspsms.post(method, SEND)).json).toMatchObject(OK)
    },
  )

  it('answers at the real host name, json.aspsms.com, at /<Method>', async () => {
    const answer = await rawHttp(aspsms.origin, {
      path: '/CheckCredits',
      headers: { host: 'json.aspsms.com', 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(CREDENTIALS)),
    })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toEqual({ Credits: '100', ...OK })
  })

  it.each([
    ['UserKey', { UserKey: ACCOUNT.id, Password: ACCOUNT.secret }],
    ['Username', { Username: ACCOUNT.id, Password: ACCOUNT.secret }],
    ['USERNAME and password', { USERNAME: ACCOUNT.id, password: ACCOUNT.secret }],
  ])('takes the credentials as %s', async (_name, credentials) => {
    expect((await aspsms.post('CheckCredits', credentials)).json).toEqual({
      Credits: '100',
      ...OK,
    })
  })

  it.each(['AffiliateID', 'AffiliateId'])('keeps the affiliate given as %s', async (key) => {
    await aspsms.post('SendTextSMS', { ...SEND, [key]: '208355' })
    expect((await aspsms.messages())[0]?.meta.affiliateId).toBe('208355')
  })

  it('takes Recipients as one ";"-separated string too', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, Recipients: `${MOBILE}:1;+41761234567:2` })
    expect((await aspsms.messages()).map((m) => [m.to, m.meta.trn])).toEqual([
      [MOBILE_E164, '1'],
      ['+41761234567', '2'],
    ])
  })

  it('takes a recipient as a JSON number', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, Recipients: [41791234567] })
    expect((await aspsms.messages())[0]?.to).toBe(MOBILE_E164)
  })

  it('takes UnlockCode for OriginatorUnlockCode', async () => {
    const originator = { ...CREDENTIALS, Originator: MOBILE_E164 }
    await aspsms.post('SendOriginatorUnlockCode', originator)
    const code = /(\d{8})/.exec((await aspsms.messages())[0]!.text)![1]
    expect(
      (await aspsms.post('UnlockOriginator', { ...originator, UnlockCode: code })).json,
    ).toEqual(OK)
  })

  it('replaces what GSM 7-bit cannot carry by "?" with ForceGSM7bit, and sends UCS-2 without it', async () => {
    await aspsms.post('SendTextSMS', { ...SEND, MessageText: 'Bon appétit ☃', ForceGSM7bit: true })
    await aspsms.post('SendTextSMS', { ...SEND, MessageText: 'Bon appétit ☃', ForceGSM7bit: false })
    expect((await aspsms.messages()).map((m) => [m.text, m.encoding])).toEqual([
      ['Bon appétit ?', 'gsm7'],
      ['Bon appétit ☃', 'ucs2'],
    ])
  })

  it('ignores keys it does not know', async () => {
    expect(
      (await aspsms.post('SendTextSMS', { ...SEND, Priority: 'high', Foo: [1] })).json,
    ).toEqual(OK)
  })
})
