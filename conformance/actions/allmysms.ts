/**
 * allmysms's verbs, one set per transport, through the reference clients only.
 */
import type { ActionSet } from '../context.ts'

export const ALLMYSMS_ACTION_SETS: readonly ActionSet[] = []
