/**
 * `GET /_smsim/messages?wait=` and `GET /_smsim/mails?wait=` over HTTP, and the client helpers
 * built on them (`waitForSms`, `waitForMail`): a read that finds nothing stays open until a
 * record it selects arrives, and answers 408 at its deadline. Only the deadlines are real time,
 * and short; every arrival is made by the test, after the wait began.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_WAIT_MS } from '../../simulators/server/live-limits.ts'
import { WaitTimeoutError } from '../../simulators/testing.ts'
import { expectNothingLogged, recordingLogger } from '../support/logger.ts'
import { useTestSmsim } from '../support/smsim.ts'

const ACCOUNT = {
  provider: 'smstob' as const,
  id: 'ecole@example.fr',
  secret: 'XV65JU',
  credits: 50,
}
/** Switched off for ten minutes (README, magic numbers). */
const SWITCHED_OFF = '0600000013'

describe('reads that wait', () => {
  const logger = recordingLogger()
  const smsim = useTestSmsim({
    logger,
    liveLimits: { maxWaiters: 2 },
    accounts: [ACCOUNT],
    clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  })
  const send = (numero: string, message: string) =>
    fetch(
      `${smsim().url}/smstob/http.php?email=${ACCOUNT.id}&pass=${ACCOUNT.secret}&numero=${numero}&message=${encodeURIComponent(message)}`,
    ).then((r) => r.text())
  const read = (path: string, signal?: AbortSignal) =>
    fetch(`${smsim().url}/_smsim${path}`, signal ? { signal } : {})
  /** Resolves once `count` reads (or streams) listen: the wait has begun on the server. */
  const listening = async (count = 1) => {
    while (smsim().sim.changes.size < count) await new Promise((r) => setImmediate(r))
  }

  beforeEach(() => smsim().control.post('/reset'))
  afterEach(() => {
    expect(smsim().sim.changes.size, 'listeners left behind').toBe(0)
    expectNothingLogged(logger)
  })

  it('answers as soon as an SMS sent after the wait began reaches the phone', async () => {
    const waiting = read('/messages?to=0660919010&wait=10s')
    await listening()
    expect(await send('0660919010', 'Votre code : 482913')).toBe('80')
    const answer = await waiting
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject([{ to: '+33660919010', otp: '482913' }])
  })

  it('answers at once when a record is already there, and counts only newer ones with since', async () => {
    expect(await send('0660919010', 'Premier')).toBe('80')
    expect(await (await read('/messages?to=0660919010&wait=10s')).json()).toMatchObject([
      { text: 'Premier' },
    ])
    await smsim().control.post('/clock/advance', { ms: 60_000 })
    const since = encodeURIComponent('2026-01-05T09:01:00+01:00')
    const waiting = read(`/messages?to=0660919010&since=${since}&wait=10s`)
    await listening()
    expect(await send('0660919010', 'Second')).toBe('80')
    expect(await (await waiting).json()).toMatchObject([{ text: 'Second' }])
  })

  it('waits for a status: answers when the clock delivers the SMS', async () => {
    expect(await send(SWITCHED_OFF, 'Bonjour')).toBe('80')
    const waiting = read(`/messages?to=${SWITCHED_OFF}&status=delivered&wait=10s`)
    await listening()
    await smsim().control.post('/clock/advance', { ms: 10 * 60_000 })
    expect(await (await waiting).json()).toMatchObject([{ status: 'delivered' }])
  })

  it('waits for a mail the outbox gets after the wait began', async () => {
    const waiting = read(`/mails?to=${ACCOUNT.id}&q=confirmation&wait=10s`)
    await listening()
    await smsim().sendMail({
      from: ACCOUNT.id,
      to: `${ACCOUNT.secret}.0660919010@smstob.com`,
      text: 'Bonjour par mail',
    })
    const [mail] = (await (await waiting).json()) as { subject: string; text: string }[]
    expect(mail!.subject).toContain('confirmation')
    expect(mail!.text).not.toContain(ACCOUNT.secret)
  })

  it('answers 408 at the deadline, saying what it waited for', async () => {
    const answer = await read('/messages?to=0660919010&q=code&wait=200ms')
    expect(answer.status).toBe(408)
    expect(await answer.json()).toEqual({
      error:
        'no SMS with to=0660919010, q=code arrived within 200 ms (GET /_smsim/messages?wait=200ms)',
      awaited: { kind: 'sms', to: '0660919010', q: 'code', waitMs: 200 },
    })
    const mails = await read('/mails?wait=0')
    expect(mails.status).toBe(408)
  })

  it('forgets a wait whose client went away: its listener and its timer go', async () => {
    const hangUp = new AbortController()
    const waiting = read('/messages?to=0660919010&wait=30s', hangUp.signal).catch(
      (error: Error) => error.name,
    )
    await listening()
    hangUp.abort()
    expect(await waiting).toBe('AbortError')
    while (smsim().sim.changes.size > 0) await new Promise((r) => setTimeout(r, 5))
    // A send afterwards finds nobody waiting, and nothing is written to a closed request.
    expect(await send('0660919010', 'Bonjour')).toBe('80')
  })

  it.each([
    ['wait=forever', 'wait must be a duration such as 500ms, 5s or 2000, not "forever"'],
    [`wait=${MAX_WAIT_MS + 1}`, 'wait is at most 60s (60000 ms): ask again to wait longer'],
    [
      'since=2026-01-05T09:00:00',
      'since: "2026-01-05T09:00:00" has no time zone offset: write it as ISO 8601 with Z or ±hh:mm',
    ],
  ])('refuses %s with 400', async (query, error) => {
    const answer = await read(`/messages?${query}`)
    expect(answer.status).toBe(400)
    expect(await answer.json()).toEqual({ error })
  })

  it('refuses a wait beyond the bound of reads waiting at once with 503', async () => {
    const hangUp = new AbortController()
    const waits = [1, 2].map(() =>
      read('/mails?wait=30s', hangUp.signal).catch((error: Error) => error.name),
    )
    await listening(2)
    const third = await read('/mails?wait=30s')
    expect(third.status).toBe(503)
    expect(await third.json()).toEqual({
      error: '2 reads are already waiting: try again when some have answered',
    })
    hangUp.abort()
    expect(await Promise.all(waits)).toEqual(['AbortError', 'AbortError'])
    while (smsim().sim.changes.size > 0) await new Promise((r) => setTimeout(r, 5))
  })
})

