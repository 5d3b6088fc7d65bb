/**
 * HTTPS and SMTP TLS with smsim's local CA (ADR 020), through the real transports: the
 * providers' real host names resolved to 127.0.0.1 as a hosts entry would, the CA trusted as
 * NODE_EXTRA_CA_CERTS or `curl --cacert` would, and a client that does not trust it refused.
 */
import { execFile } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { request, type RequestOptions } from 'node:https'
import type { LookupFunction } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import nodemailer from 'nodemailer'
import type Mail from 'nodemailer/lib/mailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildProgram, runProgram } from '../../command/smsim.ts'
import { startSmsim, type RunningSmsim } from '../../simulators/server/app.ts'

const ACCOUNT = {
  provider: 'aspsms',
  id: 'I3QHMYKEY6E',
  secret: 'mypassword',
  credits: 100,
} as const
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/'
const NAMESPACE = 'https://webservice.aspsms.com/aspsmsx2.asmx'

/** Every name resolves to 127.0.0.1: what a hosts entry pointing at smsim does. */
const toLoopback: LookupFunction = (_host, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }])
  else callback(null, '127.0.0.1', 4)
}

interface Answer {
  status: number
  body: string
}

/** An HTTPS request to `url`, its host resolved to 127.0.0.1 and `port` instead of 443. */
function httpsCall(
  url: string,
  port: number,
  options: { ca?: string; method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const target = new URL(url)
  const init: RequestOptions = {
    host: target.hostname,
    port,
    path: target.pathname + target.search,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    lookup: toLoopback,
    agent: false,
    ...(options.ca ? { ca: options.ca } : {}),
  }
  return new Promise((resolve, reject) => {
    const req = request(init, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      )
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** The mail the SMTP tests send: to allmysms' address, which smsim takes. */
const A_MAIL = {
  from: 'school@example.com',
  to: 'mail2sms@allmysms.com',
  subject: 'x',
  text: 'Bonjour',
} as const

/** Sends `mail` through a nodemailer transport made with `options` (to 127.0.0.1). */
function sendThrough(
  options: SMTPTransport.Options,
  mail: Mail.Options = A_MAIL,
): Promise<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport({ host: '127.0.0.1', ...options }).sendMail(mail)
}

describe('HTTPS and SMTP TLS with the local CA', () => {
  let dir: string
  let smsim: RunningSmsim
  let ca: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smsim-tls-'))
    smsim = await startSmsim({
      httpPort: 0,
      smtpPort: 0,
      demo: false,
      accounts: [ACCOUNT],
      tls: { dir, httpsPort: 0, smtpsPort: 0, names: ['smsim.test'] },
    })
    ca = await readFile(join(dir, 'ca.pem'), 'utf8')
  })
  afterAll(async () => {
    await smsim?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('answers SendSimpleTextSMS at https://json.aspsms.com to a client that trusts the CA', async () => {
    const answer = await httpsCall('https://json.aspsms.com/SendSimpleTextSMS', smsim.https!.port, {
      ca,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        UserName: ACCOUNT.id,
        Password: ACCOUNT.secret,
        Originator: 'ESF Tignes',
        Recipients: ['0041791234567'],
        MessageText: 'Bonjour',
      }),
    })
    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body)).toMatchObject({ StatusCode: '1', StatusInfo: 'OK' })
  })

  it('answers a SOAP call at https://webservice.aspsms.com/aspsmsx2.asmx', async () => {
    const answer = await httpsCall(
      'https://webservice.aspsms.com/aspsmsx2.asmx',
      smsim.https!.port,
      {
        ca,
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"${NAMESPACE}/CheckCredits"`,
        },
        body: `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><CheckCredits xmlns="${NAMESPACE}"><UserKey>${ACCOUNT.id}</UserKey><Password>${ACCOUNT.secret}</Password></CheckCredits></soap:Body></soap:Envelope>`,
      },
    )
    expect(answer.status).toBe(200)
    expect(answer.body).toMatch(/<CheckCreditsResult>Credits:\d+<\/CheckCreditsResult>/)
  })

  it('journals a request that came over HTTPS as secure, one over plain HTTP without', async () => {
    const credits = JSON.stringify({ UserName: ACCOUNT.id, Password: ACCOUNT.secret })
    await httpsCall('https://json.aspsms.com/CheckCredits', smsim.https!.port, {
      ca,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: credits,
    })
    await fetch(`${smsim.url}/aspsms/json/CheckCredits`, { method: 'POST', body: credits })
    const journal = (await (await fetch(`${smsim.url}/_smsim/journal`)).json()) as {
      transport: string
      secure?: boolean
    }[]
    const [overTls, plain] = journal.filter((e) => e.transport === 'json').slice(-2)
    expect(overTls).toMatchObject({ secure: true })
    expect(plain).not.toHaveProperty('secure')
  })

  it('announces https addresses in the WSDL fetched over HTTPS, http ones over HTTP', async () => {
    const secure = await httpsCall(
      'https://soap.aspsms.com/aspsmsx2.asmx?WSDL',
      smsim.https!.port,
      {
        ca,
      },
    )
    expect(secure.body).toContain(
      `<soap:address location="https://soap.aspsms.com:${smsim.https!.port}/aspsmsx2.asmx" />`,
    )
    const plain = await (await fetch(`${smsim.url}/aspsms/aspsmsx2.asmx?WSDL`)).text()
    expect(plain).toContain(`<soap:address location="${smsim.url}/aspsms/aspsmsx2.asmx" />`)
  })

  it('serves the control API over HTTPS at 127.0.0.1', async () => {
    const answer = await httpsCall(`https://127.0.0.1/_smsim/health`, smsim.https!.port, { ca })
    expect(answer.status).toBe(200)
  })

  it('refuses a client that does not trust the CA: no fallback to an unchecked connection', async () => {
    await expect(
      httpsCall('https://json.aspsms.com/CheckCredits', smsim.https!.port),
    ).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })
  })

  it('serves a certificate for every provider host, loopback and the names added', () => {
    expect(smsim.ca!.names).toEqual(
      expect.arrayContaining([
        'json.aspsms.com',
        'webservice.aspsms.com',
        'soap.aspsms.com',
        'localhost',
        '127.0.0.1',
        '::1',
        'smsim.test',
      ]),
    )
  })

  it('works with curl --cacert and --resolve', async () => {
    const { stdout } = await promisify(execFile)('curl', [
      '--silent',
      '--show-error',
      '--cacert',
      join(dir, 'ca.pem'),
      '--resolve',
      `json.aspsms.com:${smsim.https!.port}:127.0.0.1`,
      '-H',
      'content-type: application/json',
      '--data',
      JSON.stringify({ UserName: ACCOUNT.id, Password: ACCOUNT.secret }),
      `https://json.aspsms.com:${smsim.https!.port}/CheckCredits`,
    ])
    expect(JSON.parse(stdout)).toMatchObject({ StatusCode: '1' })
  })

  it('takes mail over STARTTLS from nodemailer with requireTLS and the CA trusted', async () => {
    const info = await sendThrough({
      port: smsim.smtp.port,
      requireTLS: true,
      tls: { ca, servername: 'localhost' },
    })
    expect(info.response).toMatch(/^250/)
  })

  it('still takes mail in plain text from a client that does not upgrade (STARTTLS is offered, not required)', async () => {
    const info = await sendThrough({ port: smsim.smtp.port, ignoreTLS: true })
    expect(info.response).toMatch(/^250/)
  })

  it('takes mail on the SMTPS port (implicit TLS)', async () => {
    const info = await sendThrough({
      port: smsim.smtps!.port,
      secure: true,
      tls: { ca, servername: 'localhost' },
    })
    expect(info.response).toMatch(/^250/)
  })

  it('refuses STARTTLS to a mail client that does not trust the CA', async () => {
    await expect(
      sendThrough(
        { port: smsim.smtp.port, requireTLS: true, tls: { servername: 'localhost' } },
        { from: 'a@example.com', to: 'mail2sms@allmysms.com', text: 'x' },
      ),
    ).rejects.toThrow(/certificate/i)
  })

  it('keeps the CA key private (0600) and reuses the CA at the next start', async () => {
    expect((await stat(join(dir, 'ca-key.pem'))).mode & 0o777).toBe(0o600)
    const again = await startSmsim({
      httpPort: 0,
      smtpPort: 0,
      demo: false,
      tls: { dir, httpsPort: 0 },
    })
    try {
      expect(again.ca!.fingerprint).toBe(smsim.ca!.fingerprint)
      expect(new X509Certificate(ca).fingerprint256.replace(/:/g, '').toLowerCase()).toBe(
        smsim.ca!.fingerprint,
      )
    } finally {
      await again.close()
    }
  })
})

