/**
 * smsim's main entry point: the simulator, its core building blocks and the provider tables.
 * In-process handlers are in `smsim/msw`, the test helper in `smsim/testing`, the reference
 * clients in `smsim/client`.
 */
export { Simulator, type SimulatorOptions } from './server/simulator.ts'
export type { HttpOutcome, JournalListener } from './engine/engine.ts'
export { startSmsim, type StartOptions, type RunningSmsim, type TlsOptions } from './server/app.ts'
export {
  followJournal,
  logLine,
  type LogFormat,
  type LogLevel,
  type RequestLogOptions,
} from './server/request-log.ts'
export { Clock } from './core/clock.ts'
export type { CallbackLookup } from './server/callback-guard.ts'
export { CallbackRefusedError, type CallbackSender } from './engine/callbacks.ts'
export { MemoryStore } from './core/memory-store.ts'
export type { Store, StateView } from './core/store.ts'
export type { Account, AccountInput, Sms, Mail, JournalEntry, ProviderId } from './core/model.ts'
export type { Provider, CodeEntry, SimRequest, SimResponse } from './core/provider.ts'
export { SmsimError, PortInUseError, BadConfigError } from './core/errors.ts'
export { parsePhone, parseMobile } from './core/phone.ts'
export { countSegments } from './core/segments.ts'
export { publicHolidays, checkCommercialWindow, COMMERCIAL_WINDOWS } from './core/calendar.ts'
export { MAGIC_NUMBERS, MAGIC_PREFIXES } from './core/numbers.ts'
export { PROVIDERS } from './providers.ts'
export { SMSTOB_CODES } from './smstob/codes.ts'
