/**
 * Hostile input to allmysms's HTTP API 9.0 through a started smsim: random `smsData` (broken
 * JSON and XML, values of every type, deep nesting, huge lists), random Content-Types and raw
 * bytes. Whatever comes, the answer is the provider's JSON with a numeric `status` (or 404 /
 * 413 from the server), never a 500, and the account is never partly debited: the credits used
 * are exactly the parts of the SMS stored.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ACCOUNT, useAllmysmsHttp } from './http-helpers.ts'

const scalar = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('0612121515', '+33612121516', '0600000011', '0145454545', '2026-01-05 10:00:00'),
)
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('MOBILEPHONE', 'PARAM_1', 'PARAMS_0', 'x'), tie('v'), {
      maxKeys: 3,
    }),
  ),
})).v

const data = fc.record(
  {
    MESSAGE: fc.oneof(value, fc.string({ maxLength: 700 })),
    SMS: fc.oneof(
      value,
      fc.array(fc.record({ MOBILEPHONE: value, PARAM_1: value }, { requiredKeys: [] }), {
        maxLength: 5,
      }),
    ),
    DYNAMIC: value,
    FLASH: value,
    TPOA: value,
    DATE: value,
    TRACKING: value,
    CLIENT: value,
    MASTERACCOUNT: value,
  },
  { requiredKeys: [] },
)

const smsData = fc.oneof(
  data.map((d) => JSON.stringify({ DATA: d })),
  data.map((d) => JSON.stringify({ DATA: d }).slice(0, 30)),
  value.map((v) => JSON.stringify(v) ?? ''),
  fc.constantFrom(
    '<DATA><MESSAGE>x</MESSAGE><SMS><MOBILEPHONE>0612121515</MOBILEPHONE></SMS></DATA>',
    '<DATA><MESSAGE>x</MESSAGE><SMS><MOBILEPHONE>0612121515</MOBILEPHONE></SMS>',
    '<!DOCTYPE x [<!ENTITY a "aaaa">]><DATA><MESSAGE>&a;</MESSAGE><SMS><MOBILEPHONE>0612121515</MOBILEPHONE></SMS></DATA>',
    '<DATA><SMS><MOBILEPHONE><SMS></SMS></MOBILEPHONE></SMS></DATA>',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]',
    `{"DATA":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  ),
  fc.string({ maxLength: 200 }),
)

const contentType = fc.constantFrom(
  undefined,
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'multipart/form-data; boundary=zz',
  'multipart/form-data',
  'application/json',
  'text/plain',
)

describe('allmysms HTTP API 9.0 under hostile input', () => {
  const ams = useAllmysmsHttp({ credits: 1000 })

  it('answers every request without a crash and never debits more or less than what it stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('sendSms/', 'simulateCampaign/', '', 'getAcks/', 'sendsms'),
        smsData,
        contentType,
        fc.boolean(),
        async (operation, stream, type, asMultipart) => {
          const fields = { ...ACCOUNT, smsData: stream, message: stream, mobile: '0612121515' }
          let body: string | Buffer
          if (asMultipart || type?.startsWith('multipart'))
            body = Buffer.from(
              Object.entries(fields)
                .map(
                  ([n, v]) => `--zz\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`,
                )
                .join('') + '--zz--\r\n',
            )
          else body = new URLSearchParams(fields).toString()
          const answer = await ams.fetch(`/${operation}`, {
            method: 'POST',
            body,
            ...(type ? { headers: { 'content-type': type } } : {}),
          })
          expect([200, 413]).toContain(answer.status)
          if (answer.status === 200) expect(answer.json).toBeDefined()
          if (answer.json && 'status' in answer.json && operation !== 'getAcks/')
            expect(typeof answer.json.status).toBe('number')
        },
      ),
      { numRuns: 150, seed: 16 },
    )
    const { credits, messages } = await ams.snapshot()
    expect(messages.length, 'some requests were sends').toBeGreaterThan(0)
    expect(1000 - credits).toBe(messages.reduce((sum, m) => sum + m.segments, 0))
  }, 60_000)
})
