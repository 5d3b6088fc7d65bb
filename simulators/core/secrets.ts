/**
 * The one rule for secrets (issue 10, item 7): what is a secret, and the one form it is shown in.
 * The journal is masked with it before an entry is stored, the control API's reads (accounts,
 * mails, messages, ledgers) when they answer, and what smsim logs, so that a password sent to
 * smsim — right or wrong — is never read back in clear from anything but the account itself,
 * and there only when asked for (`GET /_smsim/accounts/{provider}/{id}?reveal=secret`).
 *
 * A secret is found two ways:
 * - **by name**: a field, form parameter or query parameter whose name is one of
 *   {@link SECRET_NAMES} (case, `_` and `-` ignored) holds a secret, whatever its value;
 * - **by value**: the provider that knows its syntax points out the values it read as
 *   credentials (SMStoB's password in `password.numero@smstob.com`, allmysms's apiKey in the
 *   subject `login@apiKey|…`, iSendPro's `<keyid>`), and every occurrence of them in the same
 *   record's strings is masked — as written, percent-encoded or form-encoded — but in the
 *   fields that name who is asking ({@link IDENTITY_NAMES}).
 *
 * @note Masking by value over-masks rather than leaks: a two-letter password is masked wherever
 * those two letters occur in the same record (an e-mail address, a message).
 */

import { CUT_TEXT_END } from './bounds.ts'
import type { Account, Mail } from './model.ts'

/** What stands for a secret; never as many stars as the secret has characters. */
export const MASK = '****'

/**
 * From this length on, the masked form ends with the secret's last {@link MASK_SHOWN_TAIL}
 * characters, so that a reader can tell two long keys apart (an iSendPro keyid, an allmysms
 * apiKey) without learning them. Shorter secrets show nothing: two characters of a
 * six-character password are a third of it.
 */
export const MASK_TAIL_FROM_LENGTH = 8

/** How many of a long secret's last characters the masked form shows. */
export const MASK_SHOWN_TAIL = 2

/**
 * Names that hold a secret, lower case, without `_` or `-`: the providers' credential fields
 * (SMStoB `pass`, ASPSMS `Password`, allmysms `apiKey`, iSendPro `keyid`) and the usual names
 * of others, so that a field named so is masked wherever it turns up. ASPSMS's `UserKey` is
 * the login (the account's id, shown like SMStoB's `email`), not a secret.
 */
export const SECRET_NAMES: ReadonlySet<string> = new Set([
  'pass',
  'password',
  'passwd',
  'pwd',
  'apikey',
  'keyid',
  'secret',
  'token',
  'accesstoken',
  'authorization',
])

/**
 * Names that hold who is asking, never a secret: a login, a sender's address. Masking by value
 * skips them, so that a password that is part of its own login (the demo account's `demo` and
 * `demo@smstob.test`) does not hide who sent a request; the login is no secret of its own.
 */
export const IDENTITY_NAMES: ReadonlySet<string> = new Set([
  'email',
  'from',
  'login',
  'userkey',
  'username',
  'sender',
])

/**
 * Whether a field of this name names who is asking (see {@link IDENTITY_NAMES}).
 *
 * @example
 * isIdentityName('UserKey') // true
 */
export function isIdentityName(name: string): boolean {
  return name.length <= LONGEST_SECRET_NAME && IDENTITY_NAMES.has(name.toLowerCase())
}

/**
 * Whether a field or parameter of this name holds a secret.
 *
 * @example
 * isSecretName('Password') // true
 * isSecretName('api_key')  // true
 * isSecretName('UserKey')  // false: ASPSMS's login
 */
export function isSecretName(name: string): boolean {
  if (name.length > LONGEST_SECRET_NAME) return false
  // The same few field names come back on every request: remember the answer for them.
  let known = secretNameCache.get(name)
  if (known === undefined) {
    const lower = name.toLowerCase()
    known = SECRET_NAMES.has(/[_-]/.test(lower) ? lower.replace(/[_-]/g, '') : lower)
    if (secretNameCache.size < NAME_CACHE_SIZE) secretNameCache.set(name, known)
  }
  return known
}

/** Field names whose answer {@link isSecretName} remembers: far more than the providers use. */
const NAME_CACHE_SIZE = 1_000
const secretNameCache = new Map<string, boolean>()