describe('waitForSms and waitForMail', () => {
  const smsim = useTestSmsim({
    accounts: [ACCOUNT],
    clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  })
  const send = (numero: string, message: string) =>
    fetch(
      `${smsim().url}/smstob/http.php?email=${ACCOUNT.id}&pass=${ACCOUNT.secret}&numero=${numero}&message=${encodeURIComponent(message)}`,
    ).then((r) => r.text())
  beforeEach(() => smsim().control.post('/reset'))

  it('returns the first SMS whose text a pattern matches, passing over those before it', async () => {
    expect(await send('0660919010', 'Bienvenue')).toBe('80')
    const waiting = smsim().waitForSms({ to: '0660919010', match: /code (\d+)/, timeout: 10_000 })
    while (smsim().sim.changes.size < 1) await new Promise((r) => setImmediate(r))
    expect(await send('0660919010', 'Rappel')).toBe('80')
    expect(await send('0660919010', 'Votre code 4829')).toBe('80')
    expect(await waiting).toMatchObject({ text: 'Votre code 4829', otp: '4829' })
  })

  it('takes a text to match as a search smsim makes', async () => {
    expect(await send('0660919011', 'Bonjour Jean')).toBe('80')
    expect(await smsim().waitForSms({ match: 'Jean', provider: 'smstob' })).toMatchObject({
      to: '+33660919011',
    })
  })

  it('rejects with a WaitTimeoutError that says what it waited for', async () => {
    expect(await send('0660919010', 'Bienvenue')).toBe('80')
    const waiting = smsim().waitForSms({ to: '0660919010', match: /code/, timeout: 200 })
    await expect(waiting).rejects.toThrow(WaitTimeoutError)
    await expect(waiting).rejects.toThrow(
      'no SMS with to=0660919010, matching /code/ arrived within 200 ms (1 other did not match)',
    )
  })

  it('returns the outbox mail that matches', async () => {
    const waiting = smsim().waitForMail({ to: ACCOUNT.id.toUpperCase(), match: /confirmation/ })
    await smsim().sendMail({
      from: ACCOUNT.id,
      to: `${ACCOUNT.secret}.0660919010@smstob.com`,
      text: 'Bonjour par mail',
    })
    expect(await waiting).toMatchObject({ to: ACCOUNT.id, provider: 'smstob' })
  })
})
