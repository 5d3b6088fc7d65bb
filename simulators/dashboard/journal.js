// @ts-check
/**
 * Journal: every request and mail the providers received — provider, transport, account, the
 * code answered and what it means, how long it took — and, for one, what was read of it and
 * what was answered.
 */
import { mergeNewest, page } from './api.js'
import { field, h, prettyJson } from './dom.js'
import { liveList } from './live-list.js'
import { providerFilter, providerName, zoneOf } from './providers.js'
import { coalesced, debounced, keyedList, update } from './redraw.js'
import { timeElement } from './time.js'

/** How many entries are read at a time. */
const JOURNAL_PAGE = 100

/**
 * @typedef {{
 *   seq: number, at: string, provider: string, transport: string, account?: string,
 *   request: Record<string, unknown>, code?: string | number, meaning?: string,
 *   status?: number, messages?: string[], note?: string,
 *   response?: unknown, answer?: unknown,
 * }} Entry
 */

/** @param {Entry} entry */
const order = (entry) => entry.seq

/** @param {unknown} value a request field as a person reads it */
const shown = (value) => (typeof value === 'string' ? value : prettyJson(value))

/**
 * @param {import('./context.js').Context} context
 * @param {URLSearchParams} params
 * @returns {import('./context.js').View}
 */
