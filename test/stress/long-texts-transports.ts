/**
 * The long-texts stress script's requests (long-texts.ts): one SMS sent through each transport
 * a provider offers (HTTP forms, JSON, SOAP, XML, mail) to a smsim it started, with the short
 * answer the provider gave, and the health probe polled while a request runs.
 */
import type { ChildProcess } from 'node:child_process'
import { get } from 'node:http'
import nodemailer from 'nodemailer'

/** Every transport the script can measure, as `--transports` names them. */
export const TRANSPORTS = [
  'smstob-http',
  'smstob-mail',
  'allmysms-mail',
  'aspsms-json',
  'aspsms-soap',
  'aspsms-xml',
  'aspsms-http-post',
  'isendpro-mail',
] as const
export type Transport = (typeof TRANSPORTS)[number]

/** A smsim started in a child process: where its control API and SMTP gateway listen. */
export interface Server {
  child: ChildProcess
  url: string
  smtp: { host: string; port: number }
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Sends one request with `text`; resolves with what the provider answered, in short.
 *
 * @example
 * const answer = await send(server, 'aspsms-json', text) // the status and the provider's reply
 */
export async function send(server: Server, transport: Transport, text: string): Promise<string> {
  const { url } = server
  const mail = () => nodemailer.createTransport({ ...server.smtp, secure: false, ignoreTLS: true })
  switch (transport) {
    case 'smstob-http': {
      const body = new URLSearchParams({
        email: 'ecole@example.fr',
        pass: 'XV65JU',
        numero: '0660919010',
        message: text,
      }).toString()
      const r = await fetch(`${url}/smstob/http.php`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body,
      })
      return `${r.status} ${await r.text()} (${body.length} B)`
    }
    case 'aspsms-json': {
      const r = await fetch(`${url}/aspsms/json/SendSimpleTextSMS`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          UserName: 'I3QHMYKEY6E',
          Password: 'mypassword',
          Originator: 'ESF Tignes',
          Recipients: ['0041791234567'],
          MessageText: text,
        }),
      })
      return `${r.status} ${await r.text()}`
    }
    case 'aspsms-soap': {
      const envelope = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SendTextSMS xmlns="https://webservice.aspsms.com/aspsmsx2.asmx"><UserKey>I3QHMYKEY6E</UserKey><Password>mypassword</Password><Recipients>+41791234567</Recipients><Originator>ESF Tignes</Originator><MessageText>${escapeXml(text)}</MessageText></SendTextSMS></soap:Body></soap:Envelope>`
      const r = await fetch(`${url}/aspsms/aspsmsx2.asmx`, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: '"https://webservice.aspsms.com/aspsmsx2.asmx/SendTextSMS"',
        },
        body: envelope,
      })
      const answer = await r.text()
      return `${r.status} ${/<SendTextSMSResult>(.*?)</.exec(answer)?.[1] ?? answer.slice(0, 80)}`
    }
    case 'aspsms-xml': {
      const document = `<?xml version="1.0" encoding="UTF-8"?><aspsms><Userkey>I3QHMYKEY6E</Userkey><Password>mypassword</Password><Recipient><PhoneNumber>0041791234567</PhoneNumber></Recipient><MessageData>${escapeXml(text)}</MessageData><Action>SendTextSMS</Action></aspsms>`
      const r = await fetch(`${url}/aspsms/xmlsvr.asp`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: document,
      })
      const answer = await r.text()
      return `${r.status} ${/<ErrorCode>(.*?)</.exec(answer)?.[1] ?? answer.slice(0, 80)}`
    }
    case 'aspsms-http-post': {
      const body = new URLSearchParams({
        UserKey: 'I3QHMYKEY6E',
        Password: 'mypassword',
        Recipients: '+41791234567',
        Originator: 'ESF Tignes',
        MessageText: text,
        DeferredDeliveryTime: '',
        FlashingSMS: '',
        TimeZone: '',
        URLBufferedMessageNotification: '',
        URLDeliveryNotification: '',
        URLNonDeliveryNotification: '',
        AffiliateId: '',
      }).toString()
      const r = await fetch(`${url}/aspsms/aspsmsx2.asmx/SendTextSMS`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
      const answer = await r.text()
      return `${r.status} ${/>([^<]*)<\/string>/.exec(answer)?.[1] ?? answer.slice(0, 80)} (${body.length} B)`
    }
    case 'allmysms-mail': {
      const transport = mail()
      const info = await transport.sendMail({
        from: 'secretariat@ecole-ski.fr',
        to: 'mail2sms@allmysms.com',
        subject: 'arthur45@de135f8d2a091e4|0612121515',
        text,
      })
      transport.close()
      const replies = (await (await fetch(`${url}/_smsim/mails`)).json()) as { text?: string }[]
      return `${info.response} → ${replies.at(-1)?.text?.trim().split('\n')[0] ?? 'no reply'}`
    }
    case 'smstob-mail': {
      const transport = mail()
      const info = await transport.sendMail({
        from: 'ecole@example.fr',
        to: 'sms@smstob.com',
        subject: 'XV65JU:0660919010',
        text,
      })
      transport.close()
      const sms = (await (await fetch(`${url}/_smsim/messages`)).json()) as { segments: number }[]
      return `${info.response} → ${sms.length} SMS, ${sms.at(-1)?.segments ?? 0} parts`
    }
    case 'isendpro-mail': {
      const transport = mail()
      const emailId = `stress-${text.length}`
      const info = await transport.sendMail({
        from: 'app@masociete.com',
        to: 'sendsms@isendpro-api.com',
        subject: 'envoi',
        text: `<envoi><keyid>a296464ce012b8ab710a</keyid><num>0601020304</num><sms>${escapeXml(text)}</sms><smslong>6</smslong><emailId>${emailId}</emailId><emailNot>not@masociete.com</emailNot></envoi>`,
      })
      transport.close()
      const replies = (await (await fetch(`${url}/_smsim/mails?to=not@masociete.com`)).json()) as {
        text?: string
      }[]
      const code = /<code>(\d+)<\/code>/.exec(replies.at(-1)?.text ?? '')?.[1]
      return `${info.response} → Not ${code ?? '?'}`
    }
  }
}

/**
 * One `GET /_smsim/health` on a connection of its own; whether it was answered 200.
 *
 * @example
 * const answered = await health(server.url)
 */
export function health(url: string): Promise<boolean> {
  return new Promise((done) => {
    get(`${url}/_smsim/health`, { agent: false }, (response) => {
      response.resume()
      response.once('end', () => done(response.statusCode === 200))
    }).once('error', () => done(false))
  })
}
