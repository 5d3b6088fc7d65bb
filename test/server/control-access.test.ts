/**
 * Who may use the control API (`/_smsim/`): a web page the developer happens to open must not
 * create accounts or read the journal through the browser. Three guards, each tested through a
 * real HTTP request on 127.0.0.1 with the headers a browser (or curl) sends:
 *
 * - writes refused across sites (`Origin`, `Sec-Fetch-Site`) and in CORS-safelisted content
 *   types, which a page can send without a preflight;
 * - only expected `Host` values, so a DNS-rebinding page (evil.example resolved to 127.0.0.1)
 *   cannot read anything;
 * - an optional bearer token on every route but `/_smsim/health`.
 */
import { hostname, networkInterfaces } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_QUOTED_HEADER_CHARS } from '../../simulators/server/control-guard.ts'
import type { TestSmsim } from '../../simulators/testing.ts'
import { expectNothingLogged, recordingLogger } from '../support/logger.ts'
import { rawHttp, type RawRequest } from '../support/raw-http.ts'
import { useTestSmsim } from '../support/smsim.ts'

const ACCOUNT = JSON.stringify({ provider: 'smstob', id: 'page@evil.example', secret: 'x' })
const EVIL = 'http://evil.example'

/** `POST /_smsim/accounts` with these headers; the answer and whether the account exists now. */
async function createAccount(
  smsim: TestSmsim,
  headers: Record<string, string>,
  body = ACCOUNT,
): Promise<{ status: number; error?: string; created: boolean }> {
  const answer = await rawHttp(smsim.url, {
    method: 'POST',
    path: '/_smsim/accounts',
    headers,
    body: Buffer.from(body),
  })
  const accounts = await smsim.control.get<{ id: string }[]>('/accounts?provider=smstob')
  const created = accounts.some((a) => a.id === 'page@evil.example')
  if (created) await smsim.control.delete('/accounts/smstob/page@evil.example')
  return {
    status: answer.status,
    ...(answer.status >= 400
      ? { error: (JSON.parse(answer.body) as { error: string }).error }
      : {}),
    created,
  }
}