export function journalView(context, params) {
  const filters = {
    provider: params.get('provider') ?? '',
    account: params.get('account') ?? '',
    transport: params.get('transport') ?? '',
    code: params.get('code') ?? '',
    search: params.get('search') ?? '',
  }
  let selected = Number(params.get('entry') ?? 0)
  /** @type {Map<string, Entry & { id: string }>} */
  const entries = new Map()
  let more = false

  /** @param {Entry} entry */
  const meaningOf = (entry) => entry.meaning ?? context.meaning(entry.provider, entry.code)
  /** @param {Entry} entry */
  const matches = (entry) =>
    (!filters.transport || entry.transport === filters.transport) &&
    (!filters.code || String(entry.code ?? '') === filters.code) &&
    (!filters.search || JSON.stringify(entry).toLowerCase().includes(filters.search.toLowerCase()))

  const providerSelect = providerFilter(context.providers, filters.provider)
  const accountInput = h('input', {
    name: 'account',
    type: 'search',
    value: filters.account,
    autocomplete: 'off',
  })
  const transportInput = h('input', {
    name: 'transport',
    type: 'search',
    value: filters.transport,
    list: 'journal-transports',
    autocomplete: 'off',
  })
  const transports = h('datalist', { id: 'journal-transports' })
  const codeInput = h('input', {
    name: 'code',
    type: 'search',
    value: filters.code,
    autocomplete: 'off',
    size: 6,
  })
  const searchInput = h('input', {
    name: 'search',
    type: 'search',
    value: filters.search,
    autocomplete: 'off',
  })
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the journal' },
    field('Provider', providerSelect),
    field('Account', accountInput, 'the whole id'),
    field('Transport', transportInput),
    field('Code', codeInput),
    field('Text', searchInput, 'anywhere in the entries loaded'),
    transports,
  )
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' })
  const body = h('tbody')
  const table = h(
    'table',
    { class: 'journal-table' },
    h('caption', { class: 'visually-hidden' }, 'Requests and mails received, newest first'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['#', 'Time', 'Provider', 'Transport', 'Account', 'Code', 'Status'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    body,
  )
  const older = h('button', { type: 'button', class: 'more' }, 'Load older entries')
  const detail = h('article', { class: 'detail', 'aria-label': 'The entry' })
  const element = h(
    'section',
    { class: 'view view-journal' },
    h('h2', { tabindex: -1 }, 'Journal'),
    form,
    h(
      'div',
      { class: 'split split-wide' },
      h('div', { class: 'list-pane table-pane' }, summary, table, older),
      detail,
    ),
  )

  const renderDetail = () => {
    const entry = entries.get(String(selected))
    update(detail, entry ? `${entry.seq} ${entry.at} ${meaningOf(entry)}` : '', () =>
      entry
        ? entryDetail(entry)
        : [h('p', { class: 'empty' }, 'Choose an entry to see what was read and answered.')],
    )
  }

  /** @param {Entry} entry */
  const entryDetail = (entry) => {
    const zone = zoneOf(entry.provider)
    const meaning = meaningOf(entry)
    const answer = entry.response ?? entry.answer
    return [
      h('h3', {}, `#${entry.seq} · ${providerName(entry.provider)} · ${entry.transport}`),
      h(
        'dl',
        { class: 'headers' },
        [
          ['Time', timeElement(entry.at, zone)],
          ['Account', entry.account ?? '—'],
          [
            'Code',
            entry.code === undefined ? '—' : `${entry.code}${meaning ? ` — ${meaning}` : ''}`,
          ],
          ['Status', entry.status === undefined ? '—' : String(entry.status)],
          ...(entry.note ? [['Note', entry.note]] : []),
          ...(entry.messages?.length ? [['SMS created', entry.messages.join(', ')]] : []),
        ].map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
      ),
      h('h4', {}, 'Request: what the provider read'),
      h(
        'dl',
        { class: 'request-fields' },
        Object.entries(entry.request ?? {}).map(([name, value]) => [
          h('dt', {}, name),
          h('dd', {}, h('code', {}, shown(value))),
        ]),
      ),
      answer !== undefined
        ? [h('h4', {}, 'Answer'), h('pre', { class: 'json' }, shown(answer))]
        : null,
      h(
        'details',
        {},
        h('summary', {}, 'The entry as JSON'),
        h('pre', { class: 'json' }, prettyJson(entry)),
      ),
    ]
  }

  const renderRows = keyedList(
    body,
    (/** @type {Entry} */ entry) => String(entry.seq),
    (entry) =>
      `${entry.at} ${entry.transport} ${entry.code} ${entry.seq === selected} ${meaningOf(entry)}`,
    (entry) => {
      const meaning = meaningOf(entry)
      return h(
        'tr',
        { 'aria-current': entry.seq === selected ? 'true' : false, 'data-seq': entry.seq },
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              'aria-label': `Entry ${entry.seq}: details`,
              'data-focus': `entry ${entry.seq}`,
              onclick: () => {
                selected = entry.seq
                context.setParams({ ...filters, entry: String(selected) })
                render()
              },
            },
            `#${entry.seq}`,
          ),
        ),
        h('td', {}, timeElement(entry.at, zoneOf(entry.provider), 'time')),
        h('td', {}, providerName(entry.provider)),
        h('td', {}, entry.transport),
        h('td', { class: 'cell-account' }, entry.account ?? ''),
        h(
          'td',
          { class: 'cell-code' },
          entry.code === undefined ? '' : h('strong', {}, String(entry.code)),
          meaning ? h('span', { class: 'meaning' }, ` ${meaning}`) : '',
        ),
        h('td', {}, entry.status === undefined ? '' : String(entry.status)),
      )
    },
  )

  const render = coalesced(() => {
    const rows = [...entries.values()].filter(matches).sort((a, b) => b.seq - a.seq)
    renderRows(rows)
    transports.replaceChildren(
      ...[...new Set([...entries.values()].map((e) => e.transport))].map((t) =>
        h('option', { value: t }),
      ),
    )
    summary.textContent = entries.size
      ? `${rows.length} of the ${entries.size} latest entries loaded`
      : 'No request received yet.'
    older.hidden = !more
    renderDetail()
  })

  /** @param {Entry} entry */
  const withId = (entry) => ({ ...entry, id: String(entry.seq) })

  /** @param {boolean} fromStart */
  async function load(fromStart) {
    const server = { provider: filters.provider, account: filters.account }
    /** @type {import('./api.js').Page<Entry>} */
    const result = await page('/journal', server, fromStart ? 0 : entries.size, JOURNAL_PAGE, order)
    const withIds = { ...result, items: result.items.map(withId) }
    if (fromStart) mergeNewest(entries, withIds, order)
    else for (const entry of withIds.items) entries.set(entry.id, entry)
    more = result.more
    render()
  }

  /** @param {unknown} error */
  const report = (error) =>
    context.notify(error instanceof Error ? error.message : String(error), 'error')
  const apply = () => {
    const serverChanged =
      filters.provider !== providerSelect.value || filters.account !== accountInput.value.trim()
    filters.provider = providerSelect.value
    filters.account = accountInput.value.trim()
    filters.transport = transportInput.value.trim()
    filters.code = codeInput.value.trim()
    filters.search = searchInput.value
    context.setParams({ ...filters, entry: selected ? String(selected) : '' })
    if (!serverChanged) return render()
    entries.clear()
    void load(true).catch(report)
  }
  providerSelect.addEventListener('change', apply)
  for (const input of [accountInput, transportInput, codeInput, searchInput])
    input.addEventListener('input', debounced(apply, 250))

  return {
    element,
    ...liveList({
      records: entries,
      type: 'journal',
      accept: (data) => {
        const entry = /** @type {Entry} */ (data)
        if (filters.provider && entry.provider !== filters.provider) return undefined
        if (filters.account && entry.account !== filters.account) return undefined
        return withId(entry)
      },
      order,
      view: { load, render, report, onDropped: () => (more = true) },
      controls: { form, apply, older },
    }),
  }
}
