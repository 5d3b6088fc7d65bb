// @ts-check
/**
 * What every view is given and what it gives back: the shapes the dashboard's modules share.
 * Types only (JSDoc, checked by `tsc -p simulators/dashboard`), and the lookup of a code's
 * meaning.
 */

/**
 * @typedef {{ code: number | string, text: string, when?: string, source?: string }} CodeInfo
 * @typedef {{
 *   id: string,
 *   name: string,
 *   prefix: string,
 *   endpoints: { name: string, hosts: string[], paths: string[] }[],
 *   codes: CodeInfo[],
 *   faultCodes?: number[],
 * }} ProviderInfo
 * @typedef {{ now: string, frozen: boolean, mode: string }} ClockState
 *
 * @typedef {{
 *   providers: ProviderInfo[],
 *   meaning(provider: string, code: unknown): string | undefined,
 *   clock(): ClockState | undefined,
 *   setClock(clock: ClockState): void,
 *   setParams(params: Record<string, string>): void,
 *   notify(text: string, kind?: 'ok' | 'error'): void,
 * }} Context
 *
 * @typedef {{
 *   element: HTMLElement,
 *   refresh(): Promise<void>,
 *   onEvent?(type: string, data: any): void,
 *   onParams?(params: URLSearchParams): void,
 *   dispose?(): void,
 * }} View
 *
 * @typedef {(context: Context, params: URLSearchParams) => View} ViewFactory
 */

/**
 * What a provider's code means, from its code table (`GET /_smsim/providers`), for a journal
 * entry or an answer that does not say it itself.
 *
 * @param {ProviderInfo[]} providers
 * @param {string} provider
 * @param {unknown} code
 * @returns {string | undefined}
 */
export function codeMeaning(providers, provider, code) {
  if (code === undefined || code === null || code === '') return undefined
  const table = providers.find((p) => p.id === provider)?.codes ?? []
  return table.find((c) => String(c.code) === String(code))?.text
}