describe('smsim start --tls and smsim ca', () => {
  it('starts HTTPS from SMSIM_TLS and the options, and `smsim ca --path` shows the same CA', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'smsim-tls-cli-'))
    const stops: (() => Promise<void>)[] = []
    let output = ''
    const program = await buildProgram({
      output: { writeOut: (text) => (output += text), writeErr: (text) => (output += text) },
      untilStopped: (stop) => stops.push(stop),
    })
    process.env.SMSIM_TLS = '1'
    try {
      await runProgram(program, [
        ...['node', 'smsim', 'start', '--http-port', '0', '--smtp-port', '0'],
        ...['--https-port', '0', '--tls-dir', dir, '--no-demo'],
      ])
      const https = /HTTPS\s+https:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]
      expect(output).toContain('STARTTLS offered')
      const ca = await readFile(join(dir, 'ca.pem'), 'utf8')
      const answer = await httpsCall('https://localhost/_smsim/health', Number(https), { ca })
      expect(answer.status).toBe(200)
      output = ''
      const caProgram = await buildProgram({
        output: { writeOut: (text) => (output += text), writeErr: (text) => (output += text) },
      })
      await runProgram(caProgram, ['node', 'smsim', 'ca', '--tls-dir', dir, '--path'])
      expect(output).toBe(`${join(dir, 'ca.pem')}\n`)
    } finally {
      delete process.env.SMSIM_TLS
      await Promise.all(stops.map((stop) => stop()))
      await rm(dir, { recursive: true, force: true })
    }
  })
})
