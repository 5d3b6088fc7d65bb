/**
 * Every provider smsim simulates. Adding a provider is adding its folder and one line here.
 */
import type { Provider } from './core/provider.ts'
import { allmysms } from './allmysms/index.ts'
import { aspsms } from './aspsms/index.ts'
import { isendpro } from './isendpro/index.ts'
import { smstob } from './smstob/index.ts'

export const PROVIDERS: readonly Provider[] = [smstob, aspsms, allmysms, isendpro]
