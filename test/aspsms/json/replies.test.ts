/**
 * The JSON API's answers on the wire: string values exactly as clients compare them, the
 * Content-Type, the plain HTTP errors for what is not a decision (no stack trace), and the
 * journal.
 *
 * @see shared/research/aspsms.md — §3.3 "Responses"
 */
import { describe, expect, it } from 'vitest'
import { maskSecret } from '../../../simulators/core/secrets.ts'
import { CREDENTIALS, IMPLEMENTATIONS, MOBILE, SEND, useAspsmsJson } from './helpers.ts'

describe.each(IMPLEMENTATIONS)('JSON answers through $name', ({ kind }) => {
  const aspsms = useAspsmsJson(kind)

  it('writes StatusCode as the string "1", as `StatusCode === "1"` in PHP, JS and Python clients needs', async () => {
    const answer = await aspsms.post('SendSimpleTextSMS', SEND)
    expect(answer.status).toBe(200)
    expect(answer.contentType).toBe('application/json; charset=utf-8')
    expect(answer.json.StatusCode).toBe('1')
    expect(typeof answer.json.StatusCode).toBe('string')
    expect(answer.json.StatusInfo).toBe('OK')
  })

  it('answers an application error with HTTP 200 and the code, as hitobito’s stubs show', async () => {
    const answer = await aspsms.post('SendSimpleTextSMS', { ...SEND, Password: 'nope' })
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('{"StatusCode":"3","StatusInfo":"Authorization failed."}')
  })

  it('answers 400 with a Message to a body that is not JSON, and changes nothing', async () => {
    const answer = await aspsms.post('SendTextSMS', 'UserName=I3QHMYKEY6E&Password=mypassword', {
      contentType: 'application/x-www-form-urlencoded',
    })
    expect(answer.status).toBe(400)
    expect(answer.contentType).toBe('application/json; charset=utf-8')
    expect(answer.json.Message).toMatchInlineSnapshot(
      `"The body of SendTextSMS must be a JSON object, e.g. {"UserName":"…","Password":"…"}; it is not JSON (Unexpected token 'U', "UserName=I"... is not valid JSON)."`,
    )
    expect(answer.text).not.toMatch(/\bat .+:\d+:\d+/)
    expect(await aspsms.messages()).toEqual([])
  })

  it.each([
    ['an array', '[{"UserName":"I3QHMYKEY6E"}]', 'it is an array, not a JSON object'],
    ['null', 'null', 'it is null, not a JSON object'],
    ['a string', '"I3QHMYKEY6E"', 'it is string, not a JSON object'],
    ['cut JSON', '{"UserName":"I3QHMYKEY6E","Passw', 'it is not JSON'],
  ])('answers 400 to a body that is %s', async (_what, body, reason) => {
    const answer = await aspsms.post('CheckCredits', body)
    expect(answer.status).toBe(400)
    expect(answer.json.Message).toContain(reason)
  })

  it('answers 404 with the list of methods to an unknown method', async () => {
    const answer = await aspsms.post('SendWAPPushSMS', SEND)
    expect(answer.status).toBe(404)
    expect(answer.json.Message).toMatchInlineSnapshot(
      `"No method "SendWAPPushSMS" on json.aspsms.com. Methods: SendTextSMS, SendSimpleTextSMS, SendUnicodeSMS, CheckCredits, InquireDeliveryNotifications, SendOriginatorUnlockCode, UnlockOriginator, CheckOriginatorAuthorization, SendTokenSMS, VerifyToken, CreateVoucher, RedeemVoucher, GetVoucherTransactions, GetStatusCodeDescription, VersionInfo."`,
    )
  })

  it.each(['GET', 'PUT', 'DELETE'])(
    'answers 405 to %s, naming the methods allowed',
    async (method) => {
      const answer = await aspsms.post('CheckCredits', undefined, { method, contentType: null })
      expect(answer.status).toBe(405)
      expect(answer.json).toEqual({
        Message: `The requested resource does not support http method '${method}'.`,
      })
    },
  )

  it('answers a CORS preflight, since JSONDOC’s example client runs in a browser', async () => {
    const response = await fetch(`${aspsms.baseUrl}/SendTextSMS`, {
      method: 'OPTIONS',
      headers: { origin: 'https://school.example', 'access-control-request-method': 'POST' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS')
    const answer = await aspsms.post('CheckCredits', CREDENTIALS)
    expect(answer.json.StatusCode).toBe('1')
  })

  it('lets an injected fault hit the call, not the preflight before it', async () => {
    await aspsms.setFaults({ refuse: { code: 24, times: 1 } })
    const preflight = await fetch(`${aspsms.baseUrl}/CheckCredits`, { method: 'OPTIONS' })
    expect(preflight.status).toBe(204)
    expect((await aspsms.post('CheckCredits', CREDENTIALS)).json.StatusCode).toBe('24')
  })

  it('journals each request with its method, the fields read, account and the code answered', async () => {
    await aspsms.post('SendTextSMS', SEND)
    await aspsms.post('InquireDeliveryNotifications', {
      ...CREDENTIALS,
      TransactionReferenceNumbers: '1',
    })
    await aspsms.post('CheckCredits', 'oops')
    const journal = await aspsms.journal()
    expect(
      journal.map((j) => [j.transport, j.request.operation, j.account, j.code, j.status]),
    ).toEqual([
      ['json', 'SendTextSMS', 'I3QHMYKEY6E', 1, 200],
      ['json', 'InquireDeliveryNotifications', 'I3QHMYKEY6E', 0, 200],
      ['json', undefined, undefined, undefined, 400],
    ])
    // The fields read, by their SOAP names, as strings; the password masked (issue 10).
    expect(journal[0]?.request.fields).toEqual({
      UserKey: SEND.UserName,
      Password: maskSecret(SEND.Password),
      Originator: SEND.Originator,
      Recipients: MOBILE,
      MessageText: SEND.MessageText,
    })
    expect(journal[0]?.messages).toHaveLength(1)
  })
})
