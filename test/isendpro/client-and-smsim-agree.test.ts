/**
 * The reference client and smsim agree on iSendPro's mails: the `<envoi>` the client writes,
 * the simulator's `readEnvoi` reads back the same; the Ack and Not bodies smsim writes, the
 * client's readers read back. Tests of both sides at once, so they live here rather than beside
 * either.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.1, III.2 (`<envoi>`), III.5 "Réponses par e-mail"
 */
import { describe, expect, it } from 'vitest'
import { buildIsendproEnvoi } from '../../client/isendpro/mail.ts'
import {
  readIsendproAck,
  readIsendproNot,
  readIsendproReply,
} from '../../client/isendpro/replies.ts'
import { readEnvoi } from '../../simulators/isendpro/envoi.ts'
import { renderAckBody, renderNotBody } from '../../simulators/isendpro/reply.ts'

const BASE = { keyid: 'a296464ce012b8ab710a', emailId: 1548 } as const

describe('buildIsendproEnvoi', () => {
  it('writes several recipients as numX, personal texts as smsX, and reads back the same', () => {
    const xml = buildIsendproEnvoi({
      ...BASE,
      to: ['0601020304', { num: '0601020305', sms: 'Texte\nà moi & toi' }],
      sms: 'Commun',
      smslong: 'auto',
      tracker: 'campagne_7',
      nostop: true,
    })
    const reading = readEnvoi(xml)
    expect(reading.ok && reading.envoi).toMatchObject({
      nums: [
        { index: 1, value: '0601020304' },
        { index: 2, value: '0601020305' },
      ],
      sms: 'Commun',
      smsByIndex: new Map([[2, 'TexteÖà moi & toi']]),
      smslong: '999',
      tracker: 'campagne_7',
      nostop: '1',
    })
  })
})

describe('reading the replies', () => {
  it('reads the Ack smsim writes', () => {
    expect(readIsendproAck(renderAckBody(2, undefined))).toEqual({
      kind: 'ack',
      code: 2,
      message: 'emailId non renseigne',
      documented: true,
      processed: false,
    })
  })

  it('reads both Not forms, and a general error', () => {
    const many = renderNotBody(
      [
        { code: 0, tel: '0601020304' },
        { code: 11, tel: '0600000011' },
      ],
      '1548',
    )
    expect(readIsendproNot({ text: many })).toEqual({
      kind: 'not',
      emailId: '1548',
      entries: [
        {
          code: 0,
          tel: '0601020304',
          message: 'Votre message a bien été envoyé',
          documented: true,
          sent: true,
        },
        {
          code: 11,
          tel: '0600000011',
          message: 'Le numéro de téléphone est dans la liste noire',
          documented: true,
          sent: false,
        },
      ],
      sent: 1,
    })
    const general = readIsendproNot(renderNotBody([{ code: 24, tel: '' }], '9'))
    expect(general?.general).toMatchObject({ code: 24, tel: '' })
  })

  it('decodes references, and tells which reply a mail is', () => {
    const not = renderNotBody([{ code: 7, tel: '06€' }], 'id')
    expect(readIsendproNot(not)?.entries[0]?.tel).toBe('06€')
    expect(readIsendproReply(not)?.kind).toBe('not')
    expect(readIsendproReply(renderAckBody(0, '1'))?.kind).toBe('ack')
    expect(readIsendproReply('Bonjour')).toBeUndefined()
  })
})
