// @ts-check
/**
 * The clock card: where the simulator's clock stands, in both providers' zones and UTC; freeze
 * it or let it run; move it on by a step or any amount (what falls due is released at once:
 * deferred SMS, phones coming back); set it to a date in a zone.
 */
import { control } from './api.js'
import { field, h, select } from './dom.js'
import { update } from './redraw.js'
import { formatDuration, formatTime, localInputValue, zonedInstant } from './time.js'

export const MINUTE = 60_000
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
 * @typedef {(action: () => Promise<string>) => void} Act runs an action and tells what it did,
 *   or why it failed (controls.js)
 */

/**
 * @param {import('./context.js').Context} context
 * @param {Act} act
 */
export function clockCard(context, act) {
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

  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'clock-title' },
    h('h3', { id: 'clock-title' }, 'Clock'),
    clockNow,
    h('p', { class: 'actions' }, freeze, steps),
    advanceForm,
    setForm,
  )
  showClock()
  return { element, show: showClock, dispose: () => clearInterval(ticker) }
}
