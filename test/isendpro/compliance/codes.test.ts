/**
 * Every code of iSendPro's annex that a mail send can produce is produced by a mail sent over
 * SMTP, and comes back in the Not with the annex's text (STYLE.md §10: a code nothing produces is
 * a bug). The voice codes (100–107, 1000) cannot arise from a mail: see the README.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — IV "Tableau Code Erreur"
 */
import { describe, expect, it } from 'vitest'
import { ISENDPRO_CODES } from '../../../simulators/isendpro/codes.ts'
import { KEYID, useIsendpro, type EnvoiFields } from '../helpers.ts'

/** One mail per code, as a client would send it by mistake (or on purpose). */
const CAUSES: Record<number, EnvoiFields & { from?: string; clock?: string; fault?: number }> = {
  0: {},
  1: { keyid: undefined },
  2: { keyid: ' ' },
  3: { keyid: 'inconnue' },
  6: { to: [] },
  7: { to: '060102030' },
  11: { to: '0600000011' },
  12: { to: ['0601020301', '0601020302', '0601020303', '0601020304', '0601020305', '0601020306'] },
  14: { from: 'app@gmail.com' },
  16: { emetteur: '' },
  21: { to: '0600000010' },
  22: { to: '0600000012' },
  23: { to: Array.from({ length: 501 }, () => '0601020304') },
  24: { clock: '2026-01-11T10:00:00+01:00' },
  27: { to: '41791234567' },
  29: { fault: 29 },
  30: { from: 'cron' },
  33: { emetteur: '0601020304' },
  34: { smslong: 'deux' as unknown as number },
  999: { fault: 999 },
}

/** Writes the envoi by hand: the reference client refuses to build most of these mistakes. */
function envoi(emailId: string, cause: EnvoiFields): string {
  const to = cause.to ?? '0601020304'
  const nums =
    typeof to === 'string'
      ? `<num>${to}</num>`
      : to.map((n, i) => `<num${i + 1}>${n}</num${i + 1}>`).join('')
  const keyid =
    'keyid' in cause
      ? cause.keyid === undefined
        ? ''
        : `<keyid>${cause.keyid}</keyid>`
      : `<keyid>${KEYID}</keyid>`
  return [
    '<envoi>',
    keyid,
    nums,
    '<sms>Bonjour</sms>',
    cause.emetteur !== undefined ? `<emetteur>${cause.emetteur}</emetteur>` : '',
    cause.smslong !== undefined ? `<smslong>${cause.smslong}</smslong>` : '',
    '<emailAck>ack@masociete.com</emailAck>',
    '<emailNot>not@masociete.com</emailNot>',
    `<emailId>${emailId}</emailId>`,
    '</envoi>',
  ].join('\n')
}

describe('the code table over SMTP', () => {
  const isendpro = useIsendpro({ credits: 5 })

  it('has a cause for every code of the table', () => {
    expect(Object.keys(CAUSES).map(Number)).toEqual(ISENDPRO_CODES.map((c) => c.code))
  })

  it.each(ISENDPRO_CODES.map((c) => [c.code, c.text] as const))(
    'produces %s from the mail that causes it, with its text',
    async (code, text) => {
      const cause = CAUSES[code]!
      if (cause.clock) await isendpro.control.setClock(cause.clock)
      if (cause.fault) await isendpro.control.setFaults({ refuse: { code: cause.fault, times: 1 } })
      const emailId = `code-${code}`
      await isendpro.sendText(envoi(emailId, cause), cause.from ? { from: cause.from } : {})
      const not = await isendpro.not(emailId)
      const entry = not.entries.find((e) => e.code === code)
      expect(entry, JSON.stringify(not.entries)).toMatchObject({
        code,
        message: text,
        documented: true,
      })
    },
  )
})
