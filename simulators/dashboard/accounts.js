// @ts-check
/**
 * Accounts: every provider account with its credits and options, its credit ledger, and the
 * control API's account routes — create, change credits, secret or options, delete.
 */
import { control, query } from './api.js'
import {
  coalesced,
  field,
  h,
  keyedList,
  providerName,
  select,
  timeElement,
  update,
  zoneOf,
} from './dom.js'

/** Most ledger lines shown, the newest: an account used by a load test has thousands. */
const LEDGER_SHOWN = 200

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
 * Reads a JSON object typed by a person; empty is none.
 *
 * @param {string} text
 * @param {string} what
 * @returns {Record<string, unknown> | undefined}
 */
function jsonObject(text, what) {
  if (text.trim() === '') return undefined
  let value
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new Error(`${what}: not JSON (${error instanceof Error ? error.message : error})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what}: write a JSON object, e.g. {"duplicateCheck": false}`)
  return value
}

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
  const newProvider = select({ name: 'provider', required: true }, providerOptions)
  const newId = h('input', { name: 'id', type: 'text', required: true, autocomplete: 'off' })
  const newSecret = h('input', { name: 'secret', type: 'text', autocomplete: 'off' })
  const newCredits = h('input', {
    name: 'credits',
    type: 'number',
    min: 0,
    step: 'any',
    value: '100',
  })
  const newOptions = h('textarea', { name: 'options', rows: 3, spellcheck: 'false' })
  const createForm = h(
    'form',
    { class: 'form-grid' },
    field('Provider', newProvider),
    field('Login', newId, 'SMStoB e-mail, ASPSMS UserKey, allmysms login, iSendPro keyid'),
    field('Secret', newSecret, 'SMStoB pass, ASPSMS Password, allmysms apiKey'),
    field('Credits', newCredits),
    field(
      'Options (JSON)',
      newOptions,
      'see the provider’s README, e.g. {"duplicateCheck": false}',
    ),
    h('p', { class: 'actions' }, h('button', { type: 'submit' }, 'Create the account')),
  )
  createForm.addEventListener('submit', (event) => {
    event.preventDefault()
    void (async () => {
      const options = jsonObject(newOptions.value, 'Options')
      const created = await control('/accounts', {
        method: 'POST',
        body: {
          provider: newProvider.value,
          id: newId.value.trim(),
          ...(newSecret.value ? { secret: newSecret.value } : {}),
          ...(newCredits.value !== '' ? { credits: Number(newCredits.value) } : {}),
          ...(options ? { options } : {}),
        },
      })
      context.notify(`Account ${providerName(created.provider)} ${newId.value.trim()} created.`)
      newId.value = ''
      newSecret.value = ''
      await load()
    })().catch(report)
  })

  // --- the list ---
  const filterSelect = select(
    { name: 'provider-filter' },
    [['', 'all providers'], ...providerOptions],
    filter,
  )
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
        h('td', { class: 'row-actions' }, actions(account)),
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
    if (panel.mode === 'ledger') {
      const shown = ledger.slice(-LEDGER_SHOWN).reverse()
      return [
        h('h3', { tabindex: -1 }, `Ledger of ${title}`),
        h(
          'p',
          { class: 'summary' },
          `${ledger.length} change${ledger.length === 1 ? '' : 's'} of credit${ledger.length > LEDGER_SHOWN ? `, the ${LEDGER_SHOWN} latest shown` : ''}, newest first.`,
        ),
        h(
          'table',
          { class: 'ledger-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Time', 'Change', 'Balance', 'Reason', 'Reference'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            shown.map((entry) =>
              h(
                'tr',
                {},
                h('td', {}, timeElement(entry.at, zoneOf(entry.provider))),
                h(
                  'td',
                  { class: 'number' },
                  entry.delta > 0 ? `+${entry.delta}` : String(entry.delta),
                ),
                h('td', { class: 'number' }, String(entry.balance)),
                h('td', {}, entry.reason),
                h('td', {}, entry.ref ?? ''),
              ),
            ),
          ),
        ),
        h('p', { class: 'actions' }, close),
      ]
    }
    const credits = h('input', {
      name: 'credits',
      type: 'number',
      step: 'any',
      min: 0,
      value: String(account.credits),
    })
    const secret = h('input', {
      name: 'secret',
      type: 'text',
      autocomplete: 'off',
      placeholder: 'unchanged',
    })
    const options = h('textarea', {
      name: 'options',
      rows: 4,
      spellcheck: 'false',
      value: JSON.stringify(account.options ?? {}, null, 2),
    })
    const form = h(
      'form',
      { class: 'form-grid' },
      h('h3', {}, `Edit ${title}`),
      field('Credits', credits),
      field('New secret', secret, 'left empty, the secret stays'),
      field('Options (JSON)', options, 'merged into the current options'),
      h('p', { class: 'actions' }, h('button', { type: 'submit' }, 'Save'), close),
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      void (async () => {
        const patch = {
          ...(Number(credits.value) !== account.credits ? { credits: Number(credits.value) } : {}),
          ...(secret.value ? { secret: secret.value } : {}),
          ...(options.value.trim() !== JSON.stringify(account.options ?? {}, null, 2)
            ? { options: jsonObject(options.value, 'Options') ?? {} }
            : {}),
        }
        const saved = await control(accountPath(account), { method: 'PATCH', body: patch })
        context.notify(`${title} saved: ${saved.credits} credits.`)
        panel = undefined
        focusNext = rowControl(key, 'edit')
        await load()
      })().catch(report)
    })
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
