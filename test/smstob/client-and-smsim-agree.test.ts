/**
 * The reference client and smsim agree on SMStoB's reply mails: whatever code smsim answers a
 * mail with, `readSmstobReply` reads that code and the document's text back. A test of both
 * sides at once, so it lives here rather than beside either.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2, §4 (the codes)
 */
import { describe, expect, it } from 'vitest'
import { readSmstobReply } from '../../client/smstob/mail.ts'
import { renderMailReply } from '../../simulators/smstob/mail-reply.ts'
import { SMSTOB_CODES, type SmstobCode } from '../../simulators/smstob/wire.ts'

describe('readSmstobReply', () => {
  const now = new Date('2026-01-05T09:00:00+01:00')
  const answered = {
    from: 'ecole@example.fr',
    recipient: 'sms@smstob.com',
    subject: 'XV65JU:0660919010',
    syntax: 3 as const,
  }

  it.each(SMSTOB_CODES.map((c) => c.code))('reads code %i back from smsim’s reply', (code) => {
    const sent =
      code === 80 || code === 81
        ? {
            to: '0660919010',
            group: false,
            accepted: 1,
            duplicates: 0,
            debited: 1,
            creditsLeft: 9,
            text: '84 : x',
          }
        : undefined
    const mail = renderMailReply({
      code: code as SmstobCode,
      answered,
      now,
      ...(sent ? { sent } : {}),
    })
    expect(readSmstobReply(mail)).toEqual({
      kind: code === 80 || code === 81 ? 'confirmation' : 'error',
      ok: code === 80 || code === 81,
      code,
      meaning: SMSTOB_CODES.find((c) => c.code === code)!.text,
    })
  })
})
