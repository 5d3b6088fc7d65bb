// @ts-check
/**
 * The numbers card: the numbers given a state of their own (unassigned, switched off for a
 * while…), a form to set one, and the magic numbers that have one already.
 */
import { control } from './api.js'
import { field, h, select } from './dom.js'
import { keyedList, update } from './redraw.js'
import { formatDuration } from './time.js'
import { MINUTE } from './clock.js'

/**
 * @typedef {{ status: string, backAfterMs?: number }} NumberState
 * @typedef {{ set: { number: string, state: NumberState }[], magic: { prefixes: string[], suffixes: Record<string, NumberState & { meaning: string }> }, statuses: string[] }} Numbers
 */

/**
 * @param {import('./clock.js').Act} act
 */
export function numbersCard(act) {
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

  const element = h(
    'section',
    { class: 'card', 'aria-labelledby': 'numbers-title' },
    h('h3', { id: 'numbers-title' }, 'Numbers'),
    numberTable,
    numberEmpty,
    numberForm,
    h('details', {}, h('summary', {}, 'Magic numbers'), magic),
  )
  return { element, refresh: loadNumbers }
}
