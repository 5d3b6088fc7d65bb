/**
 * What `http.php` does with requests that are odd or wrong rather than merely incomplete:
 * extra and repeated parameters, POST forms, the two percent-encodings clients use, raw bytes,
 * requests over the size limits, other methods, paths that do not exist. After each bad
 * request the state is as it was and the server still answers 80 to a good one.
 *
 * @see simulators/smstob/http.ts — wire choices; simulators/server/limits.ts — the limits
 */
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import {
  ECOLE,
  IMPLEMENTATIONS,
  MOBILE_E164,
  SEND,
  encodeFields,
  rawHttp,
  useSmstob,
  type SmstobTarget,
} from './helpers.ts'

const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

/** The fields of {@link SEND} but the message, written by hand. */
const LOGIN_AND_NUMBER = `email=${ECOLE.email}&pass=${ECOLE.pass}&numero=0660919010`

/** The state is as `before` and a good request is still answered 80. */
async function expectUnchangedAndServing(
  smstob: SmstobTarget,
  before: Awaited<ReturnType<SmstobTarget['snapshot']>>,
): Promise<void> {
  expect(await smstob.snapshot()).toEqual(before)
  expect((await smstob.get({ ...SEND, message: 'Toujours là ?' })).body).toBe('80')
}

describe.each(IMPLEMENTATIONS)('odd and bad requests to http.php through $name', ({ kind }) => {
  const smstob = useSmstob(kind)
  const lastText = async () => (await smstob.messages()).at(-1)?.text

  describe('parameters', () => {
    it('ignores parameters it does not know, and names in another case', async () => {
      const query = `${encodeFields(SEND)}&emetteur=ECOLE&EMAIL=autre@example.fr&Message=Autre`
      expect(await (await smstob.fetch(query)).text()).toBe('80')
      expect(await lastText()).toBe('Bonjour')
    })

    it('takes the last value of a repeated parameter, as PHP does', async () => {
      const query = `${encodeFields(SEND)}&numero=0660545465&message=Le+dernier`
      expect(await (await smstob.fetch(query)).text()).toBe('80')
      expect((await smstob.messages())[0]).toMatchObject({ to: '+33660545465', text: 'Le dernier' })
    })
  })

  describe('POST', () => {
    it('reads the fields from a form body', async () => {
      const response = await fetch(smstob.httpPhp, {
        method: 'POST',
        body: encodeFields(SEND),
        headers: FORM,
      })
      expect(await response.text()).toBe('80')
      expect(await lastText()).toBe('Bonjour')
    })

    it('lets the body win over the query string, and the query fill in what the body lacks', async () => {
      const response = await smstob.fetch(
        `email=${ECOLE.email}&pass=${ECOLE.pass}&numero=0145454545&message=De+la+query`,
        {
          method: 'POST',
          body: encodeFields({ numero: '0660919010', message: 'Du corps' }),
          headers: FORM,
        },
      )
      expect(await response.text()).toBe('80')
      expect((await smstob.messages())[0]).toMatchObject({ to: MOBILE_E164, text: 'Du corps' })
    })

    it('does not read a body that is not a form (our choice)', async () => {
      const before = await smstob.snapshot()
      const response = await fetch(smstob.httpPhp, {
        method: 'POST',
        body: encodeFields(SEND),
        headers: { 'content-type': 'text/plain' },
      })
      expect(await response.text()).toBe('87')
      await expectUnchangedAndServing(smstob, before)
    })
  })

  describe('encodings', () => {
    it.each([
      ['UTF-8', 'message=%C3%A9t%C3%A9'],
      ['ISO-8859-1', 'message=%E9t%E9'],
      ['lower-case UTF-8 escapes', 'message=%c3%a9t%c3%a9'],
    ])('reads "été" percent-encoded in %s', async (_charset, message) => {
      expect(await (await smstob.fetch(`${LOGIN_AND_NUMBER}&${message}`)).text()).toBe('80')
      expect(await lastText()).toBe('été')
    })

    it('reads + as a space and keeps a malformed escape as written, as PHP does', async () => {
      await smstob.fetch(`${LOGIN_AND_NUMBER}&message=100%+s%C3%BBr`)
      expect(await lastText()).toBe('100% sûr')
    })

    it('reads an ISO-8859-1 form body as its Content-Type declares', async () => {
      const response = await smstob.fetch(LOGIN_AND_NUMBER, {
        method: 'POST',
        body: 'message=Caf%E9+cr%E8me',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=ISO-8859-1' },
      })
      expect(await response.text()).toBe('80')
      expect(await lastText()).toBe('Café crème')
    })
  })

  describe('limits and methods', () => {
    it('answers 414 to a URL over 8 KiB', async () => {
      const before = await smstob.snapshot()
      const response = await smstob.fetch(`${LOGIN_AND_NUMBER}&message=${'x'.repeat(9000)}`)
      expect(response.status).toBe(414)
      expect(await response.text()).toBe('URI Too Long')
      await expectUnchangedAndServing(smstob, before)
    })

    it('answers 413 to a body over 256 KiB', async () => {
      const before = await smstob.snapshot()
      const response = await fetch(smstob.httpPhp, {
        method: 'POST',
        body: `${encodeFields(SEND)}&filler=${'x'.repeat(300 * 1024)}`,
        headers: FORM,
      })
      expect(response.status).toBe(413)
      expect(await response.text()).toBe('Payload Too Large')
      await expectUnchangedAndServing(smstob, before)
    })

    it.each(['PUT', 'DELETE', 'PATCH'])(
      'answers 405 to %s, naming the methods it allows',
      async (method) => {
        const before = await smstob.snapshot()
        const response = await smstob.fetch(encodeFields(SEND), { method })
        expect(response.status).toBe(405)
        expect(response.headers.get('allow')).toBe('GET, POST, HEAD')
        await expectUnchangedAndServing(smstob, before)
      },
    )

    it('answers HEAD like GET, without a body', async () => {
      const before = await smstob.snapshot()
      const response = await smstob.fetch('', { method: 'HEAD' })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=ISO-8859-1')
      expect(await response.text()).toBe('')
      await expectUnchangedAndServing(smstob, before)
    })

    it('sends the SMS of a complete HEAD request, as PHP runs the page for HEAD', async () => {
      expect((await smstob.fetch(encodeFields(SEND), { method: 'HEAD' })).status).toBe(200)
      expect(await smstob.messages()).toHaveLength(1)
    })

    it.each(['nothing.php', 'HTTP.PHP', 'http.php/extra'])(
      'answers 404 at %s, a path next to http.php that does not exist',
      async (path) => {
        const before = await smstob.snapshot()
        const response = await fetch(new URL(path, smstob.httpPhp))
        expect(response.status).toBe(404)
        await expectUnchangedAndServing(smstob, before)
      },
    )
  })
})

