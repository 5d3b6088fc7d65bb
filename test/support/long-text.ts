/**
 * Issue 10's probe, shared by each provider's regression test: one request carrying a text of
 * 80,000 characters that one character forces into UCS-2 — counting its parts used to take
 * 30 s, during which the event loop answered nothing — and `GET /_smsim/health` sent while the
 * provider decides. The tests assert the provider's own answer for too long a text, and that
 * health is answered; no speed (the transport project's timeout is what a frozen server misses).
 *
 * @example
 * const answer = await whileAskingHealth(smsim().url, () => fetch(`${url}/smstob/http.php`, …))
 */
import { expect } from 'vitest'

/** The text: `'a' × 79,999 + 'ç'` (ç is not in GSM 03.38). */
export const LONG_TEXT = `${'a'.repeat(79_999)}ç`

/** The same length ending in an emoji, a surrogate pair (iSendPro's probe). */
export const LONG_TEXT_WITH_EMOJI = `${'a'.repeat(79_998)}😀`

/**
 * Runs `request` and, once it is under way, `GET /_smsim/health` on `baseUrl`; resolves with the
 * request's result once both are answered, after checking health answered 200 "ok".
 */
export async function whileAskingHealth<T>(baseUrl: string, request: () => Promise<T>): Promise<T> {
  const result = request()
  // Let the request's first bytes go out before health is asked.
  await new Promise((done) => setImmediate(done))
  const health = fetch(`${baseUrl}/_smsim/health`).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as { status?: string },
  }))
  const [answer, healthAnswer] = await Promise.all([result, health])
  expect(healthAnswer).toMatchObject({ status: 200, body: { status: 'ok' } })
  return answer
}