describe('writes to the control API from a web page', () => {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger })
  afterEach(() => expectNothingLogged(logger))

  it('refuses a cross-origin text/plain POST (no preflight in a browser) and creates nothing', async () => {
    const answer = await createAccount(smsim(), {
      origin: EVIL,
      'content-type': 'text/plain;charset=UTF-8',
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'no-cors',
    })
    expect(answer).toMatchObject({ status: 403, created: false })
    expect(answer.error).toMatchInlineSnapshot(
      `"refused: a write to the control API from another site (Sec-Fetch-Site: cross-site); smsim's control API takes writes from its own pages and from clients that are not browsers (curl, tests)"`,
    )
  })

  it('refuses a write whose Origin is another site, even in JSON', async () => {
    const answer = await createAccount(smsim(), {
      origin: EVIL,
      'content-type': 'application/json',
    })
    expect(answer).toMatchObject({ status: 403, created: false })
    expect(answer.error).toMatchInlineSnapshot(
      `"refused: a write to the control API from the origin http://evil.example, not this smsim's; smsim's control API takes writes from its own pages and from clients that are not browsers (curl, tests)"`,
    )
  })

  it.each([
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }],
    ['Origin: null (a sandboxed page, a file)', { origin: 'null' }],
    ['the same host on another port', { origin: 'http://127.0.0.1:1' }],
    ['another scheme on a name', { origin: 'ftp://127.0.0.1' }],
  ])('refuses a write with %s', async (_name, headers) => {
    const answer = await createAccount(smsim(), {
      ...headers,
      'content-type': 'application/json',
    })
    expect(answer).toMatchObject({ status: 403, created: false })
  })

  it('refuses an HTML form POST (urlencoded) with 415, saying how to send JSON', async () => {
    const answer = await createAccount(
      smsim(),
      { 'content-type': 'application/x-www-form-urlencoded' },
      'provider=smstob&id=page@evil.example',
    )
    expect(answer).toMatchObject({ status: 415, created: false })
    expect(answer.error).toMatchInlineSnapshot(
      `"the control API reads JSON: send the body with Content-Type: application/json (curl --json '{…}', or -H 'content-type: application/json' -d '{…}'); got application/x-www-form-urlencoded"`,
    )
  })

  it.each(['text/plain', 'multipart/form-data; boundary=x', ''])(
    'refuses a body in "%s" from a client with no Origin, with 415',
    async (type) => {
      const answer = await createAccount(smsim(), type ? { 'content-type': type } : {})
      expect(answer).toMatchObject({ status: 415, created: false })
    },
  )

  it('takes a JSON POST with no Origin, as curl --json sends it', async () => {
    const answer = await createAccount(smsim(), {
      'content-type': 'application/json',
      accept: 'application/json',
    })
    expect(answer).toEqual({ status: 201, created: true })
  })

  it('takes a JSON type with a charset or a +json suffix', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json'])
      expect(await createAccount(smsim(), { 'content-type': type })).toMatchObject({
        status: 201,
      })
  })

  it('takes a same-origin browser request (its own page)', async () => {
    const answer = await createAccount(smsim(), {
      origin: smsim().url,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
    })
    expect(answer).toEqual({ status: 201, created: true })
  })

  it('takes a POST with no body in any type (POST /reset as curl -X POST sends it)', async () => {
    const answer = await rawHttp(smsim().url, { method: 'POST', path: '/_smsim/reset' })
    expect(answer.status).toBe(200)
  })

  it('reads the CSV of a group import only as text/csv or application/octet-stream', async () => {
    await smsim().control.post('/accounts', { provider: 'smstob', id: 'ecole@example.fr' })
    const put = (type: string) =>
      rawHttp(smsim().url, {
        method: 'PUT',
        path: '/_smsim/accounts/smstob/ecole@example.fr/groups/g',
        headers: { 'content-type': type },
        body: Buffer.from('Numéro\n0660919010\n'),
      })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'])
      expect((await put(type)).status, type).toBe(415)
    expect(JSON.parse((await put('text/plain')).body)).toMatchInlineSnapshot(`
      {
        "error": "send the contacts as a CSV body with Content-Type: text/csv (curl -X PUT --data-binary @contacts.csv -H 'content-type: text/csv' …); got text/plain",
      }
    `)
    for (const type of ['text/csv', 'text/csv; charset=windows-1252', 'application/octet-stream'])
      expect((await put(type)).status, type).toBe(200)
  })

  it('leaves the provider endpoints alone: a text/plain cross-origin POST reaches ASPSMS JSON', async () => {
    const answer = await rawHttp(smsim().url, {
      method: 'POST',
      path: '/aspsms/json/CheckCredits',
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
      body: Buffer.from('{"UserName":"nobody","Password":"x"}'),
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toContain('StatusCode')
  })
})

describe('the Host a request names', () => {
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger, allowHosts: ['smsim.test', '*.ci.example'] })
  afterEach(() => expectNothingLogged(logger))
  const get = (path: string, host: string) => rawHttp(smsim().url, { path, headers: { host } })

  it('refuses a foreign Host (a DNS-rebinding page) on every control route and on /', async () => {
    for (const path of ['/_smsim/accounts', '/_smsim/journal', '/_smsim/health', '/']) {
      const answer = await get(path, 'evil.example:8780')
      expect(answer.status, path).toBe(403)
      expect(answer.body, path).not.toContain('demo')
    }
    expect(JSON.parse((await get('/_smsim/accounts', 'evil.example:8780')).body))
      .toMatchInlineSnapshot(`
      {
        "error": "refused: Host "evil.example" is not a name of this smsim (a web page reached through another name, e.g. DNS rebinding?); to reach it under that name, start smsim with --allow-host evil.example (or SMSIM_ALLOW_HOSTS)",
      }
    `)
  })

  it('quotes a long Host back cut to MAX_QUOTED_HEADER_CHARS', async () => {
    const answer = await get('/_smsim/accounts', `${'a'.repeat(5000)}.example`)
    expect(answer.status).toBe(403)
    expect(answer.body.length).toBeLessThan(MAX_QUOTED_HEADER_CHARS * 2 + 400)
  })

  it.each([
    'localhost',
    'LOCALHOST:8780',
    'app.localhost',
    '127.0.0.1',
    '127.1.2.3:80',
    '[::1]:8780',
    'smsim.test',
    'smsim.test.:8780',
    'runner.ci.example',
  ])('accepts Host %s', async (host) => {
    expect((await get('/_smsim/accounts', host)).status).toBe(200)
  })

  it.each(['localhost.evil.example', '127.0.0.1.nip.io', 'ci.example', 'smsim.test.evil'])(
    'refuses Host %s',
    async (host) => {
      expect((await get('/_smsim/accounts', host)).status).toBe(403)
    },
  )

  it('leaves the provider endpoints alone: they are found by their real Host', async () => {
    const answer = await get(
      '/http.php?email=x@example.fr&pass=x&numero=0660919010&message=a',
      'www.smstob.com',
    )
    expect(answer.status).toBe(200)
    expect(answer.body).toBe('82')
  })
})

