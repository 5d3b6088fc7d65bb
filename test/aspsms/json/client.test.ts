/**
 * The reference JSON client (`client/aspsms/json.ts`) against the simulator, through real HTTP
 * and through msw: every typed call, its common result shape, and what it does with answers
 * that are not ASPSMS's.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AspsmsJsonClient } from '../../../client/aspsms/json.ts'
import { ACCOUNT, IMPLEMENTATIONS, MINUTE, MOBILE, MOBILE_E164, useAspsmsJson } from './helpers.ts'

describe.each(IMPLEMENTATIONS)('AspsmsJsonClient through $name', ({ kind }) => {
  const aspsms = useAspsmsJson(kind)

  it('sends with a TRN and reads the delivery record back, parsed', async () => {
    const client = aspsms.client()
    const sent = await client.sendText({
      recipients: [{ number: MOBILE, trn: 'a1' }],
      text: 'Grüezi',
      originator: 'ESF',
    })
    expect(sent).toMatchObject({ ok: true, status: 1, statusText: 'OK', transport: 'json' })
    const inquiry = await client.inquireDeliveryNotifications(['a1', 'unknown'])
    expect(inquiry).toMatchObject({ ok: true, status: 1, httpStatus: 200 })
    expect(inquiry.records).toEqual([
      {
        trn: 'a1',
        status: 0,
        statusText: 'Delivered',
        submittedAt: '2026-01-05T08:00:00Z',
        notifiedAt: '2026-01-05T08:00:00Z',
        reason: 0,
      },
    ])
  })

  it('sends later with a Date, written as ISO 8601', async () => {
    const client = aspsms.client()
    const at = new Date('2026-01-05T09:30:00Z')
    expect((await client.sendText({ recipients: MOBILE, text: 'Later', deferred: at })).ok).toBe(
      true,
    )
    expect((await aspsms.messages())[0]?.scheduledAt).toBe(at.toISOString())
    await aspsms.advance(90 * MINUTE)
    expect((await aspsms.messages())[0]?.status).toBe('delivered')
  })

  it('sends Unicode, simple text, and reads the balance as a number', async () => {
    const client = aspsms.client()
    expect((await client.sendUnicode({ recipients: MOBILE, text: 'Hi' })).status).toBe(1)
    expect((await client.sendSimpleText({ recipients: [MOBILE], text: 'Hi' })).status).toBe(1)
    expect(await client.checkCredits()).toMatchObject({ ok: true, status: 1, credits: 98 })
    expect((await aspsms.messages()).map((m) => m.encoding)).toEqual(['ucs2', 'gsm7'])
  })

  it('unlocks an originator and says it is authorized', async () => {
    const client = aspsms.client()
    expect(await client.checkOriginatorAuthorization(MOBILE_E164)).toMatchObject({
      ok: true,
      status: 30,
      authorized: false,
    })
    expect((await client.sendOriginatorUnlockCode(MOBILE_E164)).ok).toBe(true)
    const code = /(\d{8})/.exec((await aspsms.messages())[0]!.text)![1]!
    expect((await client.unlockOriginator(MOBILE_E164, code)).ok).toBe(true)
    expect(await client.checkOriginatorAuthorization(MOBILE_E164)).toMatchObject({
      status: 31,
      statusText: 'Originator already authorized',
      authorized: true,
    })
  })

  it('sends a token and verifies it', async () => {
    const client = aspsms.client()
    const sent = await client.sendToken({
      recipients: MOBILE,
      reference: 'r',
      verificationCode: 'ab12',
      caseSensitive: false,
    })
    expect(sent.ok).toBe(true)
    expect(
      (await client.verifyToken({ phoneNumber: MOBILE, reference: 'r', code: 'AB12' })).status,
    ).toBe(1)
    expect(
      (await client.verifyToken({ phoneNumber: MOBILE, reference: 'r', code: 'AB12' })).status,
    ).toBe(39)
  })

  it('creates, redeems and lists vouchers, and reads the texts of VersionInfo and GetStatusCodeDescription', async () => {
    await aspsms.patchAccount(ACCOUNT.id, { options: { reseller: true } })
    const client = aspsms.client()
    const created = await client.createVoucher(1, 5, 'promo')
    expect(created.voucherCodes).toHaveLength(1)
    expect((await client.redeemVoucher(created.voucherCodes![0]!)).ok).toBe(true)
    expect((await client.getVoucherTransactions()).vouchers).toMatchObject([
      { code: created.voucherCodes![0], remark: 'promo', credits: 5 },
    ])
    expect((await client.getStatusCodeDescription(3)).text).toBe('Authorization failed.')
    expect((await client.versionInfo()).text).toMatch(/build:/)
  })

  it('reports a refusal with its code and text, not as an exception', async () => {
    const result = await aspsms.client({ password: 'wrong' }).checkCredits()
    expect(result).toMatchObject({
      ok: false,
      status: 3,
      statusText: 'Authorization failed.',
      httpStatus: 200,
    })
    expect(result.raw).toBe('{"StatusCode":"3","StatusInfo":"Authorization failed."}')
  })

  it('reports status 0 for an answer that is not ASPSMS’s', async () => {
    const result = await aspsms.client({ baseUrl: `${aspsms.baseUrl}/nowhere` }).checkCredits()
    expect(result.ok).toBe(false)
    expect(result.status).toBe(0)
    expect(result.httpStatus).toBe(404)
    expect(result.statusText).toMatch(/^not an ASPSMS answer \(HTTP 404\)/)
  })
})

describe('AspsmsJsonClient timeouts', () => {
  let silent: Server
  let url: string
  beforeAll(async () => {
    // Takes the request and never answers.
    silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    silent.closeAllConnections()
    await new Promise((resolve) => silent.close(resolve))
  })

  it('rejects when the service does not answer within timeoutMs', async () => {
    const client = new AspsmsJsonClient({
      baseUrl: url,
      userKey: 'K',
      password: 'P',
      timeoutMs: 50,
    })
    await expect(client.checkCredits()).rejects.toThrow(/timeout|aborted/i)
  })

  it('posts to the real service by default, with the documented keys', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = []
    const client = new AspsmsJsonClient({
      userKey: 'K',
      password: 'P',
      fetch: async (input, init) => {
        seen.push({ url: String(input), init })
        return new Response('{"Credits":"1","StatusCode":"1","StatusInfo":"OK"}')
      },
    })
    expect((await client.checkCredits()).credits).toBe(1)
    expect(seen.map((s) => [s.url, s.init?.body])).toEqual([
      ['https://json.aspsms.com/CheckCredits', '{"UserName":"K","Password":"P"}'],
    ])
  })
})
