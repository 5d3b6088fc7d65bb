// @ts-check
/**
 * Clock, numbers, faults: the situations that are hard to reach for real. Freeze, set or move
 * the simulator's clock (deferred SMS fall due, phones come back); give a number a state
 * (unassigned, switched off…); make a provider fail (latency, HTTP 500, dropped connections,
 * its own error code). One card each: clock.js, numbers.js, faults.js.
 */
import { clockCard } from './clock.js'
import { h } from './dom.js'
import { coalesced } from './redraw.js'
import { faultsCard } from './faults.js'
import { numbersCard } from './numbers.js'

/**
 * @param {import('./context.js').Context} context
 * @returns {import('./context.js').View}
 */
export function controlsView(context) {
  /** @param {unknown} error */
  const report = (error) =>
    context.notify(error instanceof Error ? error.message : String(error), 'error')
  /** @type {import('./clock.js').Act} */
  const act = (action) => void action().then((text) => context.notify(text), report)
  const clock = clockCard(context, act)
  const numbers = numbersCard(act)
  const faults = faultsCard(context, act)
  const element = h(
    'section',
    { class: 'view view-controls' },
    h('h2', { tabindex: -1 }, 'Clock, numbers, faults'),
    clock.element,
    numbers.element,
    faults.element,
  )
  const refreshAll = coalesced(
    () => void Promise.all([numbers.refresh(), faults.refresh()]).catch(report),
  )

  return {
    element,
    async refresh() {
      clock.show()
      await Promise.all([numbers.refresh(), faults.refresh()])
    },
    onEvent(type, data) {
      if (type === 'clock') clock.show()
      if (type === 'reset') refreshAll()
      if (type === 'state' && data?.kind === 'numbers') void numbers.refresh().catch(report)
      if (type === 'state' && data?.kind === 'faults') void faults.refresh().catch(report)
    },
    dispose: clock.dispose,
  }
}
