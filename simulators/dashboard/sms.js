// @ts-check
/**
 * One SMS as a phone shows it: the sender, the time in the provider's zone, the text as it is
 * (line breaks and spaces kept, a search's matches marked), its parts and encoding, a flash
 * message marked, and where its delivery stands.
 */
import { h, prettyJson } from './dom.js'
import { providerName, zoneOf } from './providers.js'
import { formatDuration, timeElement } from './time.js'

/**
 * @typedef {{
 *   id: string, provider: string, account: string, transport: string, from?: string,
 *   to: string, text: string, encoding: string, segments: number, class: string,
 *   status: string, reason?: string, submittedAt: string, scheduledAt?: string,
 *   validityMs?: number, history?: { at: string, status: string, reason?: string }[],
 *   meta?: Record<string, unknown>,
 * }} Sms
 */

const ENCODINGS = /** @type {Record<string, string>} */ ({
  gsm7: 'GSM-7',
  ucs2: 'UCS-2',
  binary: '8-bit data',
})

/** @param {Sms} sms what orders SMS: when they were sent, then their id */
export const order = (sms) => `${sms.submittedAt} ${sms.id}`

/** @param {Sms} a @param {Sms} b */
export const newestFirst = (a, b) => (order(a) < order(b) ? 1 : order(a) > order(b) ? -1 : 0)

/**
 * E.164 spaced as it is read aloud in France and Switzerland.
 *
 * @param {string} e164
 */
export function spacedNumber(e164) {
  const fr = /^\+33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(e164)
  if (fr) return `+33 ${fr.slice(1).join(' ')}`
  const ch = /^\+41(\d\d)(\d{3})(\d\d)(\d\d)$/.exec(e164)
  if (ch) return `+41 ${ch.slice(1).join(' ')}`
  return e164
}

/**
 * The text with each match of `search` marked (text nodes and `<mark>`, never HTML).
 *
 * @param {string} text
 * @param {string} search
 */
function marked(text, search) {
  if (!search) return [text]
  const lower = text.toLowerCase()
  const wanted = search.toLowerCase()
  /** @type {(string | HTMLElement)[]} */
  const parts = []
  let at = 0
  for (let found = lower.indexOf(wanted); found >= 0; found = lower.indexOf(wanted, at)) {
    parts.push(text.slice(at, found), h('mark', {}, text.slice(found, found + wanted.length)))
    at = found + wanted.length
  }
  parts.push(text.slice(at))
  return parts
}

/**
 * Where an SMS stands, in words, with the time of its last change.
 *
 * @param {Sms} sms
 */
function statusLine(sms) {
  const zone = zoneOf(sms.provider)
  const last = sms.history?.[sms.history.length - 1]
  const at = last?.at ?? sms.submittedAt
  const reason = sms.reason ?? last?.reason
  const words = {
    scheduled: ['Scheduled for ', timeElement(sms.scheduledAt, zone)],
    buffered: [
      'Buffered: the phone is unreachable, the network keeps trying',
      sms.validityMs ? ` for ${formatDuration(sms.validityMs)}` : '',
      ' (since ',
      timeElement(at, zone, 'time'),
      ')',
    ],
    delivered: ['Delivered ', timeElement(at, zone, 'time')],
    failed: ['Failed ', timeElement(at, zone, 'time'), reason ? `: ${reason}` : ''],
    expired: ['Expired ', timeElement(at, zone, 'time'), reason ? `: ${reason}` : ''],
  }[sms.status] ?? [sms.status]
  return h(
    'p',
    { class: 'sms-status' },
    h('span', { class: `chip chip-${sms.status}` }, sms.status),
    ' ',
    words,
  )
}

/**
 * One SMS as the phone shows it.
 *
 * @param {Sms} sms
 * @param {string} search
 */
export function smsItem(sms, search) {
  const zone = zoneOf(sms.provider)
  const flash = sms.class === 'flash'
  const parts = sms.segments === 1 ? '1 part' : `${sms.segments} parts`
  return h(
    'li',
    { class: `sms${flash ? ' sms-flash' : ''}`, 'data-id': sms.id, 'data-status': sms.status },
    h(
      'p',
      { class: 'sms-head' },
      h('span', { class: 'sms-from', title: 'sender (originator)' }, sms.from || '(no sender set)'),
      ' ',
      timeElement(sms.submittedAt, zone),
    ),
    flash
      ? h('p', { class: 'flash-note' }, 'Flash SMS (class 0): shown on the screen, not stored')
      : null,
    h(
      'p',
      { class: 'sms-text' },
      sms.text === '' ? h('em', {}, '(empty)') : marked(sms.text, search),
    ),
    h(
      'p',
      { class: 'sms-facts' },
      h('span', { class: 'badge' }, ENCODINGS[sms.encoding] ?? sms.encoding),
      h('span', { class: 'badge' }, parts),
      flash ? h('span', { class: 'badge badge-flash' }, 'flash') : null,
      h(
        'span',
        { class: 'via' },
        `${providerName(sms.provider)} · ${sms.account} · ${sms.transport}`,
      ),
    ),
    statusLine(sms),
    h(
      'details',
      { class: 'sms-details' },
      h('summary', {}, 'History and details'),
      h(
        'ol',
        { class: 'history' },
        (sms.history ?? []).map((step) =>
          h(
            'li',
            {},
            timeElement(step.at, zone),
            ` ${step.status}`,
            step.reason ? ` (${step.reason})` : '',
          ),
        ),
      ),
      h('pre', { class: 'json' }, prettyJson({ id: sms.id, meta: sms.meta ?? {} })),
    ),
  )
}
