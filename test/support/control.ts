/**
 * What the transport suites do to smsim's state, for one provider, in two ways with the same
 * shape: over HTTP through the control API (`/_smsim/…`, the standalone server) and in-process
 * on the {@link Simulator} a team holds when it uses msw. Each provider's helpers pick one and
 * add the defaults of their own accounts; {@link resetEachTest} gives every test the same start.
 *
 * @example
 * const aspsms = controlOverHttp(() => smsim.control, 'aspsms')
 * resetEachTest(aspsms, { now: MONDAY_9H, accounts: [ACCOUNT], logger })
 */
import { afterEach, beforeEach } from 'vitest'
import type {
  Account,
  AccountInput,
  JournalEntry,
  Mail,
  ProviderId,
  Sms,
} from '../../simulators/core/model.ts'
import type { NumberState } from '../../simulators/core/numbers.ts'
import { parsePhone } from '../../simulators/core/phone.ts'
import type { Simulator } from '../../simulators/msw.ts'
import type { Faults } from '../../simulators/engine/faults.ts'
import type { ControlClient } from '../../simulators/testing.ts'
import { expectNothingLogged, type RecordingLogger } from './logger.ts'

export type AccountPatch = { credits?: number; options?: Record<string, unknown> }
export type MessageFilter = { to?: string; status?: string }

/** One provider's state, as the tests set it and read it. */
export interface ProviderControl {
  /** Empties the state, as `POST /_smsim/reset` does: accounts, SMS, mails, journal, faults. */
  reset(): Promise<void>
  /** Sets the clock to `now` and freezes it there. */
  setClock(now: string): Promise<void>
  /** Empties the state and freezes the clock at `now`: what every test starts from. */
  resetAt(now: string): Promise<void>
  advance(ms: number): Promise<void>
  createAccount(input: Omit<AccountInput, 'provider'>): Promise<void>
  patchAccount(id: string, patch: AccountPatch): Promise<void>
  account(id: string): Promise<Account>
  setNumber(number: string, state: NumberState): Promise<void>
  /** The provider's SMS, oldest first. */
  messages(filter?: MessageFilter): Promise<Sms[]>
  /** The outbox, every provider's, optionally to one address. */
  mails(to?: string): Promise<Mail[]>
  journal(): Promise<JournalEntry[]>
  faults(): Promise<Faults>
  setFaults(faults: Partial<Faults>): Promise<Faults>
  clearFaults(): Promise<void>
}

/** The provider's state through the control API of the server `control()` talks to. */
export function controlOverHttp(
  control: () => ControlClient,
  provider: ProviderId,
): ProviderControl {
  const target: ProviderControl = {
    reset: async () => void (await control().post('/reset')),
    setClock: async (now) => void (await control().put('/clock', { now, frozen: true })),
    async resetAt(now) {
      await target.reset()
      await target.setClock(now)
    },
    advance: async (ms) => void (await control().post('/clock/advance', { ms })),
    createAccount: async (input) =>
      void (await control().post('/accounts', { provider, ...input })),
    patchAccount: async (id, patch) =>
      void (await control().patch(`/accounts/${provider}/${id}`, patch)),
    account: (id) => control().get<Account>(`/accounts/${provider}/${id}`),
    setNumber: async (number, state) =>
      void (await control().put(`/numbers/${encodeURIComponent(number)}`, state)),
    messages: (filter = {}) =>
      control().get<Sms[]>(`/messages?${new URLSearchParams({ provider, ...filter })}`),
    mails: (to) => control().get<Mail[]>(`/mails${to ? `?${new URLSearchParams({ to })}` : ''}`),
    journal: () => control().get<JournalEntry[]>(`/journal?provider=${provider}`),
    faults: () => control().get<Faults>(`/faults/${provider}`),
    setFaults: (faults) => control().put<Faults>(`/faults/${provider}`, faults),
    clearFaults: () => control().delete(`/faults/${provider}`),
  }
  return target
}

/**
 * The provider's state on the simulator itself, as a team using msw reaches it. What it returns
 * are copies, as the control API's JSON would be: later changes must not show in what a test
 * read. Numbers are read as the control API reads them (`?to=0660…` finds `+33660…`).
 */
export function controlInProcess(sim: Simulator, provider: ProviderId): ProviderControl {
  const copy = <T>(value: T): T => structuredClone(value)
  const e164 = (number: string) => parsePhone(number)?.e164 ?? number
  const target: ProviderControl = {
    reset: async () => sim.reset(),
    setClock: async (now) => void sim.clock.set(now, true),
    async resetAt(now) {
      await target.reset()
      await target.setClock(now)
    },
    advance: async (ms) => void sim.clock.advance(ms),
    createAccount: async (input) =>
      void sim.store.createAccount({ provider, ...input }, sim.clock.now()),
    patchAccount: async (id, patch) =>
      void sim.store.updateAccount(provider, id, patch, sim.clock.now()),
    async account(id) {
      const found = sim.store.account(provider, id)
      if (!found) throw new Error(`no ${provider} account ${id}`)
      return copy(found)
    },
    setNumber: async (number, state) => sim.store.setNumber(e164(number), state),
    messages: async (filter = {}) =>
      copy(
        sim.store.messages({
          provider,
          ...(filter.to ? { to: e164(filter.to) } : {}),
          ...(filter.status ? { status: filter.status as Sms['status'] } : {}),
        }),
      ),
    mails: async (to) => copy(sim.store.mails(to ? { to } : {})),
    journal: async () => copy(sim.store.journal({ provider })),
    faults: async () => sim.faults(provider),
    setFaults: async (faults) => sim.setFaults(provider, faults),
    clearFaults: async () => void sim.setFaults(provider, undefined),
  }
  return target
}

/**
 * Gives each test of the enclosing `describe` the same start: before it, the state emptied, the
 * clock frozen at `now` and the accounts created; after it, a check that the simulator logged
 * nothing. A hook registered after this one runs before that check (vitest runs `afterEach`
 * hooks last registered first).
 */
export function resetEachTest(
  state: Pick<ProviderControl, 'resetAt' | 'createAccount'>,
  start: {
    now: string
    accounts: readonly Omit<AccountInput, 'provider'>[]
    logger: RecordingLogger
  },
): void {
  beforeEach(async () => {
    await state.resetAt(start.now)
    for (const account of start.accounts) await state.createAccount(account)
  })
  afterEach(() => expectNothingLogged(start.logger))
}
