/**
 * Issue 10, item 7: no password, apiKey or keyid — right or wrong — is read back in clear from
 * the control API. Each credential is sent over each transport a provider has (real HTTP and
 * real SMTP on 127.0.0.1), then the bodies of `GET /_smsim/journal`, `/accounts`, `/mails` and
 * `/messages` are searched for it; only `?reveal=secret` shows an account's own secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskSecret } from '../../simulators/core/secrets.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'
import { rawHttp } from '../support/raw-http.ts'

/** Each secret is a string found nowhere else in what smsim answers. */
const SMSTOB = { id: 'ecole@example.fr', right: 'Qz7RightPw', wrong: 'Kx4WrongPw' }
const ASPSMS = { id: 'I3QHMYKEY6E', right: 'Vb8AspsmsRight', wrong: 'Hn3AspsmsWrong' }
const ALLMYSMS = { id: 'arthur45', right: 'de135f8d2a091e4', wrong: 'ff99aa00bb11cc2' }
const ISENDPRO = { right: 'a296464ce012b8ab710a', wrong: '0bad0bad0bad0bad0bad' }
const MOBILE = '0660919010'
const ASMX_NAMESPACE = 'https://webservice.aspsms.com/aspsmsx2.asmx'

let smsim: TestSmsim

beforeAll(async () => {
  smsim = await startTestSmsim({
    accounts: [
      {
        provider: 'smstob',
        id: SMSTOB.id,
        secret: SMSTOB.right,
        credits: 100,
        options: { duplicateCheck: false },
      },
      { provider: 'aspsms', id: ASPSMS.id, secret: ASPSMS.right, credits: 100 },
      { provider: 'allmysms', id: ALLMYSMS.id, secret: ALLMYSMS.right, credits: 100 },
      {
        provider: 'isendpro',
        id: ISENDPRO.right,
        credits: 100,
        options: { senderDomains: ['masociete.com'], commercialExempt: true },
      },
    ],
    clock: { now: '2026-01-05T10:00:00+01:00', frozen: true },
  })
})
afterAll(() => smsim.close())

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** The control API's reads, as the raw text a browser or curl would show. */
async function reads(): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const path of ['/journal', '/accounts', '/mails', '/messages']) {
    const answer = await rawHttp(smsim.url, { path: `/_smsim${path}` })
    expect([path, answer.status]).toEqual([path, 200])
    out[path] = answer.body
  }
  return out
}

/** Where each secret still appears in clear: `[]` when it appears nowhere. */
async function leaks(secrets: readonly string[]): Promise<string[]> {
  const bodies = await reads()
  return secrets.flatMap((secret) =>
    Object.entries(bodies)
      .filter(([, body]) => body.includes(secret))
      .map(([path]) => `${secret} in ${path}`),
  )
}

