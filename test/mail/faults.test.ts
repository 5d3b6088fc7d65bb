/**
 * Faults injected for a mail provider (`PUT /_smsim/faults/{provider}`) as the gateway plays
 * them: `http500` is a temporary failure (451, the client sends again later), `drop` closes the
 * connection with no reply, `latencyMs` holds the 250 back, `refuse` asks the provider for its
 * own error code. Each is journalled; a mail a fault turned away is handed to no provider.
 *
 * @see simulators/engine/faults.ts, Engine.handleMail
 */
import { describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../simulators/core/model.ts'
import { FAKE_ADDRESS, FAKE_FAULT_CODE, useGateway } from './helpers.ts'

const MAIL = { from: 'ecole@example.fr', to: FAKE_ADDRESS, subject: 'Bonjour', text: 'Bonjour' }

describe('faults of a mail provider', () => {
  const gateway = useGateway()
  const setFaults = (faults: object) => gateway.smsim.control.put('/faults/fakemail', faults)
  const send = (subject = 'Bonjour') =>
    gateway.smsim.sendMail({ ...MAIL, subject }).catch((error: Error) => error)
  const notes = async () =>
    (await gateway.smsim.control.get<JournalEntry[]>('/journal?provider=fakemail')).map((e) => ({
      subject: e.request.subject,
      status: e.status,
      note: e.note,
    }))

  it('answers 451 to the mails http500 counts, then hands the next one over', async () => {
    await setFaults({ http500: 2 })
    for (const subject of ['Un', 'Deux'])
      expect(await send(subject)).toMatchObject({
        responseCode: 451,
        response: '451 4.3.0 temporary failure (injected fault), try again later',
      })
    expect(await send('Trois')).toMatchObject({ response: '250 2.6.0 OK: handed to fakemail' })
    expect(gateway.received.map((r) => r.mail.subject)).toEqual(['Trois'])
    expect(await notes()).toEqual([
      { subject: 'Un', status: 451, note: 'SMTP 451 (fault)' },
      { subject: 'Deux', status: 451, note: 'SMTP 451 (fault)' },
      { subject: 'Trois', status: undefined, note: undefined },
    ])
  })

  it('closes the connection with no reply to the mail drop counts', async () => {
    await setFaults({ drop: 1 })
    const failure = await send('Coupé')
    expect(failure).toBeInstanceOf(Error)
    expect(failure).not.toHaveProperty('responseCode')
    expect(gateway.received).toEqual([])
    expect(await send('Rétabli')).toMatchObject({ accepted: [FAKE_ADDRESS] })
    expect(await notes()).toEqual([
      { subject: 'Coupé', status: undefined, note: 'connection dropped (fault)' },
      { subject: 'Rétabli', status: undefined, note: undefined },
    ])
  })

  it('holds the 250 back by latencyMs, and journals the delay', async () => {
    await setFaults({ latencyMs: 60 })
    const started = performance.now()
    expect(await send('Lent')).toMatchObject({ accepted: [FAKE_ADDRESS] })
    expect(performance.now() - started).toBeGreaterThanOrEqual(55)
    expect(await notes()).toEqual([
      { subject: 'Lent', status: undefined, note: 'latency 60 ms (fault)' },
    ])
  })

  it('asks the provider for its own error code with refuse', async () => {
    await setFaults({ refuse: { code: FAKE_FAULT_CODE, times: 1 } })
    await send('Refusé')
    await send('Accepté')
    expect(gateway.received.map((r) => [r.mail.subject, r.refuse])).toEqual([
      ['Refusé', FAKE_FAULT_CODE],
      ['Accepté', undefined],
    ])
    expect((await notes())[0]).toEqual({
      subject: 'Refusé',
      status: undefined,
      note: `refused with code ${FAKE_FAULT_CODE} (fault)`,
    })
  })

  it('leaves a mail to an address it does not fault alone', async () => {
    await gateway.smsim.control.put('/faults/smstob', { http500: 'always' })
    expect(await send('Ailleurs')).toMatchObject({ accepted: [FAKE_ADDRESS] })
  })
})