/** Longer names cannot be in {@link SECRET_NAMES} once `_` and `-` are dropped (a quick no). */
const LONGEST_SECRET_NAME = 32

/**
 * The masked form of a secret: `****` and its last two characters when it has at least 8,
 * else `****`; an empty secret stays empty (there is nothing to hide, and an account without
 * a password should be seen as such).
 *
 * @example
 * maskSecret('de135f8d2a091e4') // '****e4'
 * maskSecret('XV65JU')          // '****'
 * maskSecret('')                // ''
 */
export function maskSecret(secret: string): string {
  if (secret === '') return ''
  return secret.length >= MASK_TAIL_FROM_LENGTH ? MASK + secret.slice(-MASK_SHOWN_TAIL) : MASK
}

/** Masks every occurrence of some secrets in a text; see {@link secretMasker}. */
export type TextMasker = (text: string) => string

const unchanged: TextMasker = (text) => text

/**
 * A function that masks every occurrence of `secrets` in a text: each as written, and as a
 * query string or form body writes it (percent-encoded, spaces as `+`), longest first so that
 * a secret holding another is masked whole. Empty secrets are ignored.
 *
 * @example
 * const mask = secretMasker(['XV65JU'])
 * mask('XV65JU.0660919010@smstob.com') // '****.0660919010@smstob.com'
 */
export function secretMasker(secrets: readonly string[]): TextMasker {
  if (secrets.length === 0) return unchanged
  // The common case, one password of plain characters (every send journals one): no list.
  const only = secrets.length === 1 ? secrets[0]! : ''
  if (only !== '' && PLAIN_COMPONENT.test(only)) {
    const masked = maskSecret(only)
    return (text) => {
      const out = text.includes(only) ? text.replaceAll(only, masked) : text
      return out.endsWith('characters)') ? maskCutSecret(out, [[only, masked]]) : out
    }
  }
  const needles: [needle: string, masked: string][] = []
  const add = (needle: string, masked: string) => {
    if (!needles.some(([n]) => n === needle)) needles.push([needle, masked])
  }
  for (const secret of secrets) {
    if (secret === '') continue
    const masked = maskSecret(secret)
    add(secret, masked)
    // Percent-encoding changes only a text with characters outside [A-Za-z0-9-_.!~*'()].
    if (!PLAIN_COMPONENT.test(secret)) {
      const encoded = encodeComponent(secret)
      add(encoded, masked)
      add(encoded.replace(/%20/g, '+'), masked)
    }
  }
  if (needles.length === 0) return unchanged
  if (needles.length > 1) needles.sort((a, b) => b[0].length - a[0].length)
  return (text) => {
    let out = text
    for (const [needle, masked] of needles) {
      if (out.includes(needle)) out = out.replaceAll(needle, masked)
    }
    return out.endsWith('characters)') ? maskCutSecret(out, needles) : out
  }
}

/** What `encodeURIComponent` leaves as it is. */
const PLAIN_COMPONENT = /^[A-Za-z0-9\-_.!~*'()]*$/

/**
 * A text cut short (bounds.ts `cutText`) may end in the first characters of a secret whose
 * rest was cut off: those are masked too (over-masking a few letters that only look like one).
 */
function maskCutSecret(text: string, needles: readonly (readonly [string, string])[]): string {
  const end = CUT_TEXT_END.exec(text)
  if (!end) return text
  const head = text.slice(0, end.index)
  for (const [needle] of needles) {
    for (let k = Math.min(needle.length - 1, head.length); k > 0; k--) {
      if (head.endsWith(needle.slice(0, k))) return `${head.slice(0, -k)}${MASK}${end[0]}`
    }
  }
  return text
}

/** `encodeURIComponent`, or the text itself for a lone surrogate it cannot encode. */
function encodeComponent(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * A raw query string or form body with the values of its secret-named parameters masked
 * (the parameter as written: its value is masked as it was sent, still encoded). Used where a
 * request line is kept as received and no provider read it (an injected fault, a WSDL fetch).
 *
 * @example
 * maskQuery('email=a@b.fr&pass=XV65JU&numero=06') // 'email=a@b.fr&pass=****&numero=06'
 * maskQuery('UserKey=K&PASSWORD=longpassword')    // 'UserKey=K&PASSWORD=****rd'
 */
export function maskQuery(query: string): string {
  if (!query.includes('=')) return query
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      const name = pair.slice(0, eq)
      if (!isSecretName(decodeName(name))) return pair
      return `${name}=${maskSecret(pair.slice(eq + 1))}`
    })
    .join('&')
}

