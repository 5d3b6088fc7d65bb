// @ts-check
/**
 * The accounts view's forms and its ledger table: creating an account, changing one (credits,
 * secret, options), and the changes of credit of one.
 */
import { field, h, select } from './dom.js'
import { zoneOf } from './providers.js'
import { timeElement } from './time.js'

/** Most ledger lines shown, the newest: an account used by a load test has thousands. */
const LEDGER_SHOWN = 200

/**
 * @typedef {import('./accounts.js').Account} Account
 * @typedef {import('./accounts.js').LedgerEntry} LedgerEntry
 * @typedef {(error: unknown) => void} Report
 */

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
 * The "New account" form. `create` is given the body of `POST /_smsim/accounts`.
 *
 * @param {[string, string][]} providerOptions
 * @param {(body: { provider: string, id: string, secret?: string, credits?: number, options?: Record<string, unknown> }) => Promise<void>} create
 * @param {Report} report
 */
export function createAccountForm(providerOptions, create, report) {
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
  const form = h(
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
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    void (async () => {
      const options = jsonObject(newOptions.value, 'Options')
      await create({
        provider: newProvider.value,
        id: newId.value.trim(),
        ...(newSecret.value ? { secret: newSecret.value } : {}),
        ...(newCredits.value !== '' ? { credits: Number(newCredits.value) } : {}),
        ...(options ? { options } : {}),
      })
      newId.value = ''
      newSecret.value = ''
    })().catch(report)
  })
  return form
}

/**
 * An account's ledger, newest first, the {@link LEDGER_SHOWN} latest.
 *
 * @param {string} title
 * @param {LedgerEntry[]} ledger oldest first, as the control API gives it
 */
export function ledgerTable(title, ledger) {
  const shown = ledger.slice(-LEDGER_SHOWN).reverse()
  const count = `${ledger.length} change${ledger.length === 1 ? '' : 's'} of credit`
  const cut = ledger.length > LEDGER_SHOWN ? `, the ${LEDGER_SHOWN} latest shown` : ''
  return [
    h('h3', { tabindex: -1 }, `Ledger of ${title}`),
    h('p', { class: 'summary' }, `${count}${cut}, newest first.`),
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
            h('td', { class: 'number' }, entry.delta > 0 ? `+${entry.delta}` : String(entry.delta)),
            h('td', { class: 'number' }, String(entry.balance)),
            h('td', {}, entry.reason),
            h('td', {}, entry.ref ?? ''),
          ),
        ),
      ),
    ),
  ]
}

/**
 * The form that changes an account: `save` is given the body of its PATCH, with only what
 * changed (options are merged by the control API).
 *
 * @param {Account} account
 * @param {string} title
 * @param {HTMLElement} close the panel's Close button
 * @param {(patch: Record<string, unknown>) => Promise<void>} save
 * @param {Report} report
 */
export function editAccountForm(account, title, close, save, report) {
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
  const shownOptions = JSON.stringify(account.options ?? {}, null, 2)
  const options = h('textarea', {
    name: 'options',
    rows: 4,
    spellcheck: 'false',
    value: shownOptions,
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
    // Reading the options may throw (not JSON): reported like a refusal of the control API.
    void Promise.resolve()
      .then(() =>
        save({
          ...(Number(credits.value) !== account.credits ? { credits: Number(credits.value) } : {}),
          ...(secret.value ? { secret: secret.value } : {}),
          ...(options.value.trim() !== shownOptions
            ? { options: jsonObject(options.value, 'Options') ?? {} }
            : {}),
        }),
      )
      .catch(report)
  })
  return form
}
