/**
 * Issue 10, item 2: one 80,000-character text froze the event loop for 30 s (SMS parts counted
 * in quadratic time; `ForceGSM7bit` walked the text with `Intl.Segmenter`, quadratic too on
 * Node 20). ASPSMS refuses more than 16 parts with 27 "Message too long." (ours, README) on
 * every interface — and health is answered meanwhile.
 */
import { describe, expect, it } from 'vitest'
import { LONG_TEXT, whileAskingHealth } from '../../support/long-text.ts'
import { ACCOUNT, MOBILE, useAspsms } from '../helpers.ts'

/** The text, escaped for an XML element. */
const XML_TEXT = LONG_TEXT.replace(/&/g, '&amp;').replace(/</g, '&lt;')

describe('issue 10: an 80,000-character text with a ç to ASPSMS', () => {
  const aspsms = useAspsms()

  /** Sends the request while health is asked, and returns the answer's body. */
  const post = (path: string, contentType: string, body: string, headers = {}) =>
    whileAskingHealth(aspsms.url, async () => {
      const response = await fetch(`${aspsms.url}/aspsms${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType, ...headers },
        body,
      })
      expect(response.status).toBe(200)
      return response.text()
    })

  async function expectNothingSent() {
    expect(await aspsms.messages()).toEqual([])
    expect((await aspsms.account()).credits).toBe(ACCOUNT.credits)
  }

  it.each([false, true])('JSON (ForceGSM7bit %s) answers 27', async (forceGsm7) => {
    const answer = await post(
      '/json/SendSimpleTextSMS',
      'application/json',
      JSON.stringify({
        UserName: ACCOUNT.id,
        Password: ACCOUNT.secret,
        Originator: 'ESF Tignes',
        Recipients: [MOBILE],
        MessageText: LONG_TEXT,
        ...(forceGsm7 ? { ForceGSM7bit: true } : {}),
      }),
    )
    expect(JSON.parse(answer)).toEqual({ StatusCode: '27', StatusInfo: 'Message too long.' })
    await expectNothingSent()
  })

  it('SOAP 1.1 answers StatusCode:27', async () => {
    const answer = await post(
      '/aspsmsx2.asmx',
      'text/xml; charset=utf-8',
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SendTextSMS xmlns="https://webservice.aspsms.com/aspsmsx2.asmx"><UserKey>${ACCOUNT.id}</UserKey><Password>${ACCOUNT.secret}</Password><Recipients>${MOBILE}</Recipients><Originator>ESF Tignes</Originator><MessageText>${XML_TEXT}</MessageText></SendTextSMS></soap:Body></soap:Envelope>`,
      { soapaction: '"https://webservice.aspsms.com/aspsmsx2.asmx/SendTextSMS"' },
    )
    expect(answer).toContain('<SendTextSMSResult>StatusCode:27</SendTextSMSResult>')
    await expectNothingSent()
  })

  it('the HTTP POST binding answers StatusCode:27', async () => {
    const answer = await post(
      '/aspsmsx2.asmx/SendTextSMS',
      'application/x-www-form-urlencoded',
      new URLSearchParams({
        UserKey: ACCOUNT.id,
        Password: ACCOUNT.secret,
        Recipients: MOBILE,
        Originator: 'ESF Tignes',
        MessageText: LONG_TEXT,
        DeferredDeliveryTime: '',
        FlashingSMS: '',
        TimeZone: '',
        URLBufferedMessageNotification: '',
        URLDeliveryNotification: '',
        URLNonDeliveryNotification: '',
        AffiliateId: '',
      }).toString(),
    )
    expect(answer).toContain('>StatusCode:27</string>')
    await expectNothingSent()
  })

  it('the XML interface (xmlsvr.asp) answers ErrorCode 27', async () => {
    const answer = await post(
      '/xmlsvr.asp',
      'text/xml; charset=utf-8',
      `<?xml version="1.0" encoding="UTF-8"?><aspsms><Userkey>${ACCOUNT.id}</Userkey><Password>${ACCOUNT.secret}</Password><Recipient><PhoneNumber>${MOBILE}</PhoneNumber></Recipient><MessageData>${XML_TEXT}</MessageData><Action>SendTextSMS</Action></aspsms>`,
    )
    expect(answer).toContain('<ErrorCode>27</ErrorCode>')
    await expectNothingSent()
  })
})
