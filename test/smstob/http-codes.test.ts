/**
 * What `http.php`'s codes are on the wire, beyond what the YAML suite says.
 * scenarios/smstob/http.yaml produces every code of §4 through the standalone server, with the
 * reference client (test/conformance/suites.test.ts runs it, coverage.test.ts checks every code
 * is there). This file keeps what only a hand-written request or the other implementation
 * shows: the page itself, a query that leaves a field out, the journal of a request that names
 * no account, and every code through the msw handlers.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "La page appelée affiche un code en réponse à votre demande."
 */
import { describe, expect, it } from 'vitest'
import type { SmstobSendInput } from '../../client/smstob/http.ts'
import { SMSTOB_CODES, type SmstobCode } from '../../simulators/smstob/codes.ts'
import { ECOLE, IMPLEMENTATIONS, SEND, useSmstob, type SmstobTarget } from './helpers.ts'

describe.each(IMPLEMENTATIONS)('http.php’s codes on the wire through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it('answers a page showing 80 alone, as ISO-8859-1 HTML, to email, pass, numero and message', async () => {
    const page = await smstob.get(SEND)
    expect(page).toEqual({ status: 200, body: '80', contentType: 'text/html; charset=ISO-8859-1' })
  })

  it.each([
    ['email', '87'],
    ['pass', '88'],
    ['numero', '89'],
    ['message', '90'],
  ] as const)(
    'answers a query written by hand without %s with %s, and sends and debits nothing',
    async (left, code) => {
      const query = Object.entries(SEND)
        .filter(([name]) => name !== left)
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
        .join('&')
      expect(await (await smstob.fetch(query)).text()).toBe(code)
      expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
    },
  )

  it('journals a refused login with its code and no account', async () => {
    await smstob.get({ ...SEND, email: 'inconnu@example.fr' })
    const [entry] = await smstob.journal()
    expect(entry).toMatchObject({ code: 82, status: 200 })
    expect(entry).not.toHaveProperty('account')
  })
})

interface Row {
  /** What the client is logged in with, when not {@link ECOLE}. */
  login?: { email?: string; pass?: string }
  send: SmstobSendInput
  setup?: (smstob: SmstobTarget) => Promise<unknown>
}

const message = 'Cours annulé demain'

/** The request that produces each code at SMStoB. */
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

// The YAML suite runs on the standalone server; the msw handlers are the other implementation
// of the same HTTP side (STYLE.md §21), so each code goes through them once here.
describe('the codes of §4 through msw in-process', () => {
  const smstob = useSmstob('msw')

  it.each(SMSTOB_CODES.map((entry) => ({ ...entry, row: ROWS[entry.code] })))(
    'produces $code, "$text", and the client reads exactly that',
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
