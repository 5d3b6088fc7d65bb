// @ts-check
/**
 * Clock, numbers, faults: the situations that are hard to reach for real. Freeze, set or move
 * the simulator's clock (deferred SMS fall due, phones come back); give a number a state
 * (unassigned, switched off…); make a provider fail (latency, HTTP 500, dropped connections,
 * its own error code).
 */
import { control } from './api.js'
import {
  coalesced,
  field,
  formatDuration,
  formatTime,
  h,
  keyedList,
  localInputValue,
  select,
  update,
  zonedInstant,
} from './dom.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The steps offered as buttons, and the units of the free one. */
const STEPS = /** @type {const} */ ([
  ['+1 min', MINUTE],
  ['+1 h', HOUR],
  ['+1 day', DAY],
  ['+1 week', 7 * DAY],
])
const UNITS = /** @type {[string, string][]} */ ([
  [String(MINUTE), 'minutes'],
  [String(HOUR), 'hours'],
  [String(DAY), 'days'],
])
const ZONES = /** @type {[string, string][]} */ ([
  ['Europe/Paris', 'Europe/Paris (SMStoB, allmysms, iSendPro)'],
  ['Europe/Zurich', 'Europe/Zurich (ASPSMS)'],
  ['UTC', 'UTC'],
])

/**
 * @typedef {{ status: string, backAfterMs?: number }} NumberState
 * @typedef {{ set: { number: string, state: NumberState }[], magic: { prefixes: string[], suffixes: Record<string, NumberState & { meaning: string }> }, statuses: string[] }} Numbers
 * @typedef {{ latencyMs: number, http500: number | 'always', drop: number | 'always', refuse?: { code: number, times: number | 'always' } }} Faults
 */

/** @param {string} text a count of requests as typed: a number, or "always" */
const count = (text) => (text.trim() === 'always' ? 'always' : Number(text || 0))

/** @param {Faults} faults in words */
function describeFaults(faults) {
  const parts = []
  if (faults.latencyMs) parts.push(`${faults.latencyMs} ms latency`)
  if (faults.http500)
    parts.push(`HTTP 500 (${faults.http500 === 'always' ? 'always' : `${faults.http500} more`})`)
  if (faults.drop)
    parts.push(
      `connections dropped (${faults.drop === 'always' ? 'always' : `${faults.drop} more`})`,
    )
  if (faults.refuse)
    parts.push(
      `code ${faults.refuse.code} (${faults.refuse.times === 'always' ? 'always' : `${faults.refuse.times} more`})`,
    )
  return parts.length ? parts.join(', ') : 'no fault'
}

/**
 * @param {import('./context.js').Context} context
 * @returns {import('./context.js').View}
 */
