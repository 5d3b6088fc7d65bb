/**
 * How the gateway reads real mails into an {@link InboundMail}: the `.eml` fixtures beside this
 * file, the way mail clients write them, and hostile ones. test/mail/ sends the same files over
 * SMTP and checks that the wire changes nothing.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { textAboveSignature } from '../core/text.ts'
import { parseInbound, UnreadableMailError } from './inbound.ts'

const ENVELOPE = { from: 'bounce@example.org', to: ['mail2sms@allmysms.com'] }

/** A fixture of simulators/mail/fixtures/, as its bytes. */
function fixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url))
}

const read = (name: string) => parseInbound(fixture(name), ENVELOPE)

describe('reading a mail as its sender wrote it', () => {
  it('decodes UTF-8 quoted-printable and encoded words, and gives the From address in lower case', async () => {
    const mail = await read('utf8-quoted-printable.eml')
    expect(mail).toMatchObject({
      envelope: ENVELOPE,
      from: 'direction@esf-chamonix.example',
      subject: 'arthur45@de135f8d2a091e4|0660919010;0611223344|from=ESF',
      text: "Bonjour,\n\nLe cours de ski de demain matin est annulé à cause du vent : rendez-vous à l'école à 14 h.\n\nÉcole du Ski Français\n",
      hasPlainText: true,
      attachments: [],
      messageId: '<5f0c1a2b-7e3d-4c1a-9b8e-2d6f0a1c3e4f@esf-chamonix.example>',
    })
    expect(mail.html).toBeUndefined()
    expect(mail.headers.from).toBe('"École du Ski Français" <Direction@ESF-Chamonix.example>')
  })

  it('decodes ISO-8859-1 in base64, and a folded Content-Type', async () => {
    const mail = await read('iso-8859-1-base64.eml')
    expect(mail).toMatchObject({
      from: 'secretariat@esf-tignes.example',
      subject: 'Cours annulé',
      text: "Cours annulé demain à 9 h : rendez-vous à l'école à 14 h.\nMerci de prévenir les élèves.\n",
      hasPlainText: true,
    })
    expect(mail.headers['content-type']).toBe('text/plain; charset="iso-8859-1"')
    expect(mail.headers['x-mailer']).toBe('Microsoft Outlook 14.0')
  })

  it('keeps both parts of a multipart/alternative mail, the plain text as the text', async () => {
    const mail = await read('multipart-alternative.eml')
    expect(mail).toMatchObject({
      from: 'jean.moniteur@gmail.example',
      text: 'Rendez-vous au téléski des Planards à 10 h.\n',
      html: '<div dir="ltr">Rendez-vous au <b>téléski des Planards</b> à 10 h.</div>\n',
      hasPlainText: true,
    })
  })

  it('says an HTML-only mail has no plain text, and does not make one up from the HTML', async () => {
    const mail = await read('html-only.eml')
    expect(mail.hasPlainText).toBe(false)
    expect(mail.text).toBe('')
    expect(mail.html).toContain("Cours collectif complet, merci de rappeler l'école.")
  })

  it('leaves a signature after "-- " in the text, for the provider to decide', async () => {
    const mail = await read('signature.eml')
    expect(mail.text).toBe(
      'Piste rouge fermée cet après-midi.\n\n-- \nESF La Plagne\n04 79 09 00 00',
    )
    expect(textAboveSignature(mail.text)).toBe('Piste rouge fermée cet après-midi.\n')
  })

  it('reads the same mail the same whether its lines end in CRLF or LF', async () => {
    const crlf = await read('line-ends-crlf.eml')
    expect(crlf.text).toBe('Première ligne\nDeuxième ligne\n')
    expect(await read('line-ends-lf.eml')).toEqual(crlf)
  })

  it('decodes an attachment into its bytes, with its file name and type', async () => {
    const mail = await read('attachment.eml')
    expect(mail.text).toBe('<envoi><keyid>demo-keyid</keyid><emetteur>ESF</emetteur></envoi>\n')
    expect(mail.attachments).toEqual([
      {
        filename: 'mobiles.csv',
        contentType: 'text/csv',
        content: new Uint8Array(Buffer.from('0660919010;Jean\r\n0611223344;Léa\r\n')),
      },
    ])
    expect(mail.attachments[0]!.content).toBeInstanceOf(Uint8Array)
  })

  it('falls back on the envelope sender, in lower case, when there is no From header', async () => {
    const raw = Buffer.from('Subject: sans expéditeur\r\n\r\nBonjour\r\n')
    const mail = await parseInbound(raw, { from: 'Ecole@Example.FR', to: ['sms@smstob.com'] })
    expect(mail.from).toBe('ecole@example.fr')
    expect(mail.envelope.from).toBe('Ecole@Example.FR')
  })

  it('turns a lone CR (old Mac clients) into a line end too', async () => {
    const raw = Buffer.from('From: a@example.org\r\n\r\nune\rdeux\r\n')
    expect((await parseInbound(raw, ENVELOPE)).text).toBe('une\ndeux\n')
  })

  it('says a mail whose plain-text part is empty still has one', async () => {
    const raw = Buffer.from(
      [
        'From: a@example.org',
        'Content-Type: multipart/alternative; boundary=b',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Bonjour</p>',
        '--b--',
        '',
      ].join('\r\n'),
    )
    const mail = await parseInbound(raw, ENVELOPE)
    expect(mail.hasPlainText).toBe(true)
    expect(mail.text.trim()).toBe('')
    expect(mail.html).toBe('<p>Bonjour</p>')
  })
})

