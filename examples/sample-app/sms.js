/**
 * The sample application's SMS module: one SMS through SMStoB (`http.php`) or ASPSMS (the JSON
 * API), with nothing but `fetch`. Where it talks to is configuration, so the same code talks to
 * smsim in CI and to the real provider in production.
 *
 * Environment:
 *   SMS_PROVIDER        smstob | aspsms
 *   SMSTOB_URL          default https://www.smstob.com (smsim: http://127.0.0.1:8780/smstob)
 *   SMSTOB_EMAIL, SMSTOB_PASS
 *   ASPSMS_URL          default https://json.aspsms.com (smsim: http://127.0.0.1:8780/aspsms/json)
 *   ASPSMS_USERKEY, ASPSMS_PASSWORD, ASPSMS_ORIGINATOR (default "Sample", at most 11 characters)
 *   SMS_TIMEOUT_MS      default 10000
 */
/* global fetch, AbortSignal, URLSearchParams */

/** SMStoB's answer codes, verbatim from its document (§4 "Envoi par http"). */
export const SMSTOB_CODES = {
  80: 'Le message a été envoyé',
  81: 'Le message est enregistré pour un envoi en différé',
  82: "Le login et/ou mot de passe n'est pas valide",
  83: 'vous devez créditer le compte',
  84: "le numéro de gsm n'est pas valide",
  85: "le format d'envoi en différé n'est pas valide",
  86: 'le groupe de contacts est vide',
  87: 'la valeur email est vide',
  88: 'la valeur pass est vide',
  89: 'la valeur numero est vide',
  90: 'la valeur message est vide',
  91: 'le message a déjà été envoyé à ce numéro dans les 24 dernières heures',
}

/**
 * The provider's settings from the environment.
 * @param {Record<string, string | undefined>} env
 */
export function configFromEnv(env) {
  const provider = env.SMS_PROVIDER ?? 'smstob'
  const timeoutMs = Number(env.SMS_TIMEOUT_MS ?? 10_000)
  if (provider === 'smstob')
    return {
      provider,
      timeoutMs,
      url: env.SMSTOB_URL ?? 'https://www.smstob.com',
      email: required(env, 'SMSTOB_EMAIL'),
      pass: required(env, 'SMSTOB_PASS'),
    }
  if (provider === 'aspsms')
    return {
      provider,
      timeoutMs,
      url: env.ASPSMS_URL ?? 'https://json.aspsms.com',
      userKey: required(env, 'ASPSMS_USERKEY'),
      password: required(env, 'ASPSMS_PASSWORD'),
      originator: env.ASPSMS_ORIGINATOR ?? 'Sample',
    }
  if (provider === 'allmysms')
    return {
      provider,
      timeoutMs,
      url: env.ALLMYSMS_URL ?? 'https://api.allmysms.com/http/9.0',
      login: required(env, 'ALLMYSMS_LOGIN'),
      apiKey: required(env, 'ALLMYSMS_APIKEY'),
    }
  throw new Error(`SMS_PROVIDER must be smstob, aspsms or allmysms, not "${provider}"`)
}

function required(env, name) {
  const value = env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

/**
 * Sends one SMS. Resolves with `{ ok, code, meaning }` — the provider's own code and text, so
 * that whoever reads the log knows what the provider said. Rejects only when the provider could
 * not be reached (network error, timeout).
 *
 * @note No retry here, on purpose: a refusal (no credit, a bad number, a duplicate, a wrong
 * password) is the same the second time, and after a timeout the SMS may well have gone — a
 * retry would send it twice.
 */
export async function sendSms(config, to, text) {
  if (config.provider === 'allmysms') return sendAllmysms(config, to, text)
  return config.provider === 'smstob' ? sendSmstob(config, to, text) : sendAspsms(config, to, text)
}

async function sendAllmysms(config, to, text) {
  // HTTP API 9.0: sendSms with a JSON smsData, posted as a form; one request for every number.
  const smsData = JSON.stringify({
    DATA: { MESSAGE: text, SMS: to.split(/[,;]/).map((n) => ({ MOBILEPHONE: n.trim() })) },
  })
  const response = await fetch(`${config.url.replace(/\/+$/, '')}/sendSms/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: config.login, apiKey: config.apiKey, smsData }),
    signal: AbortSignal.timeout(config.timeoutMs),
  })
  const body = await response.text()
  let answer
  try {
    // JSON, though served as text/html.
    answer = JSON.parse(body)
  } catch {
    return { ok: false, code: `HTTP ${response.status}`, meaning: unexpected(body) }
  }
  // `status` is a number; 100 sent, 101 scheduled. 113: some numbers refused, the others sent.
  const code = Number(answer.status)
  return {
    ok: response.ok && (code === 100 || code === 101),
    code,
    meaning: `${answer.statusText ?? ''}${answer.invalidNumbers ? ` (invalid: ${answer.invalidNumbers})` : ''}`,
  }
}

async function sendSmstob(config, to, text) {
  // The document's form: GET http.php with the fields in the query, percent-encoded as UTF-8.
  const query = new URLSearchParams({
    email: config.email,
    pass: config.pass,
    numero: to,
    message: text,
  })
  const response = await fetch(`${config.url.replace(/\/+$/, '')}/http.php?${query}`, {
    signal: AbortSignal.timeout(config.timeoutMs),
  })
  const body = (await response.text()).trim()
  if (!response.ok || !(body in SMSTOB_CODES))
    return { ok: false, code: `HTTP ${response.status}`, meaning: unexpected(body) }
  const code = Number(body)
  return { ok: code === 80 || code === 81, code, meaning: SMSTOB_CODES[code] }
}

async function sendAspsms(config, to, text) {
  const response = await fetch(`${config.url.replace(/\/+$/, '')}/SendSimpleTextSMS`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({
      UserName: config.userKey,
      Password: config.password,
      Originator: config.originator,
      Recipients: [international(to)],
      MessageText: text,
    }),
    signal: AbortSignal.timeout(config.timeoutMs),
  })
  const body = await response.text()
  let answer
  try {
    answer = JSON.parse(body)
  } catch {
    return { ok: false, code: `HTTP ${response.status}`, meaning: unexpected(body) }
  }
  // StatusCode is a string on the wire ("1"), not a number.
  const code = Number(answer.StatusCode)
  return { ok: response.ok && code === 1, code, meaning: String(answer.StatusInfo ?? '') }
}

/**
 * ASPSMS is international: a number without its country code is accepted, then never
 * delivered. Our users type French numbers (06…, 07…), so they get +33 here. (A real
 * application would use a phone-number library.)
 */
export function international(number) {
  const compact = number.replace(/[\s.\-()]/g, '')
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`
  if (compact.startsWith('00')) return `+${compact.slice(2)}`
  return compact
}

function unexpected(body) {
  return `not a provider answer: ${JSON.stringify(body.slice(0, 200))}`
}