export function controlsView(context) {
  /** @param {unknown} error */
  const report = (error) =>
    context.notify(error instanceof Error ? error.message : String(error), 'error')
  /**
   * Runs an action, shows what it did or why it failed.
   *
   * @param {() => Promise<string>} action resolves to what to tell
   */
  const act = (action) => void action().then((text) => context.notify(text), report)

  // --- the clock ---
  const clockNow = h('dl', { class: 'clock-now' })
  const freeze = h('button', { type: 'button', 'data-focus': 'freeze' }, 'Freeze')
  /** @param {import('./context.js').ClockState} clock */
  const clockChanged = (clock) => {
    context.setClock(clock)
    showClock()
    return clock
  }
  freeze.addEventListener('click', () =>
    act(async () => {
      const now = context.clock()?.now ?? new Date().toISOString()
      const frozen = !context.clock()?.frozen
      clockChanged(await control('/clock', { method: 'PUT', body: { now, frozen } }))
      return frozen ? 'The clock is frozen: it moves only when told.' : 'The clock runs again.'
    }),
  )
  /** @param {number} ms */
  const advance = (ms) =>
    act(async () => {
      const clock = clockChanged(await control('/clock/advance', { method: 'POST', body: { ms } }))
      return `Clock moved ${formatDuration(ms)} on: ${formatTime(clock.now, 'Europe/Paris')}.`
    })
  const steps = STEPS.map(([label, ms]) =>
    h(
      'button',
      {
        type: 'button',
        'aria-label': `Advance the clock ${label.slice(1)}`,
        onclick: () => advance(ms),
      },
      label,
    ),
  )
  const amount = h('input', {
    name: 'amount',
    type: 'number',
    min: 0,
    step: 'any',
    value: '30',
    required: true,
  })
  const unit = select({ name: 'unit' }, UNITS, String(MINUTE))
  const advanceForm = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Advance the clock by' },
    field('Advance by', amount),
    field('Unit', unit),
    h('button', { type: 'submit' }, 'Advance'),
  )
  advanceForm.addEventListener('submit', (event) => {
    event.preventDefault()
    advance(Math.round(Number(amount.value) * Number(unit.value)))
  })
  const when = h('input', { name: 'when', type: 'datetime-local', step: 1, required: true })
  const zone = select({ name: 'zone' }, ZONES, 'Europe/Paris')
  const frozenBox = h('input', { name: 'frozen', type: 'checkbox', checked: true })
  const setForm = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Set the clock' },
    field('Date and time', when),
    field('Time zone', zone),
    h('label', { class: 'check' }, frozenBox, ' frozen there'),
    h('button', { type: 'submit' }, 'Set the clock'),
  )
  setForm.addEventListener('submit', (event) => {
    event.preventDefault()
    act(async () => {
      const now = zonedInstant(when.value, zone.value).toISOString()
      const clock = clockChanged(
        await control('/clock', { method: 'PUT', body: { now, frozen: frozenBox.checked } }),
      )
      return `Clock set to ${formatTime(clock.now, 'Europe/Paris')}${clock.frozen ? ', frozen' : ''}.`
    })
  })

  function showClock() {
    const clock = context.clock()
    if (!clock) return
    update(clockNow, `${clock.now.slice(0, 19)} ${clock.mode}`, () =>
      [
        ['Europe/Paris', formatTime(clock.now, 'Europe/Paris')],
        ['Europe/Zurich', formatTime(clock.now, 'Europe/Zurich')],
        ['UTC', clock.now.replace(/\.\d+Z$/, 'Z')],
        [
          'Mode',
          clock.mode === 'frozen'
            ? 'frozen: moves only when told'
            : clock.mode === 'real'
              ? 'real time'
              : 'running, shifted from real time',
        ],
      ].map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
    )
    freeze.textContent = clock.frozen ? 'Let it run' : 'Freeze'
    if (!when.value) when.value = localInputValue(Date.parse(clock.now), zone.value)
  }
  const ticker = setInterval(showClock, 1000)

  // --- numbers ---
  const numberList = h('tbody')
  const numberTable = h(
    'table',
    { class: 'numbers-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Number', 'State', 'Back after', 'Action'].map((t) => h('th', { scope: 'col' }, t)),
      ),
    ),
    numberList,
  )
  const numberEmpty = h(
    'p',
    { class: 'empty' },
    'No number has a state of its own: each behaves as its magic suffix says (below), any other is reachable.',
  )
  const magic = h('div', { class: 'magic' })
  const numberInput = h('input', {
    name: 'number',
    type: 'tel',
    required: true,
    autocomplete: 'off',
    placeholder: '06 60 91 90 10',
  })
  const statusSelect = select({ name: 'status' }, [['absent', 'absent']], 'absent')
  const backAfter = h('input', { name: 'backAfter', type: 'number', min: 0, step: 'any' })
  const numberForm = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Set a number’s state' },
    field('Number', numberInput),
    field('State', statusSelect),
    field(
      'Back after (minutes)',
      backAfter,
      'absent only: when the phone comes back; empty, never',
    ),
    h('button', { type: 'submit' }, 'Set the state'),
  )
  numberForm.addEventListener('submit', (event) => {
    event.preventDefault()
    act(async () => {
      const body = {
        status: statusSelect.value,
        ...(backAfter.value !== ''
          ? { backAfterMs: Math.round(Number(backAfter.value) * MINUTE) }
          : {}),
      }
      const set = await control(
        `/numbers/${encodeURIComponent(numberInput.value.replace(/\s/g, ''))}`,
        { method: 'PUT', body },
      )
      await loadNumbers()
      return `${set.number} is now ${set.state.status}.`
    })
  })
  const renderNumbers = keyedList(
    numberList,
    (/** @type {{ number: string, state: NumberState }} */ row) => row.number,
    (row) => JSON.stringify(row.state),
    (row) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, row.number),
        h('td', {}, row.state.status),
        h(
          'td',
          {},
          row.state.backAfterMs === undefined ? '' : formatDuration(row.state.backAfterMs),
        ),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Clear the state of ${row.number}`,
              onclick: () =>
                act(async () => {
                  await control(`/numbers/${encodeURIComponent(row.number)}`, { method: 'DELETE' })
                  await loadNumbers()
                  return `${row.number} is back to its default state.`
                }),
            },
            'Clear',
          ),
        ),
      ),
  )
  let statusesShown = false
  async function loadNumbers() {
    /** @type {Numbers} */
    const numbers = await control('/numbers')
    renderNumbers(numbers.set)
    numberEmpty.hidden = numbers.set.length > 0
    numberTable.hidden = numbers.set.length === 0
    if (!statusesShown) {
      statusesShown = true
      statusSelect.replaceChildren(
        ...numbers.statuses.map((s) => h('option', { value: s, selected: s === 'absent' }, s)),
      )
      update(magic, 'magic', () => [
        h(
          'p',
          {},
          `Magic numbers: ${numbers.magic.prefixes.map((p) => `${p}NN`).join(' and ')}, where NN says what happens.`,
        ),
        h(
          'ul',
          {},
          Object.entries(numbers.magic.suffixes).map(([nn, state]) =>
            h('li', {}, h('code', {}, nn), ` ${state.status}: ${state.meaning}`),
          ),
        ),
      ])
    }
  }

  // --- faults ---
  /** @type {Map<string, (faults: Faults) => void>} */
  const showFaults = new Map()
  const faultForms = context.providers.map((provider) => {
    const state = h('p', { class: 'fault-state' }, '…')
    const latency = h('input', {
      name: 'latencyMs',
      type: 'number',
      min: 0,
      max: 120000,
      value: '0',
    })
    const http500 = h('input', {
      name: 'http500',
      type: 'text',
      value: '0',
      inputmode: 'numeric',
      size: 6,
    })
    const drop = h('input', {
      name: 'drop',
      type: 'text',
      value: '0',
      inputmode: 'numeric',
      size: 6,
    })
    const codes = provider.faultCodes ?? []
    const refuse = select({ name: 'refuse', disabled: codes.length === 0 }, [
      ['', codes.length ? 'none' : 'none documented'],
      ...codes.map(
        (c) =>
          /** @type {[string, string]} */ ([
            String(c),
            `${c} ${context.meaning(provider.id, c) ?? ''}`,
          ]),
      ),
    ])
    const times = h('input', { name: 'times', type: 'text', value: 'always', size: 6 })
    const form = h(
      'form',
      { class: 'fault-form', 'aria-label': `Faults of ${provider.name}` },
      h('h4', {}, provider.name),
      state,
      field('Latency (ms)', latency),
      field('HTTP 500', http500, 'how many requests, or "always"'),
      field('Drop connection', drop, 'how many requests, or "always"'),
      field('Refuse with code', refuse),
      field('Times', times, 'for the code: a count, or "always"'),
      h(
        'p',
        { class: 'actions' },
        h('button', { type: 'submit' }, `Set ${provider.name}’s faults`),
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              act(async () => {
                await control(`/faults/${provider.id}`, { method: 'DELETE' })
                await loadFaults()
                return `${provider.name} works normally again.`
              }),
          },
          'Clear',
        ),
      ),
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      act(async () => {
        const body = {
          latencyMs: Number(latency.value || 0),
          http500: count(http500.value),
          drop: count(drop.value),
          refuse: refuse.value ? { code: Number(refuse.value), times: count(times.value) } : null,
        }
        const faults = await control(`/faults/${provider.id}`, { method: 'PUT', body })
        showFaults.get(provider.id)?.(faults)
        return `${provider.name}: ${describeFaults(faults)}.`
      })
    })
    showFaults.set(provider.id, (faults) => {
      state.textContent = `Now: ${describeFaults(faults)}.`
    })
    return form
  })
  async function loadFaults() {
    await Promise.all(
      context.providers.map(async (provider) =>
        showFaults.get(provider.id)?.(await control(`/faults/${provider.id}`)),
      ),
    )
  }

  const element = h(
    'section',
    { class: 'view view-controls' },
    h('h2', { tabindex: -1 }, 'Clock, numbers, faults'),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'clock-title' },
      h('h3', { id: 'clock-title' }, 'Clock'),
      clockNow,
      h('p', { class: 'actions' }, freeze, steps),
      advanceForm,
      setForm,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'numbers-title' },
      h('h3', { id: 'numbers-title' }, 'Numbers'),
      numberTable,
      numberEmpty,
      numberForm,
      h('details', {}, h('summary', {}, 'Magic numbers'), magic),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'faults-title' },
      h('h3', { id: 'faults-title' }, 'Faults'),
      h('div', { class: 'fault-grid' }, faultForms),
    ),
  )
  showClock()
  const refreshAll = coalesced(() => void Promise.all([loadNumbers(), loadFaults()]).catch(report))

  return {
    element,
    async refresh() {
      showClock()
      await Promise.all([loadNumbers(), loadFaults()])
    },
    onEvent(type, data) {
      if (type === 'clock') showClock()
      if (type === 'reset') refreshAll()
      if (type === 'state' && data?.kind === 'numbers') void loadNumbers().catch(report)
      if (type === 'state' && data?.kind === 'faults') void loadFaults().catch(report)
    },
    dispose: () => clearInterval(ticker),
  }
}
