/**
 * One result shape across transports: the same scenario through the JSON client and through
 * the SOAP (1.1 and 1.2), ASMX HTTP (POST and GET) and XML clients of `client/aspsms/`, against
 * the standalone server, gives the same results (STYLE.md §21: one suite, every
 * implementation). Only `statusText` keeps each interface's own spelling (`OK` or XML's `Ok`).
 *
 * @see client/aspsms/common.ts — AspsmsResult
 */
import { describe, expect, it } from 'vitest'
import { AspsmsHttpClient } from '../../../client/aspsms/http.ts'
import { AspsmsJsonClient } from '../../../client/aspsms/json.ts'
import { AspsmsSoapClient } from '../../../client/aspsms/soap.ts'
import { AspsmsXmlClient } from '../../../client/aspsms/xml.ts'
import type {
  AspsmsClient,
  AspsmsClientOptions,
  AspsmsCommonClient,
} from '../../../client/aspsms/common.ts'
import { ACCOUNT, MINUTE, MOBILE, MOBILE_E164, UNASSIGNED, useAspsmsJson } from '../json/helpers.ts'

type Make = (origin: string, options: AspsmsClientOptions) => AspsmsCommonClient

const asmx = (origin: string) => `${origin}/aspsms/aspsmsx2.asmx`

const CLIENTS: { name: string; make: Make; tokens: boolean }[] = [
  {
    name: 'JSON',
    make: (origin, o) => new AspsmsJsonClient({ ...o, baseUrl: `${origin}/aspsms/json` }),
    tokens: true,
  },
  {
    name: 'SOAP 1.1',
    make: (origin, o) => new AspsmsSoapClient({ ...o, baseUrl: asmx(origin) }),
    tokens: true,
  },
  {
    name: 'SOAP 1.2',
    make: (origin, o) => new AspsmsSoapClient({ ...o, baseUrl: asmx(origin), soapVersion: '1.2' }),
    tokens: true,
  },
  {
    name: 'HTTP POST',
    make: (origin, o) => new AspsmsHttpClient({ ...o, baseUrl: asmx(origin) }),
    tokens: true,
  },
  {
    name: 'HTTP GET',
    make: (origin, o) => new AspsmsHttpClient({ ...o, baseUrl: asmx(origin), method: 'GET' }),
    tokens: true,
  },
  {
    name: 'XML',
    make: (origin, o) => new AspsmsXmlClient({ ...o, baseUrl: `${origin}/aspsms/xmlsvr.asp` }),
    tokens: false,
  },
]

describe.each(CLIENTS)('the $name client', ({ make, tokens }) => {
  const aspsms = useAspsmsJson('standalone')
  const client = (options: Partial<AspsmsClientOptions> = {}) =>
    make(aspsms.origin, {
      userKey: ACCOUNT.id,
      password: ACCOUNT.secret,
      timeoutMs: 5000,
      ...options,
    })

  it('reads the balance', async () => {
    const result = await client().checkCredits()
    expect(result).toMatchObject({ ok: true, status: 1, credits: 100, httpStatus: 200 })
    expect(result.statusText).toMatch(/^ok$/i)
  })

  it('sends a text with a TRN, the phone gets it as written, and reads the records back', async () => {
    const c = client()
    const text = 'Grüezi & <Test>'
    expect((await c.sendText({ recipients: [{ number: MOBILE, trn: 't1' }], text })).status).toBe(1)
    expect((await c.sendText({ recipients: [{ number: UNASSIGNED, trn: 'u1' }], text })).ok).toBe(
      true,
    )
    expect((await aspsms.messages()).map((m) => [m.to, m.text, m.status])).toEqual([
      [MOBILE_E164, text, 'delivered'],
      [UNASSIGNED, text, 'failed'],
    ])
    const inquiry = await c.inquireDeliveryNotifications(['t1', 'u1', 'never-sent'])
    expect(inquiry).toMatchObject({ ok: true, status: 1 })
    expect(inquiry.records).toEqual([
      {
        trn: 't1',
        status: 0,
        statusText: 'Delivered',
        submittedAt: '2026-01-05T08:00:00Z',
        notifiedAt: '2026-01-05T08:00:00Z',
        reason: 0,
      },
      {
        trn: 'u1',
        status: 2,
        statusText: 'Not Delivered',
        submittedAt: '2026-01-05T08:00:00Z',
        notifiedAt: '2026-01-05T08:00:00Z',
        reason: 101,
        reasonText: 'Unknown subscriber',
      },
    ])
  })

  it('sends Unicode as UCS-2', async () => {
    expect((await client().sendUnicode({ recipients: MOBILE, text: 'Привет ☃' })).ok).toBe(true)
    expect((await aspsms.messages())[0]).toMatchObject({ text: 'Привет ☃', encoding: 'ucs2' })
  })

  it('sends later: a Date is written in the interface’s own format and read back as the same instant', async () => {
    const at = new Date('2026-01-05T10:15:00Z')
    expect((await client().sendText({ recipients: MOBILE, text: 'Later', deferred: at })).ok).toBe(
      true,
    )
    expect((await aspsms.messages())[0]).toMatchObject({
      status: 'scheduled',
      scheduledAt: at.toISOString(),
    })
    await aspsms.advance(135 * MINUTE)
    expect((await aspsms.messages())[0]?.status).toBe('delivered')
  })

  it('reports bad credentials as status 3, not as an exception', async () => {
    expect(await client({ password: 'wrong' }).checkCredits()).toMatchObject({
      ok: false,
      status: 3,
    })
  })

  it('unlocks a numeric originator', async () => {
    const c = client()
    expect(await c.checkOriginatorAuthorization(MOBILE_E164)).toMatchObject({
      status: 30,
      authorized: false,
    })
    expect((await c.sendOriginatorUnlockCode(MOBILE_E164)).status).toBe(1)
    const code = /(\d{8})/.exec((await aspsms.messages())[0]!.text)![1]!
    expect((await c.unlockOriginator(MOBILE_E164, code)).status).toBe(1)
    expect(await c.checkOriginatorAuthorization(MOBILE_E164)).toMatchObject({
      ok: true,
      status: 31,
      authorized: true,
    })
  })

  it.runIf(tokens)('sends a security token and verifies it', async () => {
    const c = client() as AspsmsClient
    const sent = await c.sendToken({ recipients: MOBILE, reference: 'x', verificationCode: '9876' })
    expect(sent.status).toBe(1)
    const verify = { phoneNumber: MOBILE, reference: 'x', code: '9876' }
    expect((await c.verifyToken(verify)).status).toBe(1)
    expect((await c.verifyToken(verify)).status).toBe(39)
  })
})
