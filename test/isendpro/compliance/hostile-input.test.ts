/**
 * Hostile and broken bodies: the XML is parsed safely — a DOCTYPE or ENTITY declaration is
 * refused before any parser sees it (billion laughs, external entities), the `<envoi>` block is
 * bounded (1 MiB), a malformed block is not guessed at — and such a mail is not processed at
 * all: no reply (its addresses cannot be trusted), no SMS, a journal entry that says why, and
 * nothing logged as an error.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "données formatées type XML"
 */
import { describe, expect, it } from 'vitest'
import { MAX_DETAIL_CHARS, MAX_ENVOI_DEPTH } from '../../../simulators/isendpro/envoi.ts'
import { ACK, APP, fixture, ISENDPRO, KEYID, NOT, useIsendpro } from '../helpers.ts'

/**
 * A mail of 10,000,000 bytes whose body is one `<envoi>` with a 10 MB `<sms>`: under the
 * gateway's 10,240,000-byte limit, so that it reaches iSendPro. Built here rather than checked
 * in, for its size (as simulators/mail's own hostile fixtures).
 */
function tenMegabyteMail(): Buffer {
  const head = [
    `From: ${APP}`,
    `To: ${ISENDPRO}`,
    'Subject: huge',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `<envoi><keyid>${KEYID}</keyid><num>0601020304</num><emailAck>ack@masociete.com</emailAck><emailNot>not@masociete.com</emailNot><emailId>10</emailId><sms>`,
  ].join('\r\n')
  const tail = '</sms></envoi>\r\n'
  const total = 10_000_000
  const filler = total - head.length - tail.length
  const line = `${'x'.repeat(998)}\r\n`
  const body = line.repeat(Math.floor(filler / line.length)) + 'x'.repeat(filler % line.length)
  const mail = Buffer.from(head + body + tail, 'ascii')
  expect(mail.length).toBe(total)
  return mail
}

describe('hostile input over SMTP', () => {
  const isendpro = useIsendpro()

  const expectNotProcessed = async (reason: string) => {
    expect(await isendpro.mails()).toEqual([])
    expect(await isendpro.control.messages()).toEqual([])
    const journal = await isendpro.control.journal()
    expect(journal).toHaveLength(1)
    expect(journal[0]?.request).toMatchObject({ notProcessed: reason })
  }

  it.each([
    ['a billion-laughs DOCTYPE', 'hostile-billion-laughs.eml', 'declaration'],
    ['an external entity (XXE)', 'hostile-external-entity.eml', 'declaration'],
    ['an unclosed element', 'malformed-unclosed-tag.eml', 'malformed'],
  ])('does not process %s', async (_case, name, reason) => {
    const sent = await isendpro.sendRaw(fixture(name))
    expect(sent.response).toMatch(/^250 /)
    await expectNotProcessed(reason)
  })

  /** A request that would be sent, with `inside` added among its fields. */
  const envoiWith = (inside: string) =>
    `<envoi><keyid>${KEYID}</keyid><num>0601020304</num><sms>Bonjour</sms><emailId>deep</emailId>` +
    `<emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot>${inside}</envoi>`

  it(`does not process an envoi with elements nested deeper than ${MAX_ENVOI_DEPTH}, as any malformed one`, async () => {
    const depth = MAX_ENVOI_DEPTH + 1
    const sent = await isendpro.sendText(envoiWith('<a>'.repeat(depth) + '</a>'.repeat(depth)))
    expect(sent.response).toMatch(/^250 /)
    await expectNotProcessed('malformed')
    expect((await isendpro.control.journal())[0]?.request).toMatchObject({
      detail: `elements nested deeper than ${MAX_ENVOI_DEPTH} inside <envoi>`,
    })
  })

  it(`sends an envoi whose unknown elements are nested ${MAX_ENVOI_DEPTH} deep, ignoring them`, async () => {
    const depth = MAX_ENVOI_DEPTH
    await isendpro.sendText(envoiWith('<a>'.repeat(depth) + '</a>'.repeat(depth)))
    expect((await isendpro.ack('deep')).code).toBe(0)
    expect((await isendpro.not('deep')).entries).toMatchObject([{ code: 0 }])
    expect(await isendpro.control.messages()).toHaveLength(1)
  })

  it(`journals at most ${MAX_DETAIL_CHARS} characters of why an envoi is malformed`, async () => {
    await isendpro.sendText(envoiWith('<a>'.repeat(50_000)).replace('</envoi>', ''))
    await expectNotProcessed('malformed')
    const { detail } = (await isendpro.control.journal())[0]!.request as { detail: string }
    expect(detail.length).toBeLessThanOrEqual(MAX_DETAIL_CHARS + 1)
  })

  it.each([
    ['__proto__', '<__proto__><polluted>1</polluted></__proto__>'],
    ['constructor', '<constructor>x</constructor>'],
    ['prototype', '<prototype>x</prototype>'],
  ])(
    'does not process an envoi with a <%s> element, as any malformed one',
    async (_name, inside) => {
      expect((await isendpro.sendText(envoiWith(inside))).response).toMatch(/^250 /)
      await expectNotProcessed('malformed')
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    },
  )

  it('does not process an envoi of 10 MB, and answers the SMTP session at once', async () => {
    const sent = await isendpro.sendRaw(tenMegabyteMail())
    expect(sent.response).toMatch(/^250 /)
    await expectNotProcessed('too-large')
  })

  it('does not send an envoi that is only quoted in a reply', async () => {
    await isendpro.sendRaw(fixture('reply-quoting-envoi.eml'))
    await expectNotProcessed('no-envoi')
  })

  it('does not process an out-of-office reply that copies a request', async () => {
    await isendpro.sendRaw(fixture('out-of-office-quoting.eml'))
    await expectNotProcessed('automatic')
  })

  it('does not process a plain mail that holds no envoi', async () => {
    await isendpro.sendText('Bonjour, pouvez-vous envoyer un SMS à Jean ?')
    await expectNotProcessed('no-envoi')
  })
})