describe('reading hostile mails', () => {
  it('reads what it can of malformed MIME boundaries', async () => {
    const mail = await read('hostile-bad-boundaries.eml')
    expect(mail.hasPlainText).toBe(true)
    expect(mail.text).toMatch(/^first part\n/)
  })

  it('finds no text in a multipart mail that declares no boundary', async () => {
    const mail = await read('hostile-no-boundary.eml')
    expect(mail).toMatchObject({ hasPlainText: false, text: '', subject: 'no boundary' })
  })

  it('keeps NUL bytes as the sender sent them', async () => {
    const mail = await read('hostile-nul-bytes.eml')
    expect(mail.subject).toBe('nul\0byte')
    expect(mail.text).toBe('before\0after\n\0\n')
    expect(mail.headers['x-nul']).toBe('\0\0\0')
  })

  it('never lets an encoded line break into a header value', async () => {
    const mail = await read('hostile-header-injection.eml')
    expect(mail.subject).toBe('hello Bcc: victim@example.org injected body')
    expect(mail.from).toBe('fuzz@example.net')
    expect(mail.headers).toMatchObject({
      from: '"Evil Bcc: victim@example.org" <fuzz@example.net>',
      'reply-to': '"x To: victim@example.org" <reply@example.net>',
      'x-folded': 'first second',
    })
    for (const value of [mail.subject, ...Object.values(mail.headers)])
      expect(value).not.toMatch(/[\r\n]/)
    expect(mail.text).toBe('Body\n')
  })

  it('keeps headers named like Object members as plain headers', async () => {
    const raw = 'From: a@example.org\r\nConstructor: x\r\n__proto__: y\r\ntoString: z\r\n\r\nb\r\n'
    const mail = await parseInbound(Buffer.from(raw), ENVELOPE)
    expect({ ...mail.headers }).toEqual({
      from: 'a@example.org',
      constructor: 'x',
      ['__proto__']: 'y',
      tostring: 'z',
    })
    expect(JSON.parse(JSON.stringify(mail.headers))).toHaveProperty('constructor', 'x')
  })

  it('reads undeclared 8-bit bytes as UTF-8, invalid sequences as U+FFFD', async () => {
    const mail = await read('hostile-8bit-junk.eml')
    expect(mail.subject).toBe('\uFFFDt\uFFFD \uFFFD\uFFFD \uFFFD(')
    expect(mail.text.startsWith('\uFFFDt\uFFFD ')).toBe(true)
  })

  it('refuses headers over mailparser’s 1 MiB bound as unreadable', async () => {
    const raw = Buffer.from(
      `From: a@example.org\r\nX-Big: ${'a'.repeat(2 * 1024 * 1024)}\r\n\r\nx\r\n`,
    )
    await expect(parseInbound(raw, ENVELOPE)).rejects.toBeInstanceOf(UnreadableMailError)
  })

  it('refuses MIME nested thousands of levels deep as unreadable', async () => {
    let raw = 'From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n'
    for (let i = 0; i < 2000; i++)
      raw += `--b${i}\r\nContent-Type: multipart/mixed; boundary=b${i + 1}\r\n\r\n`
    await expect(parseInbound(Buffer.from(raw), ENVELOPE)).rejects.toThrowError(
      /^the mail could not be read as MIME: /,
    )
  })

  it('reads a body that is one 8 MB line', async () => {
    const line = 'a'.repeat(8 * 1024 * 1024)
    const mail = await parseInbound(Buffer.from(`From: a@example.org\r\n\r\n${line}\r\n`), ENVELOPE)
    expect(mail.text).toBe(`${line}\n`)
  })
})

describe('textAboveSignature', () => {
  it('cuts at the first line that is exactly "-- "', () => {
    expect(textAboveSignature('a\n-- \nsig\n-- \nmore')).toBe('a')
    expect(textAboveSignature('-- \nonly a signature')).toBe('')
  })

  it('keeps a line that only looks like a separator', () => {
    expect(textAboveSignature('a\n--\nb')).toBe('a\n--\nb')
    expect(textAboveSignature('a\n-- b\nc')).toBe('a\n-- b\nc')
  })
})
