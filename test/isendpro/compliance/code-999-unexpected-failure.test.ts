/**
 * Code 999, "Une erreur est survenue. Merci de contacter le service technique": any failure on
 * the service's side — injected with `PUT /_smsim/faults/isendpro {"refuse":{"code":999}}`, or a
 * decision that throws (caught by the endpoint, unit-tested in simulators/isendpro/mail.test.ts)
 * — and, per recipient, a recipient for whom the mail gives no text (the annex has no code for
 * it: ours).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — IV (999)
 */
import { describe, expect, it } from 'vitest'
import { readIsendproNot } from '../../../client/isendpro/replies.ts'
import { ACK, KEYID, NOT, useIsendpro } from '../helpers.ts'

describe('code 999 over SMTP', () => {
  const isendpro = useIsendpro()

  it('acks and notifies 999 while the fault lasts, sending nothing', async () => {
    await isendpro.control.setFaults({ refuse: { code: 999, times: 'always' } })
    for (const emailId of ['9991', '9992']) {
      const { ack, not } = await isendpro.sendAndRead({ emailId })
      expect(ack.code).toBe(0)
      expect(not?.general).toEqual({
        code: 999,
        tel: '',
        message: 'Une erreur est survenue. Merci de contacter le service technique',
        documented: true,
        sent: false,
      })
    }
    await isendpro.control.clearFaults()
    await isendpro.send({ emailId: '9991' })
    const last = readIsendproNot((await isendpro.mails(NOT)).at(-1)!)
    expect(last).toMatchObject({ emailId: '9991', entries: [{ code: 0 }] })
  })

  it('notifies 999 to a recipient with no text: no sms and no smsX of its own', async () => {
    await isendpro.sendText(
      `<envoi><keyid>${KEYID}</keyid><num1>0601020301</num1><num2>0601020302</num2><sms1>Salut</sms1><emailAck>${ACK}</emailAck><emailNot>${NOT}</emailNot><emailId>9993</emailId></envoi>`,
    )
    expect((await isendpro.not('9993')).entries.map((e) => [e.code, e.tel])).toEqual([
      [0, '0601020301'],
      [999, '0601020302'],
    ])
  })
})
