/**
 * Real mails sent over SMTP reach the provider as the {@link InboundMail} the unit tests of
 * simulators/mail/inbound.ts read from the same `.eml` files: the wire (dot-stuffing, line
 * ends, 8-bit bytes) changes nothing. Each fixture goes through nodemailer's SMTP client as
 * raw bytes; bare LF line ends, which nodemailer would repair, go through a raw session.
 */
import { describe, expect, it } from 'vitest'
import { parseInbound } from '../../simulators/mail/inbound.ts'
import { FAKE_ADDRESS, fixture, sendRawMail, useGateway } from './helpers.ts'

const ENVELOPE = { from: 'bounce@example.org', to: [FAKE_ADDRESS] }

const FIXTURES = [
  'utf8-quoted-printable.eml',
  'iso-8859-1-base64.eml',
  'multipart-alternative.eml',
  'html-only.eml',
  'signature.eml',
  'line-ends-crlf.eml',
  'line-ends-lf.eml',
  'attachment.eml',
]

describe('real mails over SMTP', () => {
  const gateway = useGateway()

  it.each(FIXTURES)(
    'hands %s to the provider as the parser reads it from the file',
    async (name) => {
      const sent = await gateway.smsim.sendMail({ envelope: ENVELOPE, raw: fixture(name) })
      expect(sent.response).toBe('250 2.6.0 OK: handed to fakemail')
      expect(gateway.received).toHaveLength(1)
      expect(gateway.received[0]!.mail).toEqual(await parseInbound(fixture(name), ENVELOPE))
    },
  )

  it('reads the same mail whether the client sent CRLF or bare LF line ends', async () => {
    const viaNodemailer = await gateway.smsim.sendMail({
      envelope: ENVELOPE,
      raw: fixture('line-ends-crlf.eml'),
    })
    expect(viaNodemailer.accepted).toEqual([FAKE_ADDRESS])
    const bareLf = await sendRawMail(gateway.port, ENVELOPE, fixture('line-ends-lf.eml'))
    expect(bareLf.code).toBe(250)
    const [crlf, lf] = gateway.received.map((r) => r.mail)
    expect(lf).toEqual(crlf)
    expect(lf!.text).toBe('Première ligne\nDeuxième ligne\n')
  })

  it('undoes dot-stuffing: a line that starts with a dot arrives as written', async () => {
    await gateway.smsim.sendMail({
      from: 'ecole@example.fr',
      to: FAKE_ADDRESS,
      subject: 'points',
      text: '.début\n..deux\n.\nfin\n',
    })
    expect(gateway.received[0]!.mail.text).toBe('.début\n..deux\n.\nfin\n')
  })

  it('gives the provider the envelope: MAIL FROM and the accepted recipients, as sent', async () => {
    await gateway.smsim.sendMail({
      envelope: { from: 'Bounce@example.org', to: [FAKE_ADDRESS, 'friend@gmail.com'] },
      raw: fixture('utf8-quoted-printable.eml'),
    })
    expect(gateway.received[0]!.mail).toMatchObject({
      envelope: { from: 'Bounce@example.org', to: [FAKE_ADDRESS] },
      from: 'direction@esf-chamonix.example',
    })
  })

  it('journals the mail under the provider that took it', async () => {
    await gateway.smsim.sendMail({ envelope: ENVELOPE, raw: fixture('signature.eml') })
    expect(await gateway.smsim.control.get('/journal?provider=fakemail')).toMatchObject([
      {
        provider: 'fakemail',
        transport: 'smtp',
        request: {
          to: FAKE_ADDRESS,
          from: 'bureau@esf-laplagne.example',
          subject: 'XV65JU:0660919010',
        },
        code: 'ok',
      },
    ])
  })
})
