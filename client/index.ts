/**
 * smsim's reference clients: one module per provider, typed results, usable on their own
 * against the real providers (set the base URL) as well as against smsim.
 */
export {
  SmstobHttpClient,
  interpretSmstobAnswer,
  formatDiff,
  SMSTOB_DEFAULT_BASE_URL,
  type SmstobClientOptions,
  type SmstobSendInput,
  type SmstobResult,
} from './smstob/http.ts'
