// @ts-check
/**
 * Phones: one conversation per number, each SMS as the phone shows it — sender, time in the
 * provider's zone, the text as it is, its parts and encoding, flash messages marked — and its
 * delivery status as it moves. Built from the latest SMS a page at a time, never the whole
 * store (100,000 SMS stay responsive).
 */
import { keepNewest, mergeNewest, page } from './api.js'
import { field, h } from './dom.js'
import { providerFilter } from './providers.js'
import { coalesced, debounced, keyedList } from './redraw.js'
import { newestFirst, order, smsItem, spacedNumber } from './sms.js'

/** @typedef {import('./sms.js').Sms} Sms */

/** How many of the latest SMS the conversation list is built from, a page at a time. */
const RECENT_PAGE = 200
/** How many SMS of one phone are read at a time. */
const THREAD_PAGE = 50
/** Most SMS kept for the conversation list: live events add to it, and beyond it the oldest go. */
const MAX_KEPT = 2000
/** Most conversations listed: a longer list is narrowed with the filters. */
const MAX_CONVERSATIONS = 300

/**
 * A whole number as typed (`06 60 91 90 10`, `+41 79…`), which the server can look up exactly;
 * anything shorter is searched among the SMS loaded.
 *
 * @param {string} typed
 */
const wholeNumber = (typed) => {
  const compact = typed.replace(/[\s.()-]/g, '')
  return /^(\+\d{10,15}|00\d{10,15}|0\d{9})$/.test(compact) ? compact : ''
}

/**
 * @param {import('./context.js').Context} context
 * @param {URLSearchParams} params
 * @returns {import('./context.js').View}
 */
