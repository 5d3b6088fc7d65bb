/**
 * Every journal entry with a provider's code carries what the code means, from that provider's
 * own table (issue 14): a reader of `GET /_smsim/journal` (or of the log, which shows the same
 * entries) needs no document beside it. Through each provider's transport, on the demo accounts.
 *
 * @see simulators/engine/journal.ts — codeMeaning
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../simulators/core/model.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

let smsim: TestSmsim
beforeAll(async () => {
  smsim = await startTestSmsim({ demo: true })
})
beforeEach(() => smsim.control.post('/reset'))
afterAll(() => smsim.close())

/** The code and meaning of each entry, oldest first. */
async function meanings(provider: string): Promise<[unknown, unknown][]> {
  const entries = await smsim.control.get<JournalEntry[]>(`/journal?provider=${provider}`)
  return entries.map((e) => [e.code, e.meaning])
}

/** The demo iSendPro account's `<envoi>`, with its own emailId (absent: Ack 2). */
const envoi = (emailId: string | undefined) =>
  `<envoi><keyid>a296464ce012b8ab710a</keyid><num>0660919010</num><sms>Bonjour</sms>${
    emailId === undefined ? '' : `<emailId>${emailId}</emailId>`
  }<emailAck>ack@masociete.com</emailAck></envoi>`

describe('the meaning of each code in the journal', () => {
  it('is SMStoB’s table text, for http.php', async () => {
    const send = (pass: string) =>
      fetch(
        `${smsim.url}/smstob/http.php?email=demo@smstob.test&pass=${pass}&numero=0660919010&message=Bonjour`,
      ).then((r) => r.text())
    expect([await send('demo'), await send('demo'), await send('wrong')]).toEqual([
      '80',
      '91',
      '82',
    ])
    expect(await meanings('smstob')).toEqual([
      [80, 'Le message a été envoyé'],
      [91, 'le message a déjà été envoyé à ce numéro dans les 24 dernières heures'],
      [82, "Le login et/ou mot de passe n'est pas valide"],
    ])
  })

  it('is ASPSMS’s status text on the JSON API, and OK for its inquiry’s "0"', async () => {
    const call = (method: string, body: object) =>
      fetch(`${smsim.url}/aspsms/json/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ UserName: 'DEMOASPSMS', ...body }),
      })
    await call('CheckCredits', { Password: 'demo' })
    await call('CheckCredits', { Password: 'wrong' })
    const inquiry = { Password: 'demo', TransactionReferenceNumbers: 'abc' }
    expect(await (await call('InquireDeliveryNotifications', inquiry)).json()).toMatchObject({
      StatusCode: '0',
      StatusInfo: 'OK',
    })
    expect(await meanings('aspsms')).toEqual([
      [1, 'OK'],
      [3, 'Authorization failed.'],
      [0, 'OK'],
    ])
  })

  it('is allmysms’s error text, by mail', async () => {
    await smsim.sendMail({
      from: 'you@example.com',
      to: 'mail2sms@allmysms.com',
      subject: 'nobody@0000|0660919010',
      text: 'Bonjour',
    })
    expect(await meanings('allmysms')).toEqual([
      [
        102,
        'Problème de connexion - Aucun compte ne correspond aux clientcode et apiKey spécifiés',
      ],
    ])
  })

  it('is iSendPro’s annex text, and its Ack table’s for an Ack code', async () => {
    const send = (emailId: string | undefined) =>
      smsim.sendMail({
        from: 'app@masociete.com',
        to: 'sendsms@isendpro-api.com',
        subject: 'envoi',
        text: envoi(emailId),
      })
    await send('meaning-1')
    await send(undefined)
    expect(await meanings('isendpro')).toEqual([
      [0, 'Votre message a bien été envoyé'],
      ['ack 2', 'emailId non renseigne'],
    ])
  })

  it('is absent where there is no code: a WSDL fetched', async () => {
    await fetch(`${smsim.url}/aspsms/aspsmsx2.asmx?WSDL`)
    const [entry] = await smsim.control.get<JournalEntry[]>('/journal')
    expect(entry).toMatchObject({ transport: 'wsdl', status: 200 })
    expect(entry).not.toHaveProperty('meaning')
  })
})
