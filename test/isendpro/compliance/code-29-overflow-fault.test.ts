/**
 * Code 29, "Nous ne pouvons donner suite à votre demande (overflow)": a failure on iSendPro's
 * side, injected with `PUT /_smsim/faults/isendpro {"refuse":{"code":29}}`. The mail is acked,
 * nothing is sent, and its emailId is not remembered: the same mail may be sent again.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — IV (29)
 */
import { describe, expect, it } from 'vitest'
import { useIsendpro } from '../helpers.ts'

describe('code 29 over SMTP', () => {
  const isendpro = useIsendpro()

  it('notifies 29 for the next mail, then sends the same mail again normally', async () => {
    await isendpro.control.setFaults({ refuse: { code: 29, times: 1 } })
    const first = await isendpro.sendAndRead({ emailId: '29' })
    expect(first.ack.code).toBe(0)
    expect(first.not?.general).toMatchObject({
      code: 29,
      message: 'Nous ne pouvons donner suite à votre demande (overflow)',
    })
    expect(await isendpro.control.messages()).toEqual([])
    const journal = await isendpro.control.journal()
    expect(journal[0]).toMatchObject({ code: 29, note: 'refused with code 29 (fault)' })

    await isendpro.send({ emailId: '29' })
    expect((await isendpro.control.messages()).length).toBe(1)
  })

  it('refuses a fault code iSendPro does not have', async () => {
    await expect(isendpro.control.setFaults({ refuse: { code: 24, times: 1 } })).rejects.toThrow(
      /refuse\.code must be one of 29, 999/,
    )
  })
})
