/**
 * The `.http` fixtures of simulators/aspsms/fixtures/ (whole requests captured from real client
 * libraries) read back as requests the fuzzer can replay and damage: the request line, the
 * headers in order, the body bytes. `Host` and `Content-Length` are dropped; the fuzz client
 * writes its own. Every URL a fixture gives to be called back is moved to the loopback.
 *
 * @example
 * const zeep = httpFixture('aspsms', 'asmx-soap11-zeep-SendTextSMS.http')
 * zeep.headers // [['User-Agent', 'Zeep/4.2.1 …'], ['SOAPAction', '"https://…/SendTextSMS"'], …]
 */
import { readdirSync, readFileSync } from 'node:fs'
import type { RawHttpRequest } from './raw-http.ts'

/**
 * Notification URLs in the fixtures point at the documents' example hosts: each is moved to a
 * closed port on the loopback, so that a replayed fixture calls nobody (the call fails at once
 * and is journalled). The service namespaces of SOAP envelopes are kept.
 */
export function withLocalUrls(text: string): string {
  return text.replace(
    /https?:\/\/(?!webservice\.aspsms\.com|schemas\.|www\.w3\.org)[^/<"'\s&]+/g,
    'http://127.0.0.1:9',
  )
}

const localBytes = (bytes: Buffer) => Buffer.from(withLocalUrls(bytes.toString('latin1')), 'latin1')

const folder = (provider: string) =>
  new URL(`../../../simulators/${provider}/fixtures/`, import.meta.url)

/** Reads one `.http` fixture. */
export function httpFixture(provider: string, name: string): RawHttpRequest {
  const bytes = readFileSync(new URL(name, folder(provider)))
  // The fixtures are written with LF or CRLF line ends in their head; the body is exact.
  let headEnd = bytes.indexOf('\r\n\r\n')
  let separator = 4
  const lf = bytes.indexOf('\n\n')
  if (headEnd < 0 || (lf >= 0 && lf < headEnd)) {
    headEnd = lf
    separator = 2
  }
  const [line = '', ...lines] = bytes.toString('latin1', 0, headEnd).split(/\r?\n/)
  const [method = 'GET', target = '/'] = line.split(' ')
  const headers = lines
    .map((l): [string, string] => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()])
    .filter(([name]) => !/^(host|content-length)$/i.test(name))
  return {
    method,
    target: withLocalUrls(target),
    headers,
    body: localBytes(bytes.subarray(headEnd + separator)),
  }
}

/** Every `.http` fixture of a provider whose name starts with `prefix`. */
export function httpFixtures(provider: string, prefix: string): RawHttpRequest[] {
  return readdirSync(folder(provider))
    .filter((name) => name.startsWith(prefix) && name.endsWith('.http'))
    .sort()
    .map((name) => httpFixture(provider, name))
}

/** Every fixture file of a provider with this extension, as bytes, by name. */
export function fixtureFiles(provider: string, extension: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder(provider))
      .filter((name) => name.endsWith(extension))
      .sort()
      .map((name) => [name, localBytes(readFileSync(new URL(name, folder(provider))))]),
  )
}
