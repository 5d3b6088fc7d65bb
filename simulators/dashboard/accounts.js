// @ts-check
/**
 * Accounts: every provider account with its credits and options, its credit ledger, and the
 * control API's account routes — create, change credits, secret or options, delete.
 */
import { createAccountForm, editAccountForm, ledgerTable } from './account-forms.js'
import { control, query } from './api.js'
import { field, h } from './dom.js'
import { providerFilter, providerName, zoneOf } from './providers.js'
import { coalesced, keyedList, update } from './redraw.js'
import { timeElement } from './time.js'

/**
 * @typedef {{
 *   provider: string, id: string, secret?: string, credits: number,
 *   options?: Record<string, unknown>, createdAt?: string,
 * }} Account
 * @typedef {{
 *   at: string, provider: string, account: string, delta: number, balance: number,
 *   reason: string, ref?: string,
 * }} LedgerEntry
 */

/** @param {{ provider: string, id: string }} account */
const keyOf = (account) => `${account.provider}/${account.id}`

/** @param {{ provider: string, id: string }} account */
const accountPath = (account) =>
  `/accounts/${encodeURIComponent(account.provider)}/${encodeURIComponent(account.id)}`

/**
 * @param {import('./context.js').Context} context
 * @param {URLSearchParams} params
 * @returns {import('./context.js').View}
 */
