// @ts-check
/**
 * Outbox: every mail a provider sent back (confirmations, error mails, acks), its headers and
 * its plain text, and its raw source as an `.eml` file (`GET /_smsim/mails/{id}.eml`).
 */
import { authHeaders, mergeNewest, page } from './api.js'
import { field, h } from './dom.js'
import { liveList } from './live-list.js'
import { providerFilter, providerName, zoneOf } from './providers.js'
import { coalesced, debounced, keyedList, update } from './redraw.js'
import { timeElement } from './time.js'

/** How many mails are read at a time. */
const MAILS_PAGE = 100

/**
 * @typedef {{
 *   id: string, provider: string, from: string, to: string, subject: string, text: string,
 *   date: string, account?: string, headers?: Record<string, string>,
 * }} Mail
 */

/** @param {Mail} mail */
const order = (mail) => `${mail.date} ${mail.id}`

/** @param {Mail} mail the path of its raw source */
export const emlPath = (mail) => `/_smsim/mails/${encodeURIComponent(mail.id)}.eml`

/**
 * Downloads a mail's raw source. Fetched rather than followed, so that the control token goes
 * with it and a refusal is shown instead of being saved as the file.
 *
 * @param {Mail} mail
 * @param {import('./context.js').Context} context
 */
async function downloadEml(mail, context) {
  const response = await fetch(emlPath(mail), { headers: authHeaders(), cache: 'no-store' })
  if (!response.ok) {
    const reason =
      response.status === 404
        ? 'this smsim does not serve raw mails (GET /_smsim/mails/{id}.eml)'
        : `${response.status} ${response.statusText}`
    return context.notify(`Could not download ${mail.id}.eml: ${reason}`, 'error')
  }
  const url = URL.createObjectURL(await response.blob())
  const link = h('a', { href: url, download: `${mail.id}.eml`, hidden: true })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * @param {import('./context.js').Context} context
 * @param {URLSearchParams} params
 * @returns {import('./context.js').View}
 */
export function outboxView(context, params) {
  const filters = { provider: params.get('provider') ?? '', to: params.get('to') ?? '' }
  let selected = params.get('mail') ?? ''
  /** @type {Map<string, Mail>} */
  const mails = new Map()
  let more = false

  const providerSelect = providerFilter(context.providers, filters.provider)
  const toInput = h('input', { name: 'to', type: 'search', value: filters.to, autocomplete: 'off' })
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the mails' },
    field('Provider', providerSelect),
    field('To', toInput, 'the whole address'),
  )
  const summary = h('p', { class: 'summary', 'aria-live': 'polite' })
  const list = h('ul', { class: 'item-list' })
  const older = h('button', { type: 'button', class: 'more' }, 'Load older mails')
  const detail = h('article', { class: 'detail', 'aria-label': 'The mail' })
  const element = h(
    'section',
    { class: 'view view-outbox' },
    h('h2', { tabindex: -1 }, 'Outbox'),
    form,
    h('div', { class: 'split' }, h('div', { class: 'list-pane' }, summary, list, older), detail),
  )

  const renderDetail = () => {
    const mail = mails.get(selected)
    update(detail, mail ? `${mail.id} ${mail.date}` : '', () =>
      mail ? mailDetail(mail) : [h('p', { class: 'empty' }, 'Choose a mail to read it.')],
    )
  }

  /** @param {Mail} mail */
  const mailDetail = (mail) => {
    const zone = zoneOf(mail.provider)
    const headers = [
      ['From', mail.from],
      ['To', mail.to],
      ['Subject', mail.subject],
      ['Date', timeElement(mail.date, zone)],
      ['Provider', providerName(mail.provider)],
      ...(mail.account ? [['Account', mail.account]] : []),
      ...Object.entries(mail.headers ?? {}),
    ]
    const download = h(
      'a',
      {
        href: emlPath(mail),
        download: `${mail.id}.eml`,
        class: 'button-link',
        'data-focus': 'eml',
      },
      'Download the raw mail (.eml)',
    )
    download.addEventListener('click', (event) => {
      event.preventDefault()
      void downloadEml(mail, context)
    })
    return [
      h('h3', {}, mail.subject || '(no subject)'),
      h(
        'dl',
        { class: 'headers' },
        headers.map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
      ),
      h('pre', { class: 'mail-text' }, mail.text),
      h('p', {}, download),
    ]
  }

  const renderList = keyedList(
    list,
    (/** @type {Mail} */ mail) => mail.id,
    (mail) => `${mail.date} ${mail.subject} ${mail.id === selected}`,
    (mail) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'item',
            'aria-current': mail.id === selected ? 'true' : false,
            'data-id': mail.id,
            'data-focus': `mail ${mail.id}`,
            onclick: () => {
              selected = mail.id
              context.setParams({ ...filters, mail: selected })
              render()
            },
          },
          h('span', { class: 'item-title' }, mail.subject || '(no subject)'),
          h('span', { class: 'item-line' }, `${mail.from} → ${mail.to}`),
          h(
            'span',
            { class: 'item-line' },
            providerName(mail.provider),
            ' · ',
            timeElement(mail.date, zoneOf(mail.provider)),
          ),
        ),
      ),
  )

  const render = coalesced(() => {
    const sorted = [...mails.values()].sort((a, b) => (order(a) < order(b) ? 1 : -1))
    // Nothing chosen yet: the newest mail is open, as a mail client opens it.
    if (!mails.has(selected)) selected = sorted[0]?.id ?? ''
    renderList(sorted)
    summary.textContent = mails.size
      ? `${mails.size} mail${mails.size === 1 ? '' : 's'} loaded`
      : 'No mail sent back yet.'
    older.hidden = !more
    renderDetail()
  })

  /** @param {boolean} fromStart */
  async function load(fromStart) {
    const result = await page('/mails', filters, fromStart ? 0 : mails.size, MAILS_PAGE, order)
    if (fromStart) mergeNewest(mails, result, order)
    else for (const mail of result.items) mails.set(mail.id, mail)
    more = result.more
    render()
  }

  /** @param {unknown} error */
  const report = (error) =>
    context.notify(error instanceof Error ? error.message : String(error), 'error')
  const apply = () => {
    filters.provider = providerSelect.value
    filters.to = toInput.value.trim()
    mails.clear()
    context.setParams({ ...filters, mail: selected })
    void load(true).catch(report)
  }
  providerSelect.addEventListener('change', apply)
  toInput.addEventListener('input', debounced(apply, 300))

  return {
    element,
    ...liveList({
      records: mails,
      type: 'mail',
      accept: (data) => {
        const mail = /** @type {Mail} */ (data)
        if (filters.provider && mail.provider !== filters.provider) return undefined
        if (filters.to && mail.to.toLowerCase() !== filters.to.toLowerCase()) return undefined
        return mail
      },
      order,
      view: { load, render, report, onDropped: () => (more = true) },
      controls: { form, apply, older },
    }),
  }
}
