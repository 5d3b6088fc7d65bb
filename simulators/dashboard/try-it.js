// @ts-check
/**
 * Try it: a form per provider that sends a real request through the real transport and shows
 * what the provider answered — its code and what the code means. HTTP goes from the browser to
 * the provider's own URL on this smsim; mail goes through `POST /_smsim/try/mail`, which holds
 * a real SMTP session with smsim's own gateway (a browser cannot speak SMTP).
 */
import { control, query, send } from './api.js'
import { field, h, select } from './dom.js'
import { providerName } from './providers.js'
import { deferredDigits, zonedInstant } from './time.js'

/**
 * The demo accounts `smsim start` creates (README), used until the real ones are read.
 * @type {Record<string, { id: string, secret: string }>}
 */
const DEMO = {
  smstob: { id: 'demo@smstob.test', secret: 'demo' },
  aspsms: { id: 'DEMOASPSMS', secret: 'demo' },
  allmysms: { id: 'arthur45', secret: 'de135f8d2a091e4' },
  isendpro: { id: 'a296464ce012b8ab710a', secret: '' },
}

/** An emailId iSendPro has not seen: it refuses one it has (code 34). */
const freshEmailId = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`

/**
 * The mail presets: the README's examples for each mail interface.
 *
 * @param {Record<string, { id: string, secret: string }>} accounts
 * @returns {Record<string, { label: string, from: string, to: string, subject: string, text: string }>}
 */
const mailPresets = (accounts) => ({
  'smstob-2': {
    label: 'SMStoB, syntax 2 (sms.password@smstob.com)',
    from: accounts.smstob?.id ?? '',
    to: `sms.${accounts.smstob?.secret}@smstob.com`,
    subject: '0660545465',
    text: 'Bonjour par mail',
  },
  'smstob-3': {
    label: 'SMStoB, syntax 3 (sms@smstob.com, password:number in the subject)',
    from: accounts.smstob?.id ?? '',
    to: 'sms@smstob.com',
    subject: `${accounts.smstob?.secret}:0660901010`,
    text: 'Bonjour par mail',
  },
  allmysms: {
    label: 'allmysms Mail2SMS (login@apiKey|mobiles in the subject)',
    from: 'you@example.com',
    to: 'mail2sms@allmysms.com',
    subject: `${accounts.allmysms?.id}@${accounts.allmysms?.secret}|0660919010`,
    text: 'Bonjour',
  },
  isendpro: {
    label: 'iSendPro (an <envoi> XML body)',
    from: 'app@masociete.com',
    to: 'sendsms@isendpro-api.com',
    subject: 'envoi',
    text: `<envoi><keyid>${accounts.isendpro?.id}</keyid><num>0660919010</num><sms>Bonjour</sms><emailId>${freshEmailId()}</emailId><emailAck>ack@masociete.com</emailAck><emailNot>not@masociete.com</emailNot></envoi>`,
  },
})

/**
 * A result area: what was sent, what came back, the provider's code and its meaning.
 *
 * @param {string} label
 */
function resultArea(label) {
  const area = h('section', { class: 'result', 'aria-label': label, 'aria-live': 'polite' })
  return {
    area,
    /** @param {(Node | string | null)[]} parts */
    show: (...parts) => area.replaceChildren(...parts.filter((p) => p !== null)),
  }
}

/**
 * @param {string} code
 * @param {string | undefined} meaning
 */
const codeLine = (code, meaning) =>
  h(
    'p',
    { class: 'code-line' },
    'Code ',
    h('strong', { class: 'provider-code' }, code),
    meaning ? ` — ${meaning}` : '',
  )

/**
 * @param {import('./context.js').Context} context
 * @returns {import('./context.js').View}
 */
export function tryView(context) {
  /** @param {unknown} error */
  const report = (error) =>
    context.notify(error instanceof Error ? error.message : String(error), 'error')
  /** @param {Date} date */
  const isoZ = (date) => date.toISOString().replace(/\.000Z$/, 'Z')

  // --- SMStoB http.php ---
  const smstob = {
    email: h('input', { name: 'email', type: 'text', value: DEMO.smstob?.id, autocomplete: 'off' }),
    pass: h('input', {
      name: 'pass',
      type: 'text',
      value: DEMO.smstob?.secret,
      autocomplete: 'off',
    }),
    numero: h('input', { name: 'numero', type: 'tel', value: '0660919010', autocomplete: 'off' }),
    message: h('textarea', { name: 'message', rows: 3, value: 'Bonjour' }),
    diff: h('input', { name: 'diff', type: 'datetime-local', step: 60 }),
  }
  const smstobResult = resultArea('SMStoB’s answer')
  const smstobForm = h(
    'form',
    { class: 'try-form', 'aria-labelledby': 'try-smstob' },
    h('h3', { id: 'try-smstob' }, 'SMStoB — http.php'),
    field('email', smstob.email),
    field('pass', smstob.pass),
    field('numero', smstob.numero, 'a mobile number, or one of the account’s groups'),
    field('message', smstob.message),
    field(
      'diff (deferred, Europe/Paris)',
      smstob.diff,
      'empty: sent at once; else sent as hhmmjjmmaaaa',
    ),
    h('p', { class: 'actions' }, h('button', { type: 'submit' }, 'Send through http.php')),
    smstobResult.area,
  )
  smstobForm.addEventListener('submit', (event) => {
    event.preventDefault()
    void (async () => {
      const diff = smstob.diff.value
        ? deferredDigits(
            zonedInstant(smstob.diff.value, 'Europe/Paris').getTime(),
            'Europe/Paris',
            'hhmmjjmmaaaa',
          )
        : undefined
      const url = `/smstob/http.php${query({
        email: smstob.email.value,
        pass: smstob.pass.value,
        numero: smstob.numero.value,
        message: smstob.message.value,
        diff,
      })}`
      const response = await send(url)
      const body = await response.text()
      const code = body.trim()
      smstobResult.show(
        h('p', {}, 'GET ', h('code', {}, url)),
        h('p', {}, `HTTP ${response.status} — body: `, h('code', {}, body)),
        /^\d+$/.test(code) ? codeLine(code, context.meaning('smstob', code)) : null,
      )
    })().catch(report)
  })

  // --- ASPSMS JSON ---
  const aspsms = {
    user: h('input', {
      name: 'UserName',
      type: 'text',
      value: DEMO.aspsms?.id,
      autocomplete: 'off',
    }),
    password: h('input', {
      name: 'Password',
      type: 'text',
      value: DEMO.aspsms?.secret,
      autocomplete: 'off',
    }),
    originator: h('input', { name: 'Originator', type: 'text', value: 'ESF' }),
    recipients: h('input', { name: 'Recipients', type: 'text', value: '+41791234567' }),
    text: h('textarea', { name: 'MessageText', rows: 3, value: 'Grüezi' }),
    deferred: h('input', { name: 'DeferredDeliveryTime', type: 'datetime-local', step: 60 }),
    flash: h('input', { name: 'FlashingSMS', type: 'checkbox' }),
  }
  const aspsmsResult = resultArea('ASPSMS’s answer')
  const aspsmsForm = h(
    'form',
    { class: 'try-form', 'aria-labelledby': 'try-aspsms' },
    h('h3', { id: 'try-aspsms' }, 'ASPSMS — JSON API, SendTextSMS'),
    field('UserName', aspsms.user),
    field('Password', aspsms.password),
    field('Originator', aspsms.originator),
    field('Recipients', aspsms.recipients, 'separated by commas'),
    field('MessageText', aspsms.text),
    field('DeferredDeliveryTime (Europe/Zurich)', aspsms.deferred, 'empty: sent at once'),
    h('label', { class: 'check' }, aspsms.flash, ' FlashingSMS'),
    h('p', { class: 'actions' }, h('button', { type: 'submit' }, 'Send through the JSON API')),
    aspsmsResult.area,
  )
  aspsmsForm.addEventListener('submit', (event) => {
    event.preventDefault()
    void (async () => {
      const body = {
        UserName: aspsms.user.value,
        Password: aspsms.password.value,
        Originator: aspsms.originator.value,
        Recipients: aspsms.recipients.value.split(/[,;\s]+/).filter(Boolean),
        MessageText: aspsms.text.value,
        ...(aspsms.deferred.value
          ? { DeferredDeliveryTime: isoZ(zonedInstant(aspsms.deferred.value, 'Europe/Zurich')) }
          : {}),
        FlashingSMS: aspsms.flash.checked ? 'True' : 'False',
      }
      const response = await send('/aspsms/json/SendTextSMS', { method: 'POST', body })
      const text = await response.text()
      let code = ''
      try {
        code = String(JSON.parse(text).StatusCode ?? '')
      } catch {
        code = ''
      }
      aspsmsResult.show(
        h('p', {}, 'POST ', h('code', {}, '/aspsms/json/SendTextSMS')),
        h('p', {}, `HTTP ${response.status} — body: `, h('code', {}, text)),
        code ? codeLine(code, context.meaning('aspsms', code)) : null,
      )
    })().catch(report)
  })

  // --- mail ---
  let presets = mailPresets(DEMO)
  const preset = select(
    { name: 'preset' },
    Object.entries(presets).map(([key, p]) => /** @type {[string, string]} */ ([key, p.label])),
    'smstob-2',
  )
  const mail = {
    from: h('input', { name: 'from', type: 'email', autocomplete: 'off' }),
    to: h('input', { name: 'to', type: 'text', autocomplete: 'off' }),
    subject: h('input', { name: 'subject', type: 'text', autocomplete: 'off' }),
    text: h('textarea', { name: 'text', rows: 5 }),
  }
  const usePreset = () => {
    const chosen = presets[preset.value]
    if (!chosen) return
    mail.from.value = chosen.from
    mail.to.value = chosen.to
    mail.subject.value = chosen.subject
    mail.text.value = chosen.text
  }
  preset.addEventListener('change', usePreset)
  usePreset()
  const mailResult = resultArea('The gateway’s answer')
  const mailForm = h(
    'form',
    { class: 'try-form try-mail', 'aria-labelledby': 'try-mail' },
    h('h3', { id: 'try-mail' }, 'By mail — SMStoB, allmysms, iSendPro'),
    field('Example', preset, 'fills the fields below'),
    field('From', mail.from),
    field('To', mail.to),
    field('Subject', mail.subject),
    field('Text', mail.text),
    h('p', { class: 'actions' }, h('button', { type: 'submit' }, 'Send through the SMTP gateway')),
    mailResult.area,
  )
  mailForm.addEventListener('submit', (event) => {
    event.preventDefault()
    void (async () => {
      const answer = await control('/try/mail', {
        method: 'POST',
        body: {
          from: mail.from.value,
          to: mail.to.value,
          subject: mail.subject.value,
          text: mail.text.value,
        },
      })
      /** @type {{ provider: string, code?: string | number, meaning?: string, note?: string }[]} */
      const journal = answer.journal
      /** @type {{ to: string, subject: string }[]} */
      const mails = answer.mails
      mailResult.show(
        h('p', {}, 'SMTP reply: ', h('code', { class: 'smtp-reply' }, answer.smtp.response)),
        ...journal.map((entry) =>
          entry.code === undefined
            ? h('p', {}, `${providerName(entry.provider)}: ${entry.note ?? 'no code'}`)
            : codeLine(
                String(entry.code),
                entry.meaning ?? context.meaning(entry.provider, entry.code),
              ),
        ),
        mails.length
          ? h(
              'p',
              {},
              'Mails sent back: ',
              mails.map((m, i) => [
                i ? '; ' : '',
                h(
                  'a',
                  { href: `#/outbox?to=${encodeURIComponent(m.to)}` },
                  `${m.subject} → ${m.to}`,
                ),
              ]),
            )
          : h('p', {}, 'No mail sent back.'),
      )
      // iSendPro refuses an emailId it has seen: the next try gets a new one.
      mail.text.value = mail.text.value.replace(
        /<emailId>[^<]*<\/emailId>/,
        `<emailId>${freshEmailId()}</emailId>`,
      )
    })().catch(report)
  })

  /** The accounts smsim has, with their secrets (`?reveal=secret`), in place of the demo ones. */
  async function prefill() {
    /** @type {{ provider: string, id: string, secret?: string }[]} */
    const accounts = await control('/accounts?reveal=secret')
    /** @type {Record<string, { id: string, secret: string }>} */
    const found = { ...DEMO }
    for (const provider of Object.keys(DEMO)) {
      const own = accounts.filter((a) => a.provider === provider)
      const chosen = own.find((a) => a.id === DEMO[provider]?.id) ?? own[0]
      if (chosen) found[provider] = { id: chosen.id, secret: chosen.secret ?? '' }
    }
    const untouched = (
      /** @type {HTMLInputElement} */ input,
      /** @type {string | undefined} */ demo,
    ) => input.value === demo
    if (untouched(smstob.email, DEMO.smstob?.id)) smstob.email.value = found.smstob?.id ?? ''
    if (untouched(smstob.pass, DEMO.smstob?.secret)) smstob.pass.value = found.smstob?.secret ?? ''
    if (untouched(aspsms.user, DEMO.aspsms?.id)) aspsms.user.value = found.aspsms?.id ?? ''
    if (untouched(aspsms.password, DEMO.aspsms?.secret))
      aspsms.password.value = found.aspsms?.secret ?? ''
    const before = presets[preset.value]
    presets = mailPresets(found)
    if (
      before &&
      mail.from.value === before.from &&
      mail.to.value === before.to &&
      mail.subject.value === before.subject
    )
      usePreset()
  }

  const element = h(
    'section',
    { class: 'view view-try' },
    h('h2', { tabindex: -1 }, 'Try it'),
    h(
      'p',
      { class: 'lead' },
      'Each form sends a real request through the provider’s real interface on this smsim, as an application would; the SMS land on the ',
      h('a', { href: '#/phones' }, 'phones'),
      ' and the requests in the ',
      h('a', { href: '#/journal' }, 'journal'),
      '.',
    ),
    h('div', { class: 'try-grid' }, smstobForm, aspsmsForm, mailForm),
  )
  let prefilled = false

  return {
    element,
    async refresh() {
      if (prefilled) return
      prefilled = true
      await prefill()
    },
  }
}
