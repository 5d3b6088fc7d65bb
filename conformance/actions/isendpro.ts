/**
 * isendpro's verbs, one set per transport, through the reference clients only.
 */
import type { ActionSet } from '../context.ts'

export const ISENDPRO_ACTION_SETS: readonly ActionSet[] = []
