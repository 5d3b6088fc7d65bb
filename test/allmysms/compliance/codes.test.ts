/**
 * Every code of allmysms's table is produced by a mail sent over SMTP (STYLE.md §10: a code
 * nothing produces is a bug), each error mailed back with its documented text, the successes
 * only journalled.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.2 "REPONSE"
 */
import { describe, expect, it } from 'vitest'
import { ALLMYSMS_CODES } from '../../../simulators/allmysms/codes.ts'
import { CREDENTIALS, MOBILE, useAllmysms, type MailFields } from '../helpers.ts'

/** One mail per code, as a client would send it by mistake (or on purpose). */
const CAUSES: Record<number, MailFields> = {
  100: {},
  101: { subject: `${CREDENTIALS}|${MOBILE}|date=2026-01-06 09:00:00` },
  102: { subject: `nobody@key|${MOBILE}` },
  104: { subject: `${CREDENTIALS}|${MOBILE}`, text: 'x'.repeat(1224) },
  105: { subject: '' },
  109: { subject: 'Bonjour' },
  110: { text: '' },
  111: { text: 'x'.repeat(1225) },
  114: { subject: `${CREDENTIALS}|0145454545` },
  115: { subject: `${CREDENTIALS}|${MOBILE}|date=2026-13-01 09:00:00` },
}

describe('the code table over SMTP', () => {
  const allmysms = useAllmysms({ credits: 5 })

  it('has a cause for every code of the table', () => {
    expect(Object.keys(CAUSES).map(Number)).toEqual(ALLMYSMS_CODES.map((c) => c.code))
  })

  it.each(ALLMYSMS_CODES.map((c) => [c.code, c.text] as const))(
    'produces %s from the mail that causes it',
    async (code, text) => {
      const sent = await allmysms.send(CAUSES[code])
      expect((await allmysms.journal()).map((j) => j.code)).toEqual([code])
      if (code === 100 || code === 101) {
        expect(await allmysms.mails()).toEqual([])
        return
      }
      const reply = await allmysms.replyTo(sent.messageId)
      const shown = code === 104 ? text.replace('XX', '8').replace('YY', '5') : text
      expect(reply.text).toBe(`Status: ${code}\nStatusText: ${shown}\n`)
    },
  )
})
