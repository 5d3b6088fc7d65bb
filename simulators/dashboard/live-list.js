// @ts-check
/**
 * What the outbox and the journal share as lists read a page at a time from the control API and
 * kept up to date by the live feed: the search form and the "Load older" button wired, a reset
 * that empties the list and reads its first page again, and each live record the filters keep
 * added, the oldest going past {@link MAX_KEPT}.
 */
import { keepNewest } from './api.js'

/** Most kept on the page: live events add to it, and beyond it the oldest go (and can be loaded again). */
export const MAX_KEPT = 1000

/**
 * Wires a paged list's form and "Load older" button, and answers the view's `refresh` and
 * `onEvent`: `reset` empties `records` and reads the first page again; a live event of `type`
 * whose record `accept` keeps is added, and `onDropped` is told when the oldest went for it.
 *
 * @example
 * return { element, ...liveList({ records: mails, type: 'mail', accept, order, view, controls }) }
 *
 * @template {{ id: string }} T
 * @param {{
 *   records: Map<string, T>,
 *   type: string,
 *   accept: (data: unknown) => T | undefined,
 *   order: (item: T) => string | number,
 *   view: {
 *     load: (fromStart: boolean) => Promise<void>,
 *     render: () => void,
 *     report: (error: unknown) => void,
 *     onDropped: () => void,
 *   },
 *   controls: { form: HTMLFormElement, apply: () => void, older: HTMLButtonElement },
 * }} list
 * @returns {{ refresh(): Promise<void>, onEvent(type: string, data: unknown): void }}
 */
export function liveList({ records, type: recordType, accept, order, view, controls }) {
  const { load, report } = view
  controls.form.addEventListener('submit', (event) => {
    event.preventDefault()
    controls.apply()
  })
  controls.older.addEventListener('click', () => void load(false).catch(report))
  return {
    refresh: () => load(true),
    onEvent(type, data) {
      if (type === 'reset') {
        records.clear()
        void load(true).catch(report)
      }
      if (type !== recordType) return
      const record = accept(data)
      if (!record) return
      records.set(record.id, record)
      if (keepNewest(records, MAX_KEPT, order)) view.onDropped()
      view.render()
    },
  }
}