describe('secrets sent over every transport', () => {
  it('never shows an SMStoB password, right or wrong, sent to http.php by GET and POST', async () => {
    for (const pass of [SMSTOB.right, SMSTOB.wrong]) {
      const fields = { email: SMSTOB.id, pass, numero: MOBILE, message: 'GET' }
      await rawHttp(smsim.url, { path: `/smstob/http.php?${form(fields)}` })
      await rawHttp(smsim.url, {
        method: 'POST',
        path: '/smstob/http.php',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form({ ...fields, message: 'POST' })),
      })
    }
    expect(await leaks([SMSTOB.right, SMSTOB.wrong])).toEqual([])
  })

  it('never shows an SMStoB password carried by the three mail syntaxes, nor in the reply mails', async () => {
    for (const pass of [SMSTOB.right, SMSTOB.wrong]) {
      const from = SMSTOB.id
      await smsim.sendMail({ from, to: `${pass}.${MOBILE}@smstob.com`, text: 'Syntaxe 1' })
      await smsim.sendMail({ from, to: `sms.${pass}@smstob.com`, subject: MOBILE, text: 'S 2' })
      await smsim.sendMail({ from, to: 'sms@smstob.com', subject: `${pass}:${MOBILE}`, text: '3' })
    }
    // Six replies, each quoting the address or the subject that carried the password.
    const replies = await smsim.outbox({ provider: 'smstob', to: SMSTOB.id })
    expect(replies.length).toBeGreaterThanOrEqual(6)
    expect(replies.map((m) => m.text).join('\n')).toContain(
      `${maskSecret(SMSTOB.right)}.${MOBILE}@`,
    )
    expect(await leaks([SMSTOB.right, SMSTOB.wrong])).toEqual([])
  })

  it('keeps the reply mail as SMStoB writes it for the relay: the password quoted', () => {
    const kept = smsim.sim.store.mails({ provider: 'smstob' }).map((m) => m.text)
    expect(kept.join('\n')).toContain(`${SMSTOB.right}.${MOBILE}@smstob.com`)
  })

  it('never shows an ASPSMS password sent over SOAP, the ASMX GET binding, XML and JSON', async () => {
    for (const password of [ASPSMS.right, ASPSMS.wrong]) {
      const soap = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><CheckCredits xmlns="${ASMX_NAMESPACE}"><UserKey>${ASPSMS.id}</UserKey><Password>${password}</Password></CheckCredits></soap:Body></soap:Envelope>`
      const answers = [
        await rawHttp(smsim.url, {
          method: 'POST',
          path: '/aspsms/aspsmsx2.asmx',
          headers: { 'content-type': 'text/xml; charset=utf-8' },
          body: Buffer.from(soap),
        }),
        await rawHttp(smsim.url, {
          path: `/aspsms/aspsmsx2.asmx/CheckCredits?${form({ UserKey: ASPSMS.id, Password: password })}`,
        }),
        await rawHttp(smsim.url, {
          method: 'POST',
          path: '/aspsms/xmlsvr.asp',
          headers: { 'content-type': 'text/xml' },
          body: Buffer.from(
            `<aspsms><Userkey>${ASPSMS.id}</Userkey><Password>${password}</Password><Action>ShowCredits</Action></aspsms>`,
          ),
        }),
        await rawHttp(smsim.url, {
          method: 'POST',
          path: '/aspsms/json/SendSimpleTextSMS',
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(
            JSON.stringify({
              UserName: ASPSMS.id,
              Password: password,
              Recipients: ['0041791234567'],
              MessageText: 'JSON',
            }),
          ),
        }),
      ]
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200])
    }
    expect(await leaks([ASPSMS.right, ASPSMS.wrong])).toEqual([])
  })

  it('never shows an allmysms apiKey from a Mail2SMS subject', async () => {
    for (const apiKey of [ALLMYSMS.right, ALLMYSMS.wrong]) {
      await smsim.sendMail({
        from: 'jean@ecole.fr',
        to: 'mail2sms@allmysms.com',
        subject: `${ALLMYSMS.id}@${apiKey}|${MOBILE}`,
        text: 'Bonjour',
      })
    }
    expect(await leaks([ALLMYSMS.right, ALLMYSMS.wrong])).toEqual([])
  })

  it('never shows an iSendPro keyid, the account id included, and finds its entries by it', async () => {
    let emailId = 0
    for (const keyid of [ISENDPRO.right, ISENDPRO.wrong]) {
      await smsim.sendMail({
        from: 'app@masociete.com',
        to: 'sendsms@isendpro-api.com',
        text: `<envoi><keyid>${keyid}</keyid><num>0601020304</num><sms>Bonjour</sms><emailId>${++emailId}</emailId><emailAck>ack@masociete.com</emailAck><emailNot>not@masociete.com</emailNot></envoi>`,
      })
    }
    expect(await leaks([ISENDPRO.right, ISENDPRO.wrong])).toEqual([])
    const ledger = await rawHttp(smsim.url, {
      path: `/_smsim/accounts/isendpro/${ISENDPRO.right}/ledger`,
    })
    expect([ledger.status, ledger.body.includes(ISENDPRO.right)]).toEqual([200, false])
    // `?account=` takes the clear keyid, right or wrong, and finds that keyid's entries only.
    const own = await smsim.control.get<{ account?: string; code: unknown }[]>(
      `/journal?provider=isendpro&account=${ISENDPRO.right}`,
    )
    expect(own.map((e) => [e.account, e.code])).toEqual([[maskSecret(ISENDPRO.right), 0]])
    const wrong = await smsim.control.get<{ account?: string; code: unknown }[]>(
      `/journal?provider=isendpro&account=${ISENDPRO.wrong}`,
    )
    expect(wrong.map((e) => [e.account, e.code])).toEqual([[undefined, 3]])
    expect(
      await smsim.control.get<unknown[]>(`/messages?provider=isendpro&account=${ISENDPRO.right}`),
    ).toHaveLength(1)
  })
})

describe('an account’s own secret', () => {
  it('is masked in every account read, and in clear only with ?reveal=secret', async () => {
    const path = `/accounts/smstob/${SMSTOB.id}`
    expect(await smsim.control.get(path)).toMatchObject({ id: SMSTOB.id, secret: '****Pw' })
    expect(await smsim.control.get(`${path}?reveal=secret`)).toMatchObject({
      secret: SMSTOB.right,
    })
    expect(
      await smsim.control.get(`/accounts/isendpro/${ISENDPRO.right}?reveal=secret`),
    ).toMatchObject({ id: ISENDPRO.right })
    expect(await smsim.control.get(`/accounts/isendpro/${ISENDPRO.right}`)).toMatchObject({
      id: '****0a',
    })
    const refused = await rawHttp(smsim.url, { path: `/_smsim${path}?reveal=yes` })
    expect(refused.status).toBe(400)
  })

  it('is masked in the list of accounts, and in clear there only with ?reveal=secret', async () => {
    expect(await smsim.control.get('/accounts?provider=isendpro')).toMatchObject([{ id: '****0a' }])
    expect(await smsim.control.get('/accounts?provider=smstob&reveal=secret')).toMatchObject([
      { id: SMSTOB.id, secret: SMSTOB.right },
    ])
    expect(await smsim.control.get('/accounts?provider=isendpro&reveal=secret')).toMatchObject([
      { id: ISENDPRO.right },
    ])
    const refused = await rawHttp(smsim.url, { path: '/_smsim/accounts?reveal=all' })
    expect(refused.status).toBe(400)
  })

  it('is masked in what creating and changing an account answers', async () => {
    const created = await smsim.control.post('/accounts', {
      provider: 'allmysms',
      id: 'nouveau',
      secret: 'createdSecretKey1',
    })
    expect(created).toMatchObject({ id: 'nouveau', secret: '****y1' })
    const changed = await smsim.control.patch('/accounts/allmysms/nouveau', {
      secret: 'changedSecretKey2',
    })
    expect(changed).toMatchObject({ secret: '****y2' })
  })
})