export function phonesView(context, params) {
  const filters = {
    provider: params.get('provider') ?? '',
    account: params.get('account') ?? '',
    number: params.get('number') ?? '',
    search: params.get('search') ?? '',
  }
  let selected = params.get('to') ?? ''

  /** @type {Map<string, Sms>} the latest SMS matching the server-side filters */
  const recent = new Map()
  let recentMore = false
  /** @type {Map<string, Sms>} the selected phone's SMS */
  const thread = new Map()
  let threadMore = false

  const serverFilters = () => ({
    provider: filters.provider,
    account: filters.account,
    to: wholeNumber(filters.number),
  })
  /** @param {Sms} sms */
  const matchesServer = (sms) =>
    (!filters.provider || sms.provider === filters.provider) &&
    (!filters.account ||
      sms.account.toLowerCase() === filters.account.toLowerCase() ||
      // An id that is a credential (iSendPro's keyid) comes masked: the server's filter decides.
      sms.account.startsWith('****'))
  /** @param {Sms} sms */
  const matchesShown = (sms) => {
    const digits = filters.number.replace(/\D/g, '')
    return (
      (!digits || sms.to.replace(/\D/g, '').includes(digits.replace(/^0+/, ''))) &&
      (!filters.search || sms.text.toLowerCase().includes(filters.search.toLowerCase()))
    )
  }

  // --- the elements ---
  const providerSelect = providerFilter(context.providers, filters.provider)
  const accountInput = h('input', {
    name: 'account',
    type: 'text',
    value: filters.account,
    autocomplete: 'off',
  })
  const numberInput = h('input', {
    name: 'number',
    type: 'search',
    value: filters.number,
    inputmode: 'tel',
    autocomplete: 'off',
  })
  const searchInput = h('input', {
    name: 'search',
    type: 'search',
    value: filters.search,
    autocomplete: 'off',
  })
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the SMS' },
    field('Provider', providerSelect),
    field('Account', accountInput),
    field('Number', numberInput, 'part of a number, or a whole one'),
    field('Text', searchInput, 'search the texts of the SMS loaded'),
  )
  const conversationList = h('ul', { class: 'conversation-list' })
  const recentSummary = h('p', { class: 'summary', 'aria-live': 'polite' })
  const olderConversations = h('button', { type: 'button', class: 'more' }, 'Load older SMS')
  const phoneTitle = h('h3', { class: 'phone-number' })
  const phoneSummary = h('p', { class: 'summary' })
  const olderMessages = h('button', { type: 'button', class: 'more' }, 'Load older messages')
  const threadList = h('ol', { class: 'thread', 'aria-label': 'Messages, oldest first' })
  const screen = h('div', { class: 'screen' }, olderMessages, threadList)
  const phone = h(
    'section',
    { class: 'phone', 'aria-labelledby': 'phone-number' },
    h('header', { class: 'phone-head' }, phoneTitle, phoneSummary),
    screen,
  )
  phoneTitle.id = 'phone-number'
  const element = h(
    'section',
    { class: 'view view-phones' },
    h('h2', { tabindex: -1 }, 'Phones'),
    form,
    h(
      'div',
      { class: 'phones-layout' },
      h(
        'nav',
        { class: 'conversations', 'aria-label': 'Conversations' },
        recentSummary,
        conversationList,
        olderConversations,
      ),
      phone,
    ),
  )

  // --- rendering ---
  /** @typedef {{ to: string, last: Sms, count: number }} Conversation */
  const renderConversationList = keyedList(
    conversationList,
    (/** @type {Conversation} */ c) => c.to,
    (c) => [c.count, order(c.last), c.last.status, c.to === selected].join(' '),
    (c) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'conversation',
            'aria-current': c.to === selected ? 'true' : false,
            'data-to': c.to,
            'data-focus': `conversation ${c.to}`,
            onclick: () => choose(c.to),
          },
          h('span', { class: 'conversation-number' }, spacedNumber(c.to)),
          h('span', { class: 'conversation-count' }, c.count === 1 ? '1 SMS' : `${c.count} SMS`),
          h('span', { class: 'conversation-last' }, c.last.text),
          h('span', { class: `chip chip-${c.last.status}` }, c.last.status),
        ),
      ),
  )
  const renderThreadList = keyedList(
    threadList,
    (/** @type {Sms} */ sms) => sms.id,
    (sms) => [order(sms), sms.status, sms.history?.length, filters.search].join(' '),
    (sms) => smsItem(sms, filters.search),
  )

  const renderConversations = () => {
    /** @type {Map<string, Conversation>} */
    const byNumber = new Map()
    for (const sms of [...recent.values()].filter(matchesShown).sort(newestFirst)) {
      const entry = byNumber.get(sms.to)
      if (entry) entry.count += 1
      else byNumber.set(sms.to, { to: sms.to, last: sms, count: 1 })
    }
    if (!selected && byNumber.size) {
      selected = /** @type {string} */ (byNumber.keys().next().value)
      context.setParams({ ...filters, to: selected })
      seedThread()
      void loadThread(true).catch(report)
    }
    renderConversationList([...byNumber.values()].slice(0, MAX_CONVERSATIONS))
    const numbers = `${byNumber.size} number${byNumber.size === 1 ? '' : 's'}`
    const listed =
      byNumber.size > MAX_CONVERSATIONS ? ` (the ${MAX_CONVERSATIONS} latest listed)` : ''
    recentSummary.textContent = recent.size
      ? `${numbers}${listed} in the ${recent.size} latest SMS loaded`
      : 'No SMS yet.'
    olderConversations.hidden = !recentMore
  }

  const renderThread = () => {
    // Layout is read only when there is something to keep in view: a first render reads none.
    const atBottom =
      threadList.childElementCount === 0 ||
      screen.scrollHeight - screen.scrollTop - screen.clientHeight < 40
    phoneTitle.textContent = selected ? spacedNumber(selected) : 'No phone selected'
    const messages = [...thread.values()].sort(newestFirst).reverse()
    phoneSummary.textContent = selected
      ? `${messages.length} SMS${threadMore ? ' (older ones not loaded)' : ''}`
      : 'Send an SMS: it appears here.'
    renderThreadList(messages)
    olderMessages.hidden = !threadMore
    if (atBottom) screen.scrollTop = screen.scrollHeight
  }

  const render = coalesced(() => {
    renderConversations()
    renderThread()
  })

  // --- loading ---
  /** @param {boolean} fromStart */
  async function loadRecent(fromStart) {
    const offset = fromStart ? 0 : recent.size
    const result = await page('/messages', serverFilters(), offset, RECENT_PAGE, order)
    if (fromStart) mergeNewest(recent, result, order)
    else for (const sms of result.items) recent.set(sms.id, sms)
    recentMore = result.more
    trim()
    render()
  }

  /** @param {boolean} fromStart */
  async function loadThread(fromStart) {
    if (!selected) return render()
    const wanted = selected
    const offset = fromStart ? 0 : thread.size
    const filtersNow = { provider: filters.provider, account: filters.account, to: selected }
    const result = await page('/messages', filtersNow, offset, THREAD_PAGE, order)
    if (wanted !== selected) return
    if (fromStart) mergeNewest(thread, result, order)
    else for (const sms of result.items) thread.set(sms.id, sms)
    threadMore = result.more
    render()
  }

  /** Keeps at most {@link MAX_KEPT} SMS for the list: the oldest go, and can be loaded again. */
  function trim() {
    if (keepNewest(recent, MAX_KEPT, order)) recentMore = true
  }

  /**
   * The chosen phone's SMS already among the latest, shown at once while its own page is read:
   * a first paint waits for one read, not two.
   */
  function seedThread() {
    for (const sms of recent.values()) if (sms.to === selected) thread.set(sms.id, sms)
  }

  /** @param {string} to */
  function choose(to) {
    selected = to
    thread.clear()
    threadMore = false
    seedThread()
    context.setParams({ ...filters, to })
    render()
    void loadThread(true).catch(report)
  }

  /** @param {unknown} error */
  const report = (error) =>
    context.notify(error instanceof Error ? error.message : String(error), 'error')

  const applyFilters = () => {
    filters.provider = providerSelect.value
    filters.account = accountInput.value.trim()
    filters.number = numberInput.value.trim()
    filters.search = searchInput.value
    const whole = wholeNumber(filters.number)
    recent.clear()
    recentMore = false
    if (whole) selected = ''
    thread.clear()
    context.setParams({ ...filters, to: selected })
    render()
    void Promise.all([loadRecent(true), loadThread(true)]).catch(report)
  }
  const applySoon = debounced(applyFilters, 300)
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    applyFilters()
  })
  providerSelect.addEventListener('change', applyFilters)
  for (const input of [accountInput, numberInput]) input.addEventListener('input', applySoon)
  // The text search reads only what is loaded: no request.
  searchInput.addEventListener('input', () => {
    filters.search = searchInput.value
    context.setParams({ ...filters, to: selected })
    render()
  })
  olderConversations.addEventListener('click', () => void loadRecent(false).catch(report))
  olderMessages.addEventListener('click', () => void loadThread(false).catch(report))

  return {
    element,
    async refresh() {
      await Promise.all([loadRecent(true), loadThread(true)])
    },
    onEvent(type, data) {
      if (type === 'reset') {
        recent.clear()
        thread.clear()
        selected = ''
        render()
        void this.refresh().catch(report)
      }
      if (type !== 'sms') return
      const sms = /** @type {Sms} */ (data)
      if (!matchesServer(sms)) return
      const whole = wholeNumber(filters.number)
      if (!whole || recent.has(sms.id) || sms.to.endsWith(whole.replace(/^0+/, '')))
        recent.set(sms.id, sms)
      if (sms.to === selected) thread.set(sms.id, sms)
      trim()
      render()
    },
    onParams(next) {
      const to = next.get('to') ?? ''
      if (to && to !== selected) choose(to)
    },
  }
}
