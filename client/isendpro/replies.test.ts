import { describe, expect, it } from 'vitest'
import { renderAckBody, renderNotBody } from '../../simulators/isendpro/reply.ts'
import { isendproCodeOf, readIsendproAck, readIsendproNot, readIsendproReply } from './replies.ts'

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

  it('types a code of the annex', () => {
    expect(isendproCodeOf(24)).toBe(24)
    expect(isendproCodeOf(25)).toBeUndefined()
  })
})
