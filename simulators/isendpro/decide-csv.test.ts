/** iSendPro's mail decision: recipients and texts from mobiles.csv and message.csv. */
import { describe, expect, it } from 'vitest'
import { csv, envoi, NOW, request, setup } from './decide-testing.ts'
import { decideIsendproMail } from './decide.ts'
import { readIsendproMail } from './read.ts'

describe('mobiles.csv and message.csv', () => {
  const withCsv = (
    mobiles?: string,
    message?: string,
    fields: Record<string, string | undefined> = {},
  ) =>
    readIsendproMail(
      request({
        text: envoi({ num: undefined, sms: undefined, ...fields }),
        attachments: [
          ...(mobiles !== undefined ? [csv('mobiles.csv', mobiles)] : []),
          ...(message !== undefined ? [csv('message.csv', message)] : []),
        ],
      }),
    )

  it('merges [1]…[3] of each line into the first line of message.csv, as the document shows', () => {
    const store = setup()
    const decision = decideIsendproMail(
      withCsv(
        '0601020304;;Michel;;Martin;;10/10/2015\n0601020305;;Sarah;;Dupont;;02/08/2015\n',
        'Bonjour [1] [2], votre nouvelle carte sera disponible le [3]\nligne ignorée\n',
      ),
      store,
      NOW,
    )
    const applied = store.apply(decision.effects, NOW)
    expect(applied.sms.map((s) => [s.to, s.text])).toEqual([
      ['+33601020304', 'Bonjour Michel Martin, votre nouvelle carte sera disponible le 10/10/2015'],
      ['+33601020305', 'Bonjour Sarah Dupont, votre nouvelle carte sera disponible le 02/08/2015'],
    ])
  })

  it('uses mobiles.csv instead of num, with the sms of the body', () => {
    const store = setup()
    const decision = decideIsendproMail(
      withCsv('0601020305\n', undefined, { num: '0601020304', sms: 'Salut [1]' }),
      store,
      NOW,
    )
    expect(decision.reply.recipients.map((r) => r.tel)).toEqual(['0601020305'])
    expect(decision.reply.notes).toContain('num ignored: mobiles.csv attached')
    expect(store.apply(decision.effects, NOW).sms[0]?.text).toBe('Salut ')
  })

  it('answers 6 for an empty mobiles.csv, 23 for 501 lines', () => {
    expect(decideIsendproMail(withCsv('\n\n', 'x'), setup(), NOW).reply.requestCode).toBe(6)
    const lines = Array.from({ length: 501 }, (_, i) => `06${10_000_000 + i}`).join('\n')
    expect(decideIsendproMail(withCsv(lines, 'x'), setup(), NOW).reply.requestCode).toBe(23)
  })

  it('decodes windows-1252 attachments, as Excel writes them', () => {
    const store = setup()
    const decision = decideIsendproMail(
      readIsendproMail(
        request({
          text: envoi({ num: undefined, sms: undefined }),
          attachments: [
            {
              filename: 'MOBILES.CSV',
              contentType: 'application/vnd.ms-excel',
              content: Uint8Array.of(
                ...Buffer.from('0601020304;;H'),
                0xe9,
                ...Buffer.from('l'),
                0xe8,
                ...Buffer.from('ne\r\n'),
              ),
            },
            {
              filename: 'message.csv',
              contentType: 'application/vnd.ms-excel',
              content: Uint8Array.of(...Buffer.from('Bonjour [1] '), 0x80),
            },
          ],
        }),
      ),
      store,
      NOW,
    )
    expect(store.apply(decision.effects, NOW).sms[0]?.text).toBe('Bonjour Hélène €')
  })
})