describe('odd and bad requests only a raw socket can send, on the standalone server', () => {
  const smstob = useSmstob('standalone')
  const path = (query: string) => `/smstob/http.php?${query}`
  const lastText = async () => (await smstob.messages()).at(-1)?.text
  /** The bytes of `text` in `encoding`, one char per byte, as node:http writes a path. */
  const bytes = (text: string, encoding: BufferEncoding) =>
    Buffer.from(text, encoding).toString('latin1')

  it('reads raw UTF-8 bytes in the URL, from a client that does not percent-encode', async () => {
    const response = await rawHttp(smstob.origin, {
      path: path(`${LOGIN_AND_NUMBER}&message=${bytes('été', 'utf8')}`),
    })
    expect(response).toMatchObject({ status: 200, body: '80' })
    expect(await lastText()).toBe('été')
  })

  it('reads raw ISO-8859-1 bytes in the URL', async () => {
    const response = await rawHttp(smstob.origin, {
      path: path(`${LOGIN_AND_NUMBER}&message=${bytes('Noël', 'latin1')}`),
    })
    expect(response).toMatchObject({ status: 200, body: '80' })
    expect(await lastText()).toBe('Noël')
  })

  it('reads raw bytes in the URL of a POST, with its form body', async () => {
    const body = Buffer.from(`message=${encodeURIComponent('Dès demain')}`)
    const response = await rawHttp(smstob.origin, {
      method: 'POST',
      path: path(
        `email=${ECOLE.email}&pass=${ECOLE.pass}&numero=0660919010&x=${bytes('é', 'utf8')}`,
      ),
      headers: { ...FORM, 'content-length': String(body.length) },
      body,
    })
    expect(response).toMatchObject({ status: 200, body: '80' })
    expect(await lastText()).toBe('Dès demain')
  })

  it('answers 431 to request headers over 16 KiB', async () => {
    const before = await smstob.snapshot()
    const response = await rawHttp(smstob.origin, {
      path: path(encodeFields(SEND)),
      headers: { 'x-filler': 'x'.repeat(17 * 1024) },
    })
    expect(response.status).toBe(431)
    await expectUnchangedAndServing(smstob, before)
  })

  it('answers 431, not 414, to a URL so long that the request head passes 16 KiB', async () => {
    const before = await smstob.snapshot()
    const response = await rawHttp(smstob.origin, {
      path: path(`${encodeFields(SEND)}&filler=${'x'.repeat(20 * 1024)}`),
    })
    expect(response.status).toBe(431)
    await expectUnchangedAndServing(smstob, before)
  })

  it('answers 413 to a chunked body that grows over 256 KiB', async () => {
    const before = await smstob.snapshot()
    const response = await rawHttp(smstob.origin, {
      method: 'POST',
      path: path(''),
      headers: { ...FORM, 'transfer-encoding': 'chunked' },
      body: Buffer.from(`${encodeFields(SEND)}&filler=${'x'.repeat(300 * 1024)}`),
    })
    expect(response.status).toBe(413)
    await expectUnchangedAndServing(smstob, before)
  })

  it('answers 404 at a path of SMStoB’s real host that does not exist', async () => {
    const before = await smstob.snapshot()
    const response = await rawHttp(smstob.origin, {
      path: `/sms.php?${encodeFields(SEND)}`,
      headers: { host: 'www.smstob.com' },
    })
    expect(response).toMatchObject({ status: 404, body: 'Not Found' })
    await expectUnchangedAndServing(smstob, before)
  })

  it('answers 400 to bytes that are not HTTP', async () => {
    const before = await smstob.snapshot()
    const { port } = new URL(smstob.origin)
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('BONJOUR\r\n\r\n'))
      let text = ''
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request')
    await expectUnchangedAndServing(smstob, before)
  })
})
