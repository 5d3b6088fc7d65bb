import { describe, expect, it } from 'vitest'
import { Clock } from '../core/clock.ts'
import { MemoryStore } from '../core/memory-store.ts'
import { ChangeFeed, type Change } from './changes.ts'
import { ObservedStore } from './observed-store.ts'

const NOW = new Date('2026-01-05T09:00:00+01:00')
const SMS = {
  provider: 'smstob',
  account: 'a@b.fr',
  transport: 'http',
  text: 'Bonjour',
  encoding: 'gsm7',
  segments: 1,
  class: 'normal',
  validityMs: 3_600_000,
} as const

function observed() {
  const feed = new ChangeFeed({ error: () => undefined })
  const store = new ObservedStore(new MemoryStore(), feed)
  store.createAccount({ provider: 'smstob', id: 'a@b.fr', credits: 5 }, NOW)
  const told: Change[] = []
  // A copy: the records told are the live ones, which move on afterwards.
  feed.onAny((change) => told.push(structuredClone(change)))
  return { feed, store, told }
}

describe('the observed store', () => {
  it('tells an SMS delivered at once as one change, then the debited account', () => {
    const { store, told } = observed()
    store.apply(
      [
        { kind: 'debit', provider: 'smstob', account: 'a@b.fr', amount: 1, reason: 'send' },
        { kind: 'sms', sms: { ...SMS, to: '+33660919010' } },
      ],
      NOW,
    )
    expect(told.map((c) => c.kind)).toEqual(['sms', 'account'])
    expect(told[0]!.data).toMatchObject({ status: 'delivered' })
    expect(told[1]!.data).toMatchObject({ credits: 4 })
  })

  it('tells an SMS again when the clock releases it, in its state then', () => {
    const { store, told } = observed()
    // 06 00 00 00 13: switched off for ten minutes.
    store.apply([{ kind: 'sms', sms: { ...SMS, to: '+33600000013' } }], NOW)
    store.release(new Date(NOW.getTime() + 10 * 60_000))
    expect(told.map((c) => [c.kind, (c.data as { status?: string }).status])).toEqual([
      ['sms', 'buffered'],
      ['sms', 'delivered'],
    ])
  })

  it('builds nothing and tells nobody when nobody listens', () => {
    const feed = new ChangeFeed()
    const store = new ObservedStore(new MemoryStore(), feed)
    expect(feed.wants('sms')).toBe(false)
    store.createAccount({ provider: 'smstob', id: 'a@b.fr', credits: 5 }, NOW)
    const stop = feed.on('journal', () => undefined)
    expect([feed.wants('journal'), feed.wants('sms'), feed.size]).toEqual([true, false, 1])
    stop()
    expect(feed.size).toBe(0)
  })

  it('logs a listener that throws and still tells the others', () => {
    const logged: unknown[][] = []
    const feed = new ChangeFeed({ error: (...args: unknown[]) => void logged.push(args) })
    const seen: string[] = []
    feed.on('clock', () => {
      throw new Error('broken')
    })
    feed.on('clock', (clock) => seen.push(clock.now))
    feed.emit('clock', new Clock({ now: NOW, frozen: true }).toJSON())
    expect(seen).toEqual(['2026-01-05T08:00:00.000Z'])
    expect(logged.map((args) => args[0])).toEqual(['smsim: a listener of "clock" changes failed:'])
  })
})
