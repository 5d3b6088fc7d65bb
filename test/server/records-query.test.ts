/**
 * Reading the phones and the outbox over HTTP: one-time codes (`otp`, `?otp=`), pages
 * (`limit`, `offset`, `order`, `X-Total-Count`), search (`q`) and a mail's source
 * (`/mails/{id}.eml`).
 */
import { simpleParser } from 'mailparser'
import { beforeAll, describe, expect, it } from 'vitest'
import { maskSecret } from '../../simulators/core/secrets.ts'
import { useTestSmsim } from '../support/smsim.ts'

const ACCOUNT = {
  provider: 'smstob' as const,
  id: 'ecole@example.fr',
  secret: 'XV65JU',
  credits: 50,
}
const TEXTS = [
  'Votre code : 482913',
  'Code: AB12-CD34 (valable 5 min)',
  'Rappelez le 0660919010',
  'Bonjour Jean',
  'Votre code 1234, puis 567890',
]

type Shown = { id: string; text: string; otp?: string }

describe('reading the phones', () => {
  const smsim = useTestSmsim({
    accounts: [ACCOUNT],
    clock: { now: '2026-01-05T09:00:00+01:00', frozen: true },
  })
  const read = async (query: string) => {
    const answer = await fetch(`${smsim().url}/_smsim/messages?${query}`)
    return {
      status: answer.status,
      total: answer.headers.get('x-total-count'),
      body: await answer.json(),
    }
  }
  beforeAll(async () => {
    for (const [i, text] of TEXTS.entries()) {
      const query = new URLSearchParams({
        email: ACCOUNT.id,
        pass: ACCOUNT.secret,
        numero: `066091901${i}`,
        message: text,
      })
      expect(await (await fetch(`${smsim().url}/smstob/http.php?${query}`)).text()).toBe('80')
    }
  })

  it('shows the first group of 4 to 8 digits standing alone as otp, and none where there is none', async () => {
    const { body } = await read('')
    expect((body as Shown[]).map((s) => s.otp)).toEqual([
      '482913',
      undefined,
      undefined,
      undefined,
      '1234',
    ])
  })

  it('reads the otp with the client’s pattern: its first group, else the match', async () => {
    const group = await read(`otp=${encodeURIComponent('Code: ([A-Z0-9-]+)')}`)
    expect((group.body as Shown[]).map((s) => s.otp)).toEqual([
      undefined,
      'AB12-CD34',
      undefined,
      undefined,
      undefined,
    ])
    const whole = await read(`otp=${encodeURIComponent('\\d{6}')}`)
    expect((whole.body as Shown[]).map((s) => s.otp)).toEqual([
      '482913',
      undefined,
      '066091',
      undefined,
      '567890',
    ])
  })

  it.each([
    ['(', /^otp: not a regular expression: /],
    ['a'.repeat(201), /^otp: a pattern of 200 characters at most$/],
    ['(a+)+$', /^otp: the pattern took more than 500 ms over 1 text \(it backtracks\)/],
  ])('refuses the otp pattern %j with 400', async (pattern, error) => {
    if (pattern === '(a+)+$') {
      // A text on which this pattern backtracks for ever: it is stopped, smsim goes on.
      const query = new URLSearchParams({
        email: ACCOUNT.id,
        pass: ACCOUNT.secret,
        numero: '0660919020',
        message: 'a'.repeat(40) + '!',
      })
      await fetch(`${smsim().url}/smstob/http.php?${query}`)
    }
    const answer = await read(
      `otp=${encodeURIComponent(pattern)}${pattern === '(a+)+$' ? '&to=0660919020' : ''}`,
    )
    expect(answer.status).toBe(400)
    expect((answer.body as { error: string }).error).toMatch(error)
    expect((await fetch(`${smsim().url}/_smsim/health`)).status).toBe(200)
  })

  it('pages oldest first by default, newest first with order=desc, and counts them all', async () => {
    const all = (await read('to=&provider=smstob')).body as Shown[]
    const asc = await read('provider=smstob&limit=2&offset=1')
    expect(asc.total).toBe(String(all.length))
    expect((asc.body as Shown[]).map((s) => s.id)).toEqual([all[1]!.id, all[2]!.id])
    const desc = await read('provider=smstob&order=desc&limit=2')
    expect((desc.body as Shown[]).map((s) => s.id)).toEqual([all.at(-1)!.id, all.at(-2)!.id])
    expect((await read('provider=smstob&offset=100')).body).toEqual([])
  })

  it.each([
    ['limit=-1', 'limit must be a whole number ≥ 0'],
    ['offset=x', 'offset must be a whole number ≥ 0'],
    ['order=random', 'order must be asc (oldest first) or desc (newest first)'],
    ['to=1&to=2', 'to is given more than once'],
  ])('refuses %s with 400', async (query, error) => {
    expect(await read(query)).toMatchObject({ status: 400, body: { error } })
  })

  it('searches the texts with q, case counting', async () => {
    expect(((await read('q=code')).body as Shown[]).map((s) => s.text)).toEqual([
      'Votre code : 482913',
      'Votre code 1234, puis 567890',
    ])
    expect((await read('q=JEAN')).body).toEqual([])
  })
})

describe('reading the outbox', () => {
  const smsim = useTestSmsim({ accounts: [ACCOUNT] })
  beforeAll(async () => {
    for (const text of ['Premier', 'Second'])
      await smsim().sendMail({
        from: ACCOUNT.id,
        to: `${ACCOUNT.secret}.0660919010@smstob.com`,
        text,
      })
  })

  it('pages and searches the outbox as the phones', async () => {
    const all = await smsim().outbox()
    expect(all.length).toBe(2)
    const answer = await fetch(`${smsim().url}/_smsim/mails?q=confirmation&order=desc&limit=1`)
    expect(answer.headers.get('x-total-count')).toBe('2')
    expect(((await answer.json()) as { id: string }[]).map((m) => m.id)).toEqual([all[1]!.id])
    // A search never finds a mail by the password it quotes: it looks at what is shown.
    expect(await (await fetch(`${smsim().url}/_smsim/mails?q=${ACCOUNT.secret}`)).json()).toEqual(
      [],
    )
  })

  it('hands a mail’s source as an .eml attachment, with its credentials masked', async () => {
    const [mail] = await smsim().outbox()
    const answer = await fetch(`${smsim().url}/_smsim/mails/${mail!.id}.eml`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('message/rfc822')
    expect(answer.headers.get('content-disposition')).toBe(`attachment; filename="${mail!.id}.eml"`)
    const source = await answer.text()
    expect(source).not.toContain(ACCOUNT.secret)
    const parsed = await simpleParser(source)
    expect(parsed.subject).toBe(mail!.subject)
    expect(parsed.text?.trim()).toBe(mail!.text.trim())
    expect(parsed.to).toMatchObject({ text: ACCOUNT.id })
    expect(parsed.headers.get('x-smsim-mail-id')).toBe(mail!.id)
    expect(mail!.text).toContain(`${maskSecret(ACCOUNT.secret)}.0660919010@`)
  })

  it('answers 404 for a mail the outbox does not have', async () => {
    const answer = await fetch(`${smsim().url}/_smsim/mails/mail-999999.eml`)
    expect(answer.status).toBe(404)
    expect(await answer.json()).toEqual({ error: 'no mail "mail-999999" in the outbox' })
  })
})
