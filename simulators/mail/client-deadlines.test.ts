import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ClientDeadlines, deadlineText, type Deadline } from './client-deadlines.ts'

const LIMITS = { commandLineTimeoutMs: 100, sessionWithoutMailMs: 1_000, dataTimeoutMs: 500 }

function deadlines() {
  const expired: Deadline[] = []
  const clock = new ClientDeadlines(LIMITS, (deadline) => expired.push(deadline))
  return { clock, expired }
}

describe('ClientDeadlines', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('times a command line from its first unfinished chunk, not from the last one', () => {
    const { clock, expired } = deadlines()
    clock.start()
    clock.linePending()
    vi.advanceTimersByTime(60)
    clock.linePending()
    vi.advanceTimersByTime(40)
    expect(expired).toEqual(['command-line'])
  })

  it('gives each command line its own time', () => {
    const { clock, expired } = deadlines()
    clock.start()
    clock.linePending()
    vi.advanceTimersByTime(90)
    clock.lineEnded()
    clock.linePending()
    vi.advanceTimersByTime(90)
    expect(expired).toEqual([])
  })

  it('ends the session without a mail accepted, whatever else happened', () => {
    const { clock, expired } = deadlines()
    clock.start()
    for (let i = 0; i < 9; i++) {
      clock.linePending()
      clock.lineEnded()
      clock.mailAnswered(true) // a 250 outside a mail (NOOP, RCPT…) is no mail
      vi.advanceTimersByTime(100)
    }
    expect(expired).toEqual([])
    vi.advanceTimersByTime(100)
    expect(expired).toEqual(['session'])
  })

  it('starts the session again at each accepted mail', () => {
    const { clock, expired } = deadlines()
    clock.start()
    vi.advanceTimersByTime(900)
    clock.mailStarted()
    clock.mailReceived()
    clock.mailAnswered(true)
    vi.advanceTimersByTime(900)
    expect(expired).toEqual([])
    vi.advanceTimersByTime(100)
    expect(expired).toEqual(['session'])
  })

  it('keeps a session that ran out during a mail until its reply: gone if accepted', () => {
    const { clock, expired } = deadlines()
    clock.start()
    vi.advanceTimersByTime(900)
    clock.mailStarted()
    vi.advanceTimersByTime(400)
    clock.mailReceived()
    vi.advanceTimersByTime(2_000) // the gateway deciding: not the client's time
    expect(expired).toEqual([])
    clock.mailAnswered(true)
    expect(expired).toEqual([])
  })

  it('ends a session that ran out during a refused mail right after its reply', () => {
    const { clock, expired } = deadlines()
    clock.start()
    vi.advanceTimersByTime(900)
    clock.mailStarted()
    vi.advanceTimersByTime(200)
    clock.mailReceived()
    clock.mailAnswered(false)
    expect(expired).toEqual(['session'])
  })

  it('bounds the mail from 354 to its final dot, and the line deadline stops meanwhile', () => {
    const { clock, expired } = deadlines()
    clock.start()
    clock.linePending()
    clock.mailStarted()
    vi.advanceTimersByTime(499)
    expect(expired).toEqual([])
    vi.advanceTimersByTime(1)
    expect(expired).toEqual(['data'])
  })

  it('fires once, and never after stop', () => {
    const { clock, expired } = deadlines()
    clock.start()
    clock.linePending()
    vi.advanceTimersByTime(5_000)
    expect(expired).toEqual(['command-line'])
    const other = deadlines()
    other.clock.start()
    other.clock.stop()
    other.clock.linePending()
    other.clock.mailStarted()
    vi.advanceTimersByTime(5_000)
    expect(other.expired).toEqual([])
  })
})

describe('deadlineText', () => {
  it('says which bound was reached, in seconds or milliseconds', () => {
    expect(deadlineText('command-line', 10_000)).toMatchInlineSnapshot(
      `"Timeout - command line not completed within 10 s, closing connection"`,
    )
    expect(deadlineText('session', 60_000)).toMatchInlineSnapshot(
      `"Timeout - no mail accepted within 60 s of session, closing connection"`,
    )
    expect(deadlineText('data', 157_000)).toMatchInlineSnapshot(
      `"Timeout - mail not received within 157 s, closing connection"`,
    )
    expect(deadlineText('data', 250)).toMatchInlineSnapshot(
      `"Timeout - mail not received within 250 ms, closing connection"`,
    )
  })
})
