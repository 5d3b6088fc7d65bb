// @ts-check
/**
 * Rebuilding the page only where, and only as often as, something changed: a burst of live
 * events coalesced into a render a frame, typing debounced, a pane rebuilt only when what it is
 * built from changed, a list kept by key. The focus survives each rebuild.
 */
import { append } from './dom.js'

/** @typedef {import('./dom.js').Child} Child */

/**
 * Calls `render` at most once a frame, and at most every `minIntervalMs`, however often it is
 * asked: a burst of live events (a load test sends hundreds of SMS a second) costs a few renders.
 *
 * @param {() => void} render
 * @param {number} [minIntervalMs]
 */
export function coalesced(render, minIntervalMs = 100) {
  let pending = false
  let last = -Infinity
  return () => {
    if (pending) return
    pending = true
    const wait = Math.max(0, last + minIntervalMs - performance.now())
    setTimeout(
      () =>
        requestAnimationFrame(() => {
          pending = false
          last = performance.now()
          render()
        }),
      wait,
    )
  }
}

/**
 * Waits `ms` after the last call before calling `fn` (typing in a filter).
 *
 * @param {() => void} fn
 * @param {number} ms
 */
export function debounced(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer
  return () => {
    clearTimeout(timer)
    timer = setTimeout(fn, ms)
  }
}

/**
 * The control inside `element` that has the focus, by its `data-focus` name, if any.
 *
 * @param {Element} element
 */
function focusedName(element) {
  const active = document.activeElement
  return active && element.contains(active) ? active.getAttribute('data-focus') : null
}

/**
 * Gives the focus back to the control named `name` inside `element` (rebuilt meanwhile).
 *
 * @param {Element} element
 * @param {string | null} name
 */
function refocus(element, name) {
  if (name === null) return
  const target = element.querySelector(`[data-focus="${CSS.escape(name)}"]`)
  if (target instanceof HTMLElement) target.focus()
}

/** @type {WeakMap<Element, string>} */
const signatures = new WeakMap()

/**
 * Rebuilds `element`'s content only when `signature` changed: a refresh that brings nothing new
 * (polling, once a second) leaves the page alone — the focus, a half-typed field, an open
 * `<details>`. When it does rebuild, the focus goes back to the control of the same
 * `data-focus` name.
 *
 * @param {Element} element
 * @param {string} signature what the content is built from
 * @param {() => Child[]} build
 */
export function update(element, signature, build) {
  if (signatures.get(element) === signature) return
  signatures.set(element, signature)
  const focused = focusedName(element)
  element.replaceChildren()
  append(element, build())
  refocus(element, focused)
}

/**
 * A list whose children are kept by key: an item whose signature is unchanged keeps its
 * element (its focus, an open `<details>`), a changed one is rebuilt in place, new ones are
 * inserted where they go, and the nodes already in order are not moved.
 *
 * @template T
 * @param {Element} parent
 * @param {(item: T) => string} keyOf
 * @param {(item: T) => string} signatureOf
 * @param {(item: T) => Element} build
 * @returns {(items: T[]) => void}
 */
export function keyedList(parent, keyOf, signatureOf, build) {
  /** @type {Map<string, { signature: string, element: Element }>} */
  let built = new Map()
  return (items) => {
    /** @type {Map<string, { signature: string, element: Element }>} */
    const next = new Map()
    const elements = items.map((item) => {
      const key = keyOf(item)
      const signature = signatureOf(item)
      let entry = built.get(key)
      if (!entry || entry.signature !== signature) {
        const element = build(item)
        if (entry) {
          const focused = focusedName(entry.element)
          entry.element.replaceWith(element)
          refocus(element, focused)
        }
        entry = { signature, element }
      }
      next.set(key, entry)
      return entry.element
    })
    built = next
    elements.forEach((element, i) => {
      const there = parent.children[i]
      if (there !== element) parent.insertBefore(element, there ?? null)
    })
    while (parent.children.length > elements.length) parent.lastElementChild?.remove()
  }
}
