/**
 * Code 1, "Le champ Login est vide": an `<envoi>` without `<keyid>`, the mail interface's login
 * (our reading; the annex comes from the HTTP API, where the login is a field of its own).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III "<keyid>[CLE_IDENTIFICATION]</keyid>", IV (1)
 */
import { describe, expect, it } from 'vitest'
import { ACK, NOT, useIsendpro } from '../helpers.ts'

describe('code 1 over SMTP', () => {
  const isendpro = useIsendpro()

  it('acks the mail and notifies 1 for the whole mail, sending nothing', async () => {
    await isendpro.sendText(
      `<envoi>\n<num>0601020304</num>\n<sms>Bonjour</sms>\n<emailAck>${ACK}</emailAck>\n<emailNot>${NOT}</emailNot>\n<emailId>71</emailId>\n</envoi>\n`,
    )
    expect((await isendpro.ack('71')).code).toBe(0)
    expect((await isendpro.not('71')).general).toEqual({
      code: 1,
      tel: '',
      message: 'Le champ Login est vide',
      documented: true,
      sent: false,
    })
    expect(await isendpro.control.messages()).toEqual([])
    expect((await isendpro.control.journal())[0]).toMatchObject({ code: 1 })
  })
})
