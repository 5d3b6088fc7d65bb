/**
 * Every verb a suite can use, by provider and transport. A provider's module adds its sets
 * here; the loader refuses a suite that names a verb its transport does not have.
 */
import type { ProviderId } from '../../simulators/core/model.ts'
import type { ActionDef, ActionSet } from '../context.ts'
import type { Transport } from '../model.ts'
import { CALLBACK_ACTIONS } from './callbacks.ts'
import { CONTROL_ACTIONS } from './control.ts'
import { ALLMYSMS_ACTION_SETS } from './allmysms.ts'
import { ASPSMS_ACTION_SETS } from './aspsms.ts'
import { ISENDPRO_ACTION_SETS } from './isendpro.ts'
import { SMSTOB_HTTP_ACTIONS, SMSTOB_MAIL_ACTIONS } from './smstob.ts'

export const ACTION_SETS: readonly ActionSet[] = [
  CONTROL_ACTIONS,
  CALLBACK_ACTIONS,
  SMSTOB_HTTP_ACTIONS,
  SMSTOB_MAIL_ACTIONS,
  ...ASPSMS_ACTION_SETS,
  ...ALLMYSMS_ACTION_SETS,
  ...ISENDPRO_ACTION_SETS,
]

/** The transports each provider's scenarios can run over (those with a set of verbs). */
export function transportsOf(provider: ProviderId): Transport[] {
  return ACTION_SETS.filter((s) => s.provider === provider).map((s) => s.transport as Transport)
}

/**
 * The verb `name` for a provider over a transport: the transport's own first, then the
 * shared ones.
 */
export function findAction(
  provider: ProviderId,
  transport: Transport,
  name: string,
  sets: readonly ActionSet[] = ACTION_SETS,
): ActionDef | undefined {
  const own = sets.find(
    (s) => s.provider === provider && s.transport === transport && Object.hasOwn(s.actions, name),
  )
  const shared = sets.find(
    (s) => s.provider === '*' && s.transport === '*' && Object.hasOwn(s.actions, name),
  )
  return (own ?? shared)?.actions[name]
}
