/**
 * What the control API reads from a request: its JSON bodies and parameters, checked, each
 * refusal a ControlError with the status and message the client gets (400, or 404 for a provider
 * smsim does not simulate).
 */
import { MAX_DEPTH, nestedDeeperThan } from '../core/bounds.ts'
import { ControlError } from '../core/errors.ts'
import type { AccountInput, ProviderId } from '../core/model.ts'
import { NUMBER_STATUSES, type NumberState } from '../core/numbers.ts'
import { parsePhone } from '../core/phone.ts'
import type { Simulator } from './simulator.ts'

export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ControlError(400, 'the body must be a JSON object')
  return body as Record<string, unknown>
}

/**
 * `?reveal=secret`: the one read that shows an account's secret (and an id that is a
 * credential) in clear, because the user asked for it by name. Any other value is refused, so
 * that a typo does not silently answer masked.
 */
export function reveal(value: unknown): boolean {
  if (value === undefined) return false
  if (value === 'secret') return true
  throw new ControlError(400, 'reveal takes one value: secret (?reveal=secret)')
}

export function knownProvider(sim: Simulator, value: unknown): ProviderId {
  if (typeof value !== 'string' || !sim.providers.has(value as ProviderId)) {
    throw new ControlError(
      404,
      `no provider "${String(value)}"; known: ${[...sim.providers.keys()].join(', ')}`,
    )
  }
  return value as ProviderId
}

export function optionalProvider(sim: Simulator, value: unknown): ProviderId | undefined {
  return value === undefined || value === '' ? undefined : knownProvider(sim, value)
}

export function stringField(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new ControlError(400, `${name} must be a string`)
  return value
}

export function credits(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new ControlError(400, 'credits must be a number ≥ 0')
  return value
}

export function options(
  sim: Simulator,
  provider: ProviderId,
  value: unknown,
): Record<string, unknown> {
  const body = objectBody(value)
  // Kept with the account and read back by every GET: nothing that would break the read.
  if (nestedDeeperThan(body, MAX_DEPTH))
    throw new ControlError(400, `options must not nest deeper than ${MAX_DEPTH} levels`)
  const problems = sim.providers.get(provider)?.validateOptions?.(body) ?? []
  if (problems.length) throw new ControlError(400, problems.join('; '))
  return body
}

/** Validates a `POST /accounts` body (also used for config files). */
export function accountInput(sim: Simulator, value: unknown): AccountInput {
  const body = objectBody(value)
  const provider = knownProvider(sim, body.provider)
  const id = stringField(body.id, 'id').trim()
  if (id === '') throw new ControlError(400, 'id must not be empty')
  return {
    provider,
    id,
    ...(body.secret !== undefined ? { secret: stringField(body.secret, 'secret') } : {}),
    ...(body.credits !== undefined ? { credits: credits(body.credits) } : {}),
    ...(body.options !== undefined ? { options: options(sim, provider, body.options) } : {}),
  }
}

export function e164(value: string): string {
  const parsed = parsePhone(value)
  if (!parsed) throw new ControlError(400, `"${value}" is not a phone number`)
  return parsed.e164
}

export function numberState(value: unknown): NumberState {
  const body = objectBody(value)
  if (!NUMBER_STATUSES.includes(body.status as never)) {
    throw new ControlError(400, `status must be one of ${NUMBER_STATUSES.join(', ')}`)
  }
  const state: NumberState = { status: body.status as NumberState['status'] }
  if (body.backAfterMs !== undefined) {
    if (typeof body.backAfterMs !== 'number' || body.backAfterMs < 0)
      throw new ControlError(400, 'backAfterMs must be a number ≥ 0')
    state.backAfterMs = body.backAfterMs
  }
  return state
}
