/**
 * The two implementations of a provider's HTTP side, for `describe.each` (STYLE.md §21): the
 * standalone server on 127.0.0.1, and the msw handlers in-process answering the real host.
 *
 * @example
 * describe.each(IMPLEMENTATIONS)('code 80 through $name', ({ kind }) => { … })
 */
export const IMPLEMENTATIONS = [
  { name: 'the standalone server', kind: 'standalone' },
  { name: 'msw in-process', kind: 'msw' },
] as const

export type Implementation = (typeof IMPLEMENTATIONS)[number]['kind']
