/**
 * `multipart/form-data` bodies (RFC 7578), read into the same ordered map as a form body: what
 * PHP's curl sends when `CURLOPT_POSTFIELDS` is an array (davaxi/AllMySMS). Read by Node's own
 * parser — undici's `Response.formData()`, the Fetch standard's — rather than by hand; it is
 * asynchronous, so the engine reads the parts before the decision, which stays synchronous
 * (engine.ts, `SimRequest.form`). Only text fields are kept (a file part is skipped); values are
 * UTF-8, as every client measured sends them.
 *
 * @see shared/research/french-http-clients.md — "davaxi": "Every call is multipart/form-data"
 */

/**
 * Whether a Content-Type is `multipart/form-data` with a boundary: the bodies {@link readMultipart} reads.
 *
 * @example
 * isMultipart('multipart/form-data; boundary=----a1b2') // true
 */
export function isMultipart(contentType: string | undefined): boolean {
  return (
    contentType !== undefined &&
    /^\s*multipart\/form-data\b/i.test(contentType) &&
    /;\s*boundary=/i.test(contentType)
  )
}

/**
 * The text fields of a multipart body; with a repeated name the last value wins (PHP's
 * `$_POST`). Never rejects: a body that does not follow the syntax has no fields, and the
 * provider answers what a request without its parameters earns. (Its size is bounded before:
 * http-server.ts `MAX_BODY_BYTES`.)
 *
 * @note Node 20's parser (undici 6) refuses some bodies whose boundary is one or two characters
 * long (a part reading `bonjour` with the boundary `b`); the clients measured — curl, PHP's
 * curl, Guzzle, requests — make boundaries of 24 characters and more.
 *
 * @example
 * await readMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="login"\r\n\r\narthur45\r\n--b--\r\n'), 'multipart/form-data; boundary=b')
 * // Map { 'login' => 'arthur45' }
 */
export async function readMultipart(
  body: Uint8Array,
  contentType: string,
): Promise<Map<string, string>> {
  const fields = new Map<string, string>()
  try {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData()
    for (const [name, value] of form) if (typeof value === 'string') fields.set(name, value)
  } catch {
    // Not multipart after all: no fields.
  }
  return fields
}
