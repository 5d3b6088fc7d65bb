import { describe, expect, it } from 'vitest'
import { readSmsData } from '../../simulators/allmysms/http-request.ts'
import { AllmysmsHttpClient, readSendAnswer } from './http.ts'

const client = (stream?: 'json' | 'xml') =>
  new AllmysmsHttpClient({ login: 'arthur45', apiKey: 'k', ...(stream ? { stream } : {}) })

const input = {
  message: 'Bonjour #param_1# & <à demain> ]]>',
  recipients: [{ mobile: '0612121515', params: ['Alice'] }, '+33612121516'],
  tpoa: 'ESF',
  date: new Date('2026-01-05T09:30:00Z'),
  cliMsgId: 'ref',
}

describe('AllmysmsHttpClient', () => {
  it.each(['json', 'xml'] as const)(
    'writes a %s smsData the simulator reads back as given',
    (stream) => {
      const reading = readSmsData(client(stream).smsData(input))
      expect(reading).toMatchObject({
        ok: true,
        format: stream,
        input: {
          message: input.message,
          dynamic: 1,
          tpoa: 'ESF',
          date: '2026-01-05 10:30:00',
          cliMsgId: 'ref',
        },
      })
      if (reading.ok)
        expect(reading.input.recipients.map((r) => [r.mobile, r.params.get(1)])).toEqual([
          ['0612121515', 'Alice'],
          ['+33612121516', undefined],
        ])
    },
  )

  it('reads an answer: counts from strings, invalidNumbers split, 113 ok, unknown status not a code', () => {
    const read = readSendAnswer({
      status: 200,
      json: { status: 113, statusText: 't', invalidNumbers: 'a|b', credits: '98', smsIds: [] },
    })
    expect(read).toMatchObject({ ok: true, code: 113, invalidNumbers: ['a', 'b'], credits: 98 })
    expect(readSendAnswer({ status: 200, json: { status: '100' } })).toMatchObject({
      ok: true,
      code: 100,
    })
    expect(readSendAnswer({ status: 502, json: {} })).toMatchObject({ ok: false, code: undefined })
  })
})
