// @ts-check
/**
 * The dashboard's element builders: an element from its props and children, a labelled field,
 * a `<select>`, and the JSON of a detail pane. Every text the page shows (an SMS, a mail, a
 * journal field) goes in as a text node, never as HTML: what a client sent cannot become markup.
 *
 * Beside it: time.js (instants in a provider's zone), providers.js (the providers' names, zones
 * and filter), redraw.js (rebuilding only what changed, and how often).
 */

/**
 * What an element can hold: nodes, text, nothing, and arrays of these, nested as a view builds
 * them (JSDoc cannot write the recursive type: the arrays' items are checked as they are added).
 *
 * @typedef {Node | string | number | null | undefined | false | readonly unknown[]} Child
 */

/**
 * Builds an element. `on<event>` props add listeners; `value`, `checked` and `selected` set the
 * property; `true` sets an empty attribute; `false`, `null` and `undefined` leave it out.
 *
 * @example
 * h('button', { type: 'button', onclick: save, 'aria-label': 'Save credits' }, 'Save')
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on') && typeof value === 'function')
      element.addEventListener(name.slice(2), /** @type {EventListener} */ (value))
    else if (name === 'value' || name === 'checked' || name === 'selected')
      /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (element))[name] = value
    else element.setAttribute(name, value === true ? '' : String(value))
  }
  append(element, children)
  return element
}

/**
 * Appends children, flattening arrays and skipping empty ones.
 *
 * @param {Node} parent
 * @param {Child[]} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (child instanceof Node) parent.appendChild(child)
    else if (Array.isArray(child)) append(parent, child)
    else parent.appendChild(document.createTextNode(String(child)))
  }
}

/**
 * A labelled control: its name in a `<label for>` (the control's accessible name, and a click on
 * it focuses the control), and a hint under it read as its description (aria-describedby).
 *
 * @param {string} text
 * @param {HTMLElement} control
 * @param {string} [hint]
 */
export function field(text, control, hint) {
  if (!control.id) control.id = uniqueId('field')
  const wrapper = h(
    'div',
    { class: 'field' },
    h('label', { for: control.id, class: 'field-name' }, text),
    control,
  )
  if (hint) {
    const id = uniqueId('hint')
    control.setAttribute('aria-describedby', id)
    wrapper.append(h('small', { id, class: 'hint' }, hint))
  }
  return wrapper
}

let counter = 0
/** @param {string} prefix */
export function uniqueId(prefix) {
  counter += 1
  return `${prefix}-${counter}`
}

/**
 * A `<select>` of `[value, text]` options.
 *
 * @param {Record<string, unknown>} props
 * @param {[string, string][]} options
 * @param {string} [selected]
 */
export function select(props, options, selected = '') {
  return h(
    'select',
    props,
    options.map(([value, text]) => h('option', { value, selected: value === selected }, text)),
  )
}

/**
 * Pretty JSON for a detail pane.
 *
 * @param {unknown} value
 */
export const prettyJson = (value) => JSON.stringify(value, null, 2)