export function accountsView(context, params) {
  let filter = params.get('provider') ?? ''
  /** @type {Map<string, Account>} */
  const accounts = new Map()
  /** @type {{ mode: 'ledger' | 'edit', key: string } | undefined} */
  let panel
  /** @type {LedgerEntry[]} */
  let ledger = []
  let confirming = ''
  /** Where the focus goes after the next render (the panel just opened, the row just left). */
  let focusNext = ''

  const providerOptions = context.providers.map(
    (p) => /** @type {[string, string]} */ ([p.id, p.name]),
  )
  /** @param {unknown} error */
  const report = (error) =>
    context.notify(error instanceof Error ? error.message : String(error), 'error')

  // --- creating ---
  const createForm = createAccountForm(
    providerOptions,
    async (body) => {
      await control('/accounts', { method: 'POST', body })
      context.notify(`Account ${providerName(body.provider)} ${body.id} created.`)
      await load()
    },
    report,
  )

  // --- the list ---
  const filterSelect = providerFilter(context.providers, filter, 'provider-filter')
  filterSelect.addEventListener('change', () => {
    filter = filterSelect.value
    context.setParams({ provider: filter })
    void load().catch(report)
  })
  const body = h('tbody')
  const table = h(
    'table',
    { class: 'accounts-table' },
    h('caption', { class: 'visually-hidden' }, 'Accounts'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Provider', 'Login', 'Credits', 'Options', 'Created', 'Actions'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    body,
  )
  const panelElement = h('section', { class: 'panel' })
  const empty = h('p', { class: 'empty', hidden: true }, 'No account.')
  const element = h(
    'section',
    { class: 'view view-accounts' },
    h('h2', { tabindex: -1 }, 'Accounts'),
    h('details', { class: 'create' }, h('summary', {}, 'New account'), createForm),
    h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': 'Filter the accounts' },
      field('Provider', filterSelect),
    ),
    h('div', { class: 'table-pane' }, table, empty),
    panelElement,
  )

  /** @param {Account} account */
  const actions = (account) => {
    const key = keyOf(account)
    const label = `${providerName(account.provider)} ${account.id}`
    if (confirming === key)
      return [
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'data-focus': 'delete',
            onclick: () => void remove(account).catch(report),
          },
          `Delete ${account.id} for good`,
        ),
        h(
          'button',
          {
            type: 'button',
            onclick: () => ((confirming = ''), (focusNext = rowControl(key, 'delete')), render()),
          },
          'Cancel',
        ),
      ]
    return [
      h(
        'button',
        {
          type: 'button',
          'aria-label': `Ledger of ${label}`,
          'data-focus': 'ledger',
          onclick: () => void openLedger(account).catch(report),
        },
        'Ledger',
      ),
      h(
        'button',
        {
          type: 'button',
          'aria-label': `Edit ${label}`,
          'data-focus': 'edit',
          onclick: () => ((panel = { mode: 'edit', key }), (focusNext = '.panel input'), render()),
        },
        'Edit',
      ),
      h(
        'button',
        {
          type: 'button',
          'aria-label': `Delete ${label}`,
          'data-focus': 'delete',
          onclick: () => ((confirming = key), (focusNext = rowControl(key, 'delete')), render()),
        },
        'Delete',
      ),
    ]
  }

  const renderRows = keyedList(
    body,
    (/** @type {Account} */ account) => keyOf(account),
    (account) => `${JSON.stringify(account)} ${confirming === keyOf(account)}`,
    (account) =>
      h(
        'tr',
        { 'data-key': keyOf(account) },
        h('td', {}, providerName(account.provider)),
        h('th', { scope: 'row' }, account.id),
        h('td', { class: 'number' }, String(account.credits)),
        h('td', {}, h('code', { class: 'options' }, JSON.stringify(account.options ?? {}))),
        h('td', {}, timeElement(account.createdAt, zoneOf(account.provider))),
        h('td', {}, h('div', { class: 'row-actions' }, actions(account))),
      ),
  )

  const render = coalesced(() => {
    const rows = [...accounts.values()]
      .filter((a) => !filter || a.provider === filter)
      .sort((a, b) => keyOf(a).localeCompare(keyOf(b)))
    renderRows(rows)
    empty.hidden = rows.length > 0
    renderPanel()
    if (focusNext) {
      const target = element.querySelector(focusNext)
      if (target instanceof HTMLElement) target.focus()
      focusNext = ''
    }
  })

  /**
   * A control of an account's row, as a selector.
   *
   * @param {string} key
   * @param {string} name its data-focus
   */
  const rowControl = (key, name) => `tr[data-key="${CSS.escape(key)}"] [data-focus="${name}"]`

  function renderPanel() {
    const account = panel && accounts.get(panel.key)
    if (!panel || !account) return update(panelElement, '', () => [])
    // The editor is built once per account opened: a refresh must not undo what is being typed.
    const signature =
      panel.mode === 'ledger'
        ? `ledger ${panel.key} ${ledger.length} ${ledger[ledger.length - 1]?.at}`
        : `edit ${panel.key}`
    update(panelElement, signature, () => panelContent(account))
  }

  /**
   * @param {Account} account
   * @returns {HTMLElement[]}
   */
  function panelContent(account) {
    if (!panel) return []
    const title = `${providerName(account.provider)} ${account.id}`
    const key = panel.key
    const close = h(
      'button',
      {
        type: 'button',
        onclick: () => {
          focusNext = rowControl(key, panel?.mode === 'ledger' ? 'ledger' : 'edit')
          panel = undefined
          render()
        },
      },
      'Close',
    )
    if (panel.mode === 'ledger')
      return [...ledgerTable(title, ledger), h('p', { class: 'actions' }, close)]
    const form = editAccountForm(
      account,
      title,
      close,
      async (patch) => {
        const saved = await control(accountPath(account), { method: 'PATCH', body: patch })
        context.notify(`${title} saved: ${saved.credits} credits.`)
        panel = undefined
        focusNext = rowControl(key, 'edit')
        await load()
      },
      report,
    )
    return [form]
  }

  /**
   * @param {Account} account
   * @param {boolean} [focus] whether the focus goes to the ledger (it does when asked for)
   */
  async function openLedger(account, focus = true) {
    panel = { mode: 'ledger', key: keyOf(account) }
    ledger = await control(`${accountPath(account)}/ledger`)
    if (focus) focusNext = '.panel h3'
    render()
  }

  /** @param {Account} account */
  async function remove(account) {
    await control(accountPath(account), { method: 'DELETE' })
    accounts.delete(keyOf(account))
    confirming = ''
    focusNext = 'h2'
    context.notify(`Account ${providerName(account.provider)} ${account.id} deleted.`)
    render()
  }

  async function load() {
    /** @type {Account[]} */
    // In clear: an iSendPro keyid is the account's id, which every route below needs.
    const list = await control(`/accounts${query({ provider: filter, reveal: 'secret' })}`)
    accounts.clear()
    for (const account of list) accounts.set(keyOf(account), account)
    const open = panel && accounts.get(panel.key)
    if (panel?.mode === 'ledger' && open) ledger = await control(`${accountPath(open)}/ledger`)
    render()
  }

  return {
    element,
    refresh: load,
    onEvent(type, data) {
      if (type === 'reset') void load().catch(report)
      // An event shows an account as every read does, masked: where the id itself is masked
      // (iSendPro), the list is read again in clear.
      const masked = typeof data?.id === 'string' && data.id.startsWith('****')
      if ((type === 'account' || type === 'account-deleted') && masked) void load().catch(report)
      else if (type === 'account') {
        const known = accounts.get(keyOf(data))
        accounts.set(keyOf(data), { ...data, ...(known ? { secret: known.secret } : {}) })
        if (panel?.mode === 'ledger' && panel.key === keyOf(data))
          void openLedger(data, false).catch(report)
        render()
      } else if (type === 'account-deleted') {
        accounts.delete(keyOf(data))
        render()
      }
    },
  }
}
