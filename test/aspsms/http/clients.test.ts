/**
 * The HTTP GET and POST requests of real clients (fixtures of simulators/aspsms/fixtures/,
 * replayed byte for byte), and the answers they need: an XML declaration with version and
 * encoding, then `<string xmlns="…">StatusCode:1</string>`.
 *
 * @see shared/research/aspsms-clients.md — "ASMX HTTP POST / GET", "What each client needs back"
 */
import { describe, expect, it } from 'vitest'
import { ACCOUNT, MOBILE, replay, useAspsms } from '../helpers.ts'

const STRING = (text: string, ns = 'https://webservice.aspsms.com/aspsmsx2.asmx') =>
  `<?xml version="1.0" encoding="utf-8"?>\r\n<string xmlns="${ns}">${text}</string>`

describe('HTTP binding requests of real clients', () => {
  const smsim = useAspsms()

  it("answers nadar's unencoded POST, in its fixed key order, as a <string> document", async () => {
    const answer = await replay(smsim, 'asmx-httppost-nadar-SendTextSMS.http')
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(answer.body).toBe(STRING('StatusCode:1'))
    expect((await smsim.messages(MOBILE))[0]).toMatchObject({
      from: 'FidTest',
      text: 'Fidelity test message',
    })
  })

  it("reads nadar's raw +41… and raw UTF-8 as ASP.NET does: + is a space, & cuts the text", async () => {
    const answer = await replay(smsim, 'asmx-httppost-nadar-SendTextSMS-raw.http')
    expect(answer.body).toBe(STRING('StatusCode:1'))
    // " 41791234567" still names the Swiss mobile (ASPSMS takes 41… without + or 00).
    expect((await smsim.messages(MOBILE))[0]!.text).toBe('Grüezi ')
    expect((await smsim.journal())[0]!.request).toMatchObject({
      fields: { Recipients: ' 41791234567:fid120001', MessageText: 'Grüezi ' },
    })
  })

  it("answers nadar's CheckCredits and InquireDeliveryNotifications", async () => {
    await replay(smsim, 'asmx-httppost-nadar-SendTextSMS.http')
    expect((await replay(smsim, 'asmx-httppost-nadar-CheckCredits.http')).body).toBe(
      STRING('Credits:99'),
    )
    expect(
      (await replay(smsim, 'asmx-httppost-nadar-InquireDeliveryNotifications.http')).body,
    ).toBe(STRING('fid120000;0;05012026090000;05012026090000;000;;'))
  })

  it.each([
    ['POST, with its trailing ?', 'asmx-httppost-tschiemer-SendUnicodeSMS.http'],
    ['GET', 'asmx-httpget-tschiemer-SendUnicodeSMS.http'],
  ])("answers tschiemer's urlencoded SendUnicodeSMS by %s", async (_how, name) => {
    const answer = await replay(smsim, name)
    expect(answer.body).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>/)
    expect(answer.body).toBe(STRING('StatusCode:1'))
    expect((await smsim.messages(MOBILE))[0]).toMatchObject({
      text: 'Grüezi & <Test> +41 €',
      encoding: 'ucs2',
    })
  })

  it("takes zeep's literal None for the parameters its caller left out", async () => {
    const answer = await replay(smsim, 'asmx-httppost-zeep-SendTextSMS.http')
    expect(answer.body).toBe(STRING('StatusCode:1'))
    expect((await smsim.messages(MOBILE))[0]).toMatchObject({
      text: 'Hello by POST',
      class: 'normal',
    })
  })

  it("answers zeep's GET CheckCredits", async () => {
    expect((await replay(smsim, 'asmx-httpget-zeep-CheckCredits.http')).body).toBe(
      STRING('Credits:100'),
    )
  })

  it("refuses zeep's GET SendTextSMS, which leaves parameters out, as ASMX does", async () => {
    const answer = await replay(smsim, 'asmx-httpget-zeep-SendTextSMS.http')
    expect(answer.status).toBe(500)
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(answer.body).toMatchInlineSnapshot(
      `"System.InvalidOperationException: Missing parameter: DeferredDeliveryTime."`,
    )
    expect(await smsim.messages()).toEqual([])
  })

  it.each([
    ['GET (flapjack)', 'asmx-legacy-get-flapjack-SimpleTextSMS.http', 'flapjack'],
    ['POST (LibreNMS)', 'asmx-legacy-post-librenms-SimpleTextSMS.http', 'LibreNMS'],
  ])('answers the legacy aspsmsx.asmx/SimpleTextSMS by %s', async (_how, name, from) => {
    const answer = await replay(smsim, name)
    expect(answer.body).toBe(STRING('StatusCode:1', 'https://webservice.aspsms.com/aspsmsx.asmx'))
    expect((await smsim.messages(MOBILE))[0]).toMatchObject({ from })
    expect((await smsim.journal())[0]).toMatchObject({
      transport: 'legacy',
      account: ACCOUNT.id,
      request: { operation: 'SimpleTextSMS', fields: { Recipient: MOBILE } },
    })
  })
})
