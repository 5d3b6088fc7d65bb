/**
 * How the HTTP bindings read a request — as ASP.NET reads a query string or a form — and how
 * they refuse one, in ASMX's own words, as HTTP 500 in plain text with no stack trace.
 *
 * @see shared/research/aspsms.md — §1.5 "HTTP GET / HTTP POST bindings"
 */
import { describe, expect, it } from 'vitest'
import { ACCOUNT, MOBILE, sendRaw, useAspsms } from '../helpers.ts'

const AUTH = `UserKey=${ACCOUNT.id}&Password=${ACCOUNT.secret}`
const SEND_REST =
  'Originator=SkiSchool&DeferredDeliveryTime=&FlashingSMS=&TimeZone=&URLBufferedMessageNotification=&URLDeliveryNotification=&URLNonDeliveryNotification=&AffiliateId='

describe('the HTTP bindings', () => {
  const smsim = useAspsms()
  const base = () => `${smsim.url}/aspsms`
  const post = (path: string, body: string | Buffer, type = 'application/x-www-form-urlencoded') =>
    fetch(`${base()}${path}`, { method: 'POST', headers: { 'content-type': type }, body })
  const textOf = async (response: Response) => ({
    status: response.status,
    body: await response.text(),
  })

  describe('reading parameters as ASP.NET does', () => {
    it('compares parameter names without case', async () => {
      const answer = await textOf(
        await fetch(
          `${base()}/aspsmsx2.asmx/CheckCredits?userkey=${ACCOUNT.id}&PASSWORD=${ACCOUNT.secret}`,
        ),
      )
      expect(answer.body).toContain('>Credits:100</string>')
    })

    it('joins a repeated parameter with commas', async () => {
      const body = `${AUTH}&Recipients=${encodeURIComponent(MOBILE)}&Recipients=%2B41797654321&MessageText=Hi&${SEND_REST}`
      expect((await textOf(await post('/aspsmsx2.asmx/SendTextSMS', body))).body).toContain(
        'StatusCode:1',
      )
      expect((await smsim.messages()).map((s) => s.to)).toEqual([MOBILE, '+41797654321'])
    })

    it('reads + as a space and %2B as a plus', async () => {
      const body = `${AUTH}&Recipients=%2B41791234567&MessageText=Snow+today+%2B+sun&${SEND_REST}`
      await post('/aspsmsx2.asmx/SendTextSMS', body)
      expect((await smsim.messages(MOBILE))[0]!.text).toBe('Snow today + sun')
    })

    it('reads windows-1252 bytes that are no UTF-8, escaped or raw', async () => {
      const escaped = `${AUTH}&Recipients=%2B41791234567&MessageText=Gr%FCezi&${SEND_REST}`
      await post('/aspsmsx2.asmx/SendTextSMS', escaped)
      const raw = Buffer.concat([
        Buffer.from(`${AUTH}&Recipients=%2B41791234567&MessageText=Gr`),
        Buffer.from([0xfc]),
        Buffer.from(`ezi&${SEND_REST}`),
      ])
      await post('/aspsmsx2.asmx/SendTextSMS', raw)
      expect((await smsim.messages(MOBILE)).map((s) => s.text)).toEqual(['Grüezi', 'Grüezi'])
    })

    it('reads a POST from its body only, never from the query string', async () => {
      const answer = await textOf(await post(`/aspsmsx2.asmx/CheckCredits?${AUTH}`, ''))
      expect(answer).toEqual({
        status: 500,
        body: 'System.InvalidOperationException: Missing parameter: UserKey.',
      })
    })

    it('takes a pair without = for no parameter at all', async () => {
      const answer = await textOf(
        await post('/aspsmsx2.asmx/CheckCredits', `${AUTH.split('&')[0]}&Password`),
      )
      expect(answer.body).toBe('System.InvalidOperationException: Missing parameter: Password.')
    })
  })

  describe('paths and hosts', () => {
    it('ignores case in the service path (IIS) but not in the operation name', async () => {
      const upper = await textOf(await fetch(`${base()}/ASPSMSX2.ASMX/CheckCredits?${AUTH}`))
      expect(upper.body).toContain('Credits:100')
      const lower = await textOf(await fetch(`${base()}/aspsmsx2.asmx/checkcredits?${AUTH}`))
      expect(lower).toEqual({
        status: 500,
        body: 'System.InvalidOperationException: checkcredits Web Service method name is not valid.',
      })
    })

    it.each(['soap.aspsms.com', 'webservice.aspsms.com'])(
      'answers at the real host %s and its real path',
      async (host) => {
        const answer = await sendRaw(smsim.url, {
          method: 'GET',
          target: `/aspsmsx2.asmx/CheckCredits?${AUTH}`,
          headers: [['Host', host]],
          body: Buffer.alloc(0),
        })
        expect(answer.body).toContain('Credits:100')
      },
    )
  })

  describe('refusals, in ASMX words', () => {
    it.each([
      [
        'an unknown operation',
        () => fetch(`${base()}/aspsmsx2.asmx/SendFax?${AUTH}`),
        'System.InvalidOperationException: SendFax Web Service method name is not valid.',
      ],
      [
        'a legacy operation that is not SimpleTextSMS',
        () => fetch(`${base()}/aspsmsx.asmx/SendTextSMS?${AUTH}`),
        'System.InvalidOperationException: SendTextSMS Web Service method name is not valid.',
      ],
      [
        'a verb other than GET and POST',
        () => fetch(`${base()}/aspsmsx2.asmx/CheckCredits?${AUTH}`, { method: 'PUT' }),
        "System.InvalidOperationException: Request format is unrecognized for URL unexpectedly ending in '/CheckCredits'.",
      ],
      [
        'a POST that is no form',
        () => post('/aspsmsx2.asmx/CheckCredits', '<x/>', 'text/xml; charset=utf-8'),
        'System.InvalidOperationException: Request format is invalid: text/xml; charset=utf-8.',
      ],
      [
        'a missing parameter',
        () => fetch(`${base()}/aspsmsx2.asmx/CheckCredits?UserKey=${ACCOUNT.id}`),
        'System.InvalidOperationException: Missing parameter: Password.',
      ],
    ])('refuses %s with HTTP 500 and a one-line message', async (_what, send, message) => {
      const response = await send()
      expect(response.status).toBe(500)
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expect(await response.text()).toBe(message)
      expect(await smsim.messages()).toEqual([])
    })

    it('journals a refusal with what was wrong', async () => {
      await fetch(`${base()}/aspsmsx2.asmx/SendFax?${AUTH}`)
      expect((await smsim.journal())[0]).toMatchObject({
        transport: 'http',
        status: 500,
        request: { operation: 'SendFax', error: expect.stringContaining('SendFax') },
      })
    })
  })

  it('answers an empty result as an empty <string/>, and vouchers as an indented ArrayOfVouchers', async () => {
    const inquire = await textOf(
      await fetch(
        `${base()}/aspsmsx2.asmx/InquireDeliveryNotifications?${AUTH}&TransactionReferenceNumbers=never-sent`,
      ),
    )
    expect(inquire.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\r\n<string xmlns="https://webservice.aspsms.com/aspsmsx2.asmx" />',
    )
    await smsim.patchAccount(ACCOUNT.id, {
      options: {
        reseller: true,
        vouchers: [
          {
            code: 'ABCDEFGH2345',
            remark: 'Ski & snow',
            credits: 2.5,
            created: '2026-01-05T08:00:00.000Z',
          },
        ],
      },
    })
    const vouchers = await textOf(
      await fetch(`${base()}/aspsmsx2.asmx/GetVoucherTransactions?${AUTH}`),
    )
    expect(vouchers.body).toContain('?>\r\n<ArrayOfVouchers ')
    expect(vouchers.body).toContain('\r\n  <vouchers>\r\n    <VoucherCode>')
    expect(vouchers.body).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="utf-8"?>
      <ArrayOfVouchers xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://webservice.aspsms.com/aspsmsx2.asmx">
        <vouchers>
          <VoucherCode>ABCDEFGH2345</VoucherCode>
          <Remark>Ski &amp; snow</Remark>
          <Credits>2.5</Credits>
          <Created>2026-01-05T08:00:00.000Z</Created>
          <Redeemed />
        </vouchers>
      </ArrayOfVouchers>"
    `)
  })
})
