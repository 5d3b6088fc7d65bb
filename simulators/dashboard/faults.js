// @ts-check
/**
 * The faults card: per provider, what fails now and a form to make it fail — latency, HTTP 500,
 * dropped connections, the provider's own error code — for a count of requests or always.
 */
import { control } from './api.js'
import { field, h, select } from './dom.js'

/**
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
 * @param {import('./clock.js').Act} act
 */
export function faultsCard(context, act) {
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
    { class: 'card', 'aria-labelledby': 'faults-title' },
    h('h3', { id: 'faults-title' }, 'Faults'),
    h('div', { class: 'fault-grid' }, faultForms),
  )
  return { element, refresh: loadFaults }
}
