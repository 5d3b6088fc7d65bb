// @ts-check
/**
 * The dashboard's few DOM helpers: building elements, and reading instants in a provider's
 * time zone. Every text the page shows (an SMS, a mail, a journal field) goes in as a text
 * node, never as HTML: what a client sent cannot become markup.
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
 * The provider filter every list view has: "all providers", then each provider by its name.
 *
 * @param {{ id: string, name: string }[]} providers
 * @param {string} selected
 * @param {string} [name] the field's name
 */
export function providerFilter(providers, selected, name = 'provider') {
  return select(
    { name },
    [
      ['', 'all providers'],
      ...providers.map((p) => /** @type {[string, string]} */ ([p.id, p.name])),
    ],
    selected,
  )
}

/** The providers' names as they write them. */
export const PROVIDER_NAMES = /** @type {const} */ ({
  smstob: 'SMStoB',
  aspsms: 'ASPSMS',
  allmysms: 'allmysms',
  isendpro: 'iSendPro',
})

/** @param {string} id */
export const providerName = (id) => PROVIDER_NAMES[/** @type {'smstob'} */ (id)] ?? id

/**
 * The time zone a provider's customers read its times in: Swiss for ASPSMS, French for the
 * others (the zones their deferred dates are read in, simulators/<provider>/wire.ts).
 *
 * @param {string} provider
 */
export const zoneOf = (provider) => (provider === 'aspsms' ? 'Europe/Zurich' : 'Europe/Paris')

/** @type {Map<string, Intl.DateTimeFormat>} */
const formats = new Map()

/**
 * An instant as a person reads it in `zone`: `Mon 05 Jan 2026, 09:00:00 CET`.
 *
 * @param {string | undefined} iso
 * @param {string} zone an IANA zone
 * @param {'long' | 'time'} [style] `time`: `09:00:00 CET` only
 */
export function formatTime(iso, zone, style = 'long') {
  if (!iso) return ''
  const key = `${zone} ${style}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      ...(style === 'long'
        ? { weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' }
        : {}),
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'short',
    })
    formats.set(key, format)
  }
  return format.format(new Date(iso))
}

/**
 * `<time>` for an instant, shown in `zone`, with the UTC instant as its machine value and title.
 *
 * @param {string | undefined} iso
 * @param {string} zone
 * @param {'long' | 'time'} [style]
 */
export function timeElement(iso, zone, style = 'long') {
  if (!iso) return null
  return h('time', { datetime: iso, title: iso }, formatTime(iso, zone, style))
}

/**
 * What a wall clock in `zone` shows at `ms`.
 *
 * @param {number} ms
 * @param {string} zone
 * @returns {{ year: number, month: number, day: number, hour: number, minute: number, second: number }}
 */
export function wallTime(ms, zone) {
  const key = `${zone} parts`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formats.set(key, format)
  }
  /** @type {Record<string, number>} */
  const parts = {}
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = Number(part.value)
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  }
}

/**
 * The instant at which a wall clock in `zone` shows `local` (`2026-01-05T09:00` or with
 * seconds, as a `datetime-local` input gives it). Twice round the offset: once for the guess,
 * once more in case the guess fell on the other side of a DST change.
 *
 * @example
 * zonedInstant('2026-01-05T09:00', 'Europe/Paris').toISOString() // '2026-01-05T08:00:00.000Z'
 *
 * @param {string} local
 * @param {string} zone
 */
export function zonedInstant(local, zone) {
  const [y = 0, mo = 1, d = 1, hh = 0, mm = 0, ss = 0] = local.split(/[-T:]/).map(Number)
  const wanted = Date.UTC(y, mo - 1, d, hh, mm, ss)
  let ms = wanted
  for (let i = 0; i < 2; i++) {
    const w = wallTime(ms, zone)
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
    ms += wanted - shown
  }
  return new Date(ms)
}

/** @param {number} n */
const pad = (n, width = 2) => String(n).padStart(width, '0')

/**
 * `ms` as a `datetime-local` value in `zone` (`2026-01-05T09:00:00`).
 *
 * @param {number} ms
 * @param {string} zone
 */
export function localInputValue(ms, zone) {
  const w = wallTime(ms, zone)
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}

/**
 * `ms` in the digits a provider's deferred field takes, written in `zone`'s wall time.
 *
 * @example
 * deferredDigits(Date.parse('2026-01-05T08:00:00Z'), 'Europe/Paris', 'hhmmjjmmaaaa') // '090005012026'
 *
 * @param {number} ms
 * @param {string} zone
 * @param {'hhmmjjmmaaaa' | 'YYYY-MM-DD hh:ii:ss'} pattern SMStoB's `diff`, allmysms's `date=`
 */
export function deferredDigits(ms, zone, pattern) {
  const w = wallTime(ms, zone)
  return pattern === 'hhmmjjmmaaaa'
    ? `${pad(w.hour)}${pad(w.minute)}${pad(w.day)}${pad(w.month)}${w.year}`
    : `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
}

/**
 * A number of milliseconds as a person says it: `10 min`, `6 h`, `1 d 2 h`.
 *
 * @param {number} ms
 */
export function formatDuration(ms) {
  if (ms < 1000) return `${ms} ms`
  const units = /** @type {const} */ ([
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ])
  const parts = []
  let rest = ms
  for (const [unit, size] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`)
      rest %= size
    }
    if (parts.length === 2) break
  }
  return parts.join(' ')
}

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
 * Pretty JSON for a detail pane.
 *
 * @param {unknown} value
 */
export const prettyJson = (value) => JSON.stringify(value, null, 2)

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
