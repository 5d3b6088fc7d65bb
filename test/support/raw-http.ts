/**
 * One HTTP request with node:http, for what fetch will not send: a Host header of our choosing,
 * headers repeated or in a given order, a Content-Length that does not match the body, raw
 * bytes in the path (each char of `path` is written as one byte), a header of any size.
 *
 * @example
 * const answer = await rawHttp(smsim.url, { path: '/http.php?…', headers: { host: 'www.smstob.com' } })
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'

export interface RawRequest {
  /** Default GET. */
  method?: string
  path: string
  /** An object, or a flat `[name, value, name, value…]` list to keep order and repeats. */
  headers?: Record<string, string> | string[]
  body?: Buffer
  /** How to decode the response body (default UTF-8). */
  encoding?: BufferEncoding
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * Sends the request to the server at `baseUrl`. No connection reuse, so that a request the
 * server refuses cannot affect the next one.
 */
export function rawHttp(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        method: request.method ?? 'GET',
        path: request.path,
        headers: request.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(request.encoding ?? 'utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(request.body)
  })
}