/**
 * A URL with the values of its query's secret-named parameters masked (a notification URL
 * that carries the client's own token).
 *
 * @example
 * maskUrl('https://app.example/cb?id=4&token=abcdefgh12') // 'https://app.example/cb?id=4&token=****12'
 */
export function maskUrl(url: string): string {
  const question = url.indexOf('?')
  if (question < 0) return url
  const hash = url.indexOf('#', question)
  const end = hash < 0 ? url.length : hash
  return url.slice(0, question + 1) + maskQuery(url.slice(question + 1, end)) + url.slice(end)
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '))
  } catch {
    return name
  }
}

/**
 * The decoded values of a query string's or form body's secret-named parameters (`pass=`,
 * `Password=`), for masking what is logged about a request no provider read.
 *
 * @example
 * secretsInQuery('email=a@b.fr&pass=XV%2065') // ['XV 65']
 */
export function secretsInQuery(query: string): string[] {
  const found: string[] = []
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    if (eq > 0 && isSecretName(decodeName(pair.slice(0, eq)))) {
      const value = decodeName(pair.slice(eq + 1))
      if (value) found.push(value)
    }
  }
  return found
}

/**
 * An error as smsim logs it, with `secrets` masked in its message and stack: what reaches a
 * log follows the same rule as the journal.
 *
 * @example
 * logger.error('smsim: smstob mail failed:', maskError(error, ['XV65JU']))
 */
export function maskError(error: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return error
  const mask = secretMasker(secrets)
  if (typeof error === 'string') return mask(error)
  if (!(error instanceof Error)) return error
  const masked = new Error(mask(error.message))
  masked.name = error.name
  masked.stack = error.stack === undefined ? undefined : mask(error.stack)
  return masked
}

/**
 * An account as the control API shows it: the secret masked, and the id too where the id is
 * the credential (iSendPro's keyid); both in clear with `reveal` (the user asked explicitly:
 * `GET /_smsim/accounts/{provider}/{id}?reveal=secret`).
 *
 * @example
 * shownAccount({ provider: 'smstob', id: 'a@b.fr', secret: 'XV65JU', … }, false) // { …, secret: '****' }
 */
export function shownAccount(account: Account, idIsSecret: boolean, reveal = false): Account {
  if (reveal) return account
  return {
    ...account,
    ...(idIsSecret ? { id: maskSecret(account.id) } : {}),
    secret: maskSecret(account.secret),
  }
}

/**
 * A mail as the control API shows it: the credentials it quotes masked (an SMStoB reply quotes
 * the address or subject that carried the password), the account masked where it is a
 * credential, and the list of secrets left out. The outbox keeps the mail as sent.
 *
 * @example
 * shownMail({ …, text: '… Votre e-mail à XV65JU.0660919010@smstob.com …', secrets: ['XV65JU'] }, false).text
 * // '… Votre e-mail à ****.0660919010@smstob.com …'
 */
export function shownMail(mail: Mail, accountIsSecret: boolean): Mail {
  const { secrets, ...shown } = mail
  const all = [...(secrets ?? []), ...(accountIsSecret && mail.account ? [mail.account] : [])]
  if (all.length === 0) return secrets ? shown : mail
  const mask = secretMasker(all)
  // `from` and `to` are the provider's and the client's addresses: who, never a secret.
  return {
    ...shown,
    subject: mask(shown.subject),
    text: mask(shown.text),
    ...(shown.account !== undefined
      ? { account: accountIsSecret ? maskSecret(shown.account) : shown.account }
      : {}),
    ...(shown.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(shown.headers).map(([name, value]) => [name, mask(value)]),
          ),
        }
      : {}),
  }
}

/**
 * A record that names its account (an SMS, a ledger entry) as the control API shows it: the
 * account masked where the id is the credential.
 *
 * @example
 * shownRecord({ account: 'a296464ce012b8ab710a', … }, true).account // '****0a'
 */
export function shownRecord<T extends { account: string }>(record: T, accountIsSecret: boolean): T {
  return accountIsSecret ? { ...record, account: maskSecret(record.account) } : record
}
