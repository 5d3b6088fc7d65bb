/**
 * The reference client and smsim agree on the Mail2SMS subject: what `buildAllmysmsSubject`
 * writes, the simulator's `parseSubject` reads back field for field. A test of both sides at
 * once, so it lives here rather than beside either.
 *
 * @see shared/specs/002_0241076537611203.txt — §2.1 "OBJET (OBJECT)"
 */
import { describe, expect, it } from 'vitest'
import { buildAllmysmsSubject } from '../../client/allmysms/mail.ts'
import { parseSubject } from '../../simulators/allmysms/subject.ts'

describe('buildAllmysmsSubject', () => {
  it('writes what the simulator reads back field for field', () => {
    const subject = buildAllmysmsSubject({
      login: 'jean@ecole.fr',
      apiKey: 'k3y',
      mobiles: [' 06 12 12 15 15 ', '+41791234567'],
      from: 'Ski Club',
      date: new Date('2026-07-01T10:00:00Z'),
    })
    expect(parseSubject(subject)).toEqual({
      ok: true,
      subject: {
        login: 'jean@ecole.fr',
        apiKey: 'k3y',
        mobiles: ['06 12 12 15 15', '+41791234567'],
        from: 'Ski Club',
        date: '2026-07-01 12:00:00',
      },
    })
  })
})