describe('the Host of an smsim bound to every address', () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4')?.address
  const smsim = useTestSmsim({ host: '0.0.0.0' })

  it('accepts the machine name and its interface addresses, and still refuses others', async () => {
    const url = `http://127.0.0.1:${smsim().http.port}`
    const status = async (host: string) =>
      (await rawHttp(url, { path: '/_smsim/health', headers: { host } })).status
    expect(await status(hostname())).toBe(200)
    if (external) expect(await status(`${external}:${smsim().http.port}`)).toBe(200)
    expect(await status('evil.example')).toBe(403)
  })
})

describe('the control token', () => {
  const TOKEN = 'c0ntrol-t0ken-for-tests'
  const logger = recordingLogger()
  const smsim = useTestSmsim({ logger, controlToken: TOKEN })
  afterEach(() => expectNothingLogged(logger))
  const call = (request: RawRequest) => rawHttp(smsim().url, request)

  it('is required on every control route but health: 401 without it, saying how', async () => {
    const answer = await call({ path: '/_smsim/accounts' })
    expect(answer.status).toBe(401)
    expect(answer.headers['www-authenticate']).toBe('Bearer realm="smsim"')
    expect(JSON.parse(answer.body)).toMatchInlineSnapshot(`
      {
        "error": "this smsim's control API needs its token: send Authorization: Bearer <token>, the value given to --control-token or SMSIM_CONTROL_TOKEN",
      }
    `)
    for (const path of ['/_smsim/journal', '/_smsim/messages', '/_smsim/openapi.json'])
      expect((await call({ path })).status, path).toBe(401)
    expect((await call({ method: 'POST', path: '/_smsim/reset', headers: {} })).status).toBe(401)
    expect((await call({ path: '/_smsim/health' })).status).toBe(200)
  })

  it('refuses a wrong token, a token of another length and another scheme with 401', async () => {
    for (const authorization of [
      'Bearer c0ntrol-t0ken-for-tesTS',
      'Bearer c0ntrol',
      `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
      `Bearer ${TOKEN} extra`,
      TOKEN,
    ]) {
      const answer = await call({ path: '/_smsim/accounts', headers: { authorization } })
      expect(answer.status, authorization).toBe(401)
    }
    const wrong = await call({
      path: '/_smsim/accounts',
      headers: { authorization: 'Bearer nope' },
    })
    expect(JSON.parse(wrong.body)).toMatchInlineSnapshot(`
      {
        "error": "wrong control token (Authorization: Bearer …): it is the value given to --control-token or SMSIM_CONTROL_TOKEN",
      }
    `)
  })

  it('lets the right token through, in any case of the scheme name', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const answer = await call({
        path: '/_smsim/accounts',
        headers: { authorization: `${scheme} ${TOKEN}` },
      })
      expect(answer.status).toBe(200)
    }
  })

  it('is passed by the test helper’s control client', async () => {
    expect(await smsim().control.get('/accounts')).toEqual([])
    await smsim().control.post('/accounts', { provider: 'smstob', id: 'a@example.fr' })
  })
})
