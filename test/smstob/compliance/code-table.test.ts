/**
 * The table of §4, code by code: each documented code is produced through `http.php` by the
 * request that produces it at SMStoB, and the reference client reads it back with the
 * document's text. A code of the table that nothing produces fails here (DESIGN.md principle 2).
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "La page appelée affiche un code en réponse à votre demande."
 */
import { describe, expect, it } from 'vitest'
import { SMSTOB_CODES, type SmstobCode } from '../../../simulators/smstob/codes.ts'
import type { SmstobSendInput } from '../../../client/smstob/http.ts'
import { ECOLE, IMPLEMENTATIONS, SEND, useSmstob, type SmstobTarget } from '../helpers.ts'

interface Row {
  /** What the client is logged in with, when not {@link ECOLE}. */
  login?: { email?: string; pass?: string }
  send: SmstobSendInput
  setup?: (smstob: SmstobTarget) => Promise<unknown>
}

const message = 'Cours annulé demain'

const ROWS: Record<SmstobCode, Row> = {
  80: { send: { numero: SEND.numero, message } },
  81: { send: { numero: SEND.numero, message, diff: '103005012026' } },
  82: { login: { pass: 'faux' }, send: { numero: SEND.numero, message } },
  83: {
    send: { numero: SEND.numero, message },
    setup: (smstob) => smstob.patchAccount(ECOLE.email, { credits: 0 }),
  },
  84: { send: { numero: '0145454545', message } },
  85: { send: { numero: SEND.numero, message, diff: '31/02/2026' } },
  86: {
    send: { numero: 'vide', message },
    setup: (smstob) => smstob.patchAccount(ECOLE.email, { options: { groups: { vide: [] } } }),
  },
  87: { login: { email: '' }, send: { numero: SEND.numero, message } },
  88: { login: { pass: '' }, send: { numero: SEND.numero, message } },
  89: { send: { numero: '', message } },
  90: { send: { numero: SEND.numero, message: '' } },
  91: {
    send: { numero: SEND.numero, message },
    setup: (smstob) => smstob.get({ ...SEND, message }),
  },
}

describe.each(IMPLEMENTATIONS)('the codes of §4 through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each(SMSTOB_CODES.map((entry) => ({ ...entry, row: ROWS[entry.code] })))(
    'produces $code, "$text"',
    async ({ code, text, row }) => {
      await row.setup?.(smstob)
      const result = await smstob.client(row.login).send(row.send)
      expect(result).toEqual({
        ok: code === 80 || code === 81,
        code,
        meaning: text,
        raw: String(code),
      })
    },
  )
})
