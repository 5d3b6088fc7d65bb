// @ts-check
/**
 * The dashboard: a view per tab, chosen by the URL's hash (`#/phones?to=+33660919010`), kept
 * up to date by the live feed (live.js). Plain ES modules served as they are: no build step, no
 * framework (docs/decisions/019-the-dashboard.md).
 */
import { control, onTokenNeeded } from './api.js'
import { accountsView } from './accounts.js'
import { codeMeaning } from './context.js'
import { controlsView } from './controls.js'
import { formatTime } from './time.js'
import { journalView } from './journal.js'
import { startLive } from './live.js'
import { outboxView } from './outbox.js'
import { phonesView } from './phones.js'
import { tryView } from './try-it.js'

/** @typedef {import('./context.js').Context} Context */
/** @typedef {import('./context.js').View} View */
/** @typedef {import('./context.js').ViewFactory} ViewFactory */
/** @typedef {import('./context.js').ClockState} ClockState */

/** @type {Record<string, ViewFactory>} */
const VIEWS = {
  phones: phonesView,
  outbox: outboxView,
  accounts: accountsView,
  journal: journalView,
  controls: controlsView,
  try: tryView,
}

const main = /** @type {HTMLElement} */ (document.getElementById('view'))
const clockLabel = /** @type {HTMLElement} */ (document.getElementById('clock'))
const liveLabel = /** @type {HTMLElement} */ (document.getElementById('live'))
const notice = /** @type {HTMLElement} */ (document.getElementById('notice'))

/** The simulator's clock as last read, and when (performance.now()) it was read. */
let clock = /** @type {{ state: ClockState, readAt: number } | undefined} */ (undefined)

/** @returns {ClockState | undefined} the clock now, run on locally when it is not frozen */
function currentClock() {
  if (!clock) return undefined
  if (clock.state.frozen) return clock.state
  const now = Date.parse(clock.state.now) + (performance.now() - clock.readAt)
  return { ...clock.state, now: new Date(now).toISOString() }
}

function showClock() {
  const state = currentClock()
  if (!state) return
  clockLabel.textContent = `${formatTime(state.now, 'Europe/Paris')}${state.frozen ? ' (frozen)' : ''}`
  clockLabel.title = `The simulator's clock: ${state.now} (${state.mode})`
}

/** @param {ClockState} state */
function setClock(state) {
  clock = { state, readAt: performance.now() }
  showClock()
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let noticeTimer

/** @type {Context} */
const context = {
  providers: [],
  meaning: (provider, code) => codeMeaning(context.providers, provider, code),
  clock: currentClock,
  setClock,
  setParams(params) {
    const search = new URLSearchParams(
      Object.entries(params).filter(([, value]) => value !== ''),
    ).toString()
    const hash = `#/${current?.name ?? 'phones'}${search ? `?${search}` : ''}`
    if (location.hash !== hash) history.replaceState(null, '', hash)
  },
  notify(text, kind = 'ok') {
    notice.textContent = text
    notice.className = `notice notice-${kind}`
    notice.hidden = false
    clearTimeout(noticeTimer)
    noticeTimer = setTimeout(() => (notice.hidden = true), kind === 'error' ? 10_000 : 4000)
  },
}

/** @type {{ name: string, view: View } | undefined} */
let current

/** The view and parameters the hash names; an unknown one is the phones. */
function route() {
  const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?')
  const name = Object.hasOwn(VIEWS, path) ? path : 'phones'
  return { name, params: new URLSearchParams(search) }
}

/** @param {boolean} [moved] the person went to another view: the focus goes to its heading */
function show(moved = false) {
  const { name, params } = route()
  if (current?.name === name && current.view.onParams) return current.view.onParams(params)
  current?.view.dispose?.()
  const view = /** @type {ViewFactory} */ (VIEWS[name])(context, params)
  current = { name, view }
  main.replaceChildren(view.element)
  for (const link of document.querySelectorAll('.tabs a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
  const heading = view.element.querySelector('h2')
  document.title = `${heading?.textContent ?? name} — smsim`
  // A screen reader then reads where it is; Tab goes on into the view, not back through the tabs.
  if (moved) heading?.focus()
  void view.refresh().catch(reportError)
}

/** @param {unknown} error */
function reportError(error) {
  context.notify(error instanceof Error ? error.message : String(error), 'error')
}

/** The token dialog of index.html, as {@link onTokenNeeded} wants it. */
function tokenDialog() {
  const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('token-dialog'))
  const form = /** @type {HTMLFormElement} */ (dialog.querySelector('form'))
  const input = /** @type {HTMLInputElement} */ (document.getElementById('token-input'))
  const why = /** @type {HTMLElement} */ (document.getElementById('token-why'))
  const firstWhy = why.textContent ?? ''
  /** @type {(value: string | undefined) => void} */
  let settle = () => undefined
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const submitter = /** @type {HTMLButtonElement | null} */ (
      /** @type {SubmitEvent} */ (event).submitter
    )
    const cancelled = submitter?.value === 'cancel'
    if (!cancelled && !form.reportValidity()) return
    dialog.close()
    settle(cancelled ? undefined : input.value.trim())
  })
  dialog.addEventListener('cancel', () => settle(undefined))
  return (/** @type {boolean} */ wrong) =>
    new Promise((resolve) => {
      settle = (value) => {
        settle = () => undefined
        resolve(value)
      }
      why.textContent = wrong ? 'smsim refused that token: give the right one.' : firstWhy
      input.value = ''
      dialog.showModal()
      input.focus()
    })
}

/** @param {import('./live.js').LiveMode} mode */
function showMode(mode) {
  const text = {
    connecting: 'connecting…',
    events: 'live',
    polling: 'live (polling every second)',
    reconnecting: 'reconnecting…',
  }[mode]
  liveLabel.textContent = text
  liveLabel.dataset.mode = mode
}

async function boot() {
  onTokenNeeded(tokenDialog())
  window.addEventListener('hashchange', () => show(true))
  setInterval(showClock, 1000)
  try {
    const [providers, clockState] = await Promise.all([control('/providers'), control('/clock')])
    context.providers = providers
    setClock(clockState)
  } catch (error) {
    reportError(error)
  }
  show()
  startLive({
    onMode: showMode,
    onEvent(type, data) {
      if (type === 'clock') setClock(data)
      if (type === 'reset') void control('/clock').then(setClock, reportError)
      current?.view.onEvent?.(type, data)
    },
    onResync() {
      void current?.view.refresh().catch(reportError)
    },
    async onPoll() {
      await Promise.all([control('/clock').then(setClock), current?.view.refresh()])
    },
  })
}

void boot()
