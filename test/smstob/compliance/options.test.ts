/**
 * The account options of "Modifier les options" and what the network does with the SMS: the
 * format (normal, flash, normal + flash), the lifetime, the low-credit alert, and the error
 * mail when an SMS cannot be put on the phone. The phones' behaviours come from the magic
 * numbers `06 00 00 00 NN` (simulators/core/numbers.ts).
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §7 "Choix du Format des SMS", "Choix de la durée
 * de vie du SMS", "Alerte sur seuil"; §4 "Vous recevez un message d'erreur par e-mail si
 * l'opérateur n'a pu déposer le message sur le portable du destinataire."
 */
import { describe, expect, it } from 'vitest'
import { ECOLE, HOUR, IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

/** SIM memory full: a normal SMS fails, a flash SMS is shown. */
const MEMORY_FULL = '0600000016'
/** Phone off for 6 hours. */
const OFF_SIX_HOURS = '0600000014'
/** Number assigned to no subscriber. */
const UNASSIGNED = '0600000010'

describe.each(IMPLEMENTATIONS)('account options through $name', ({ kind }) => {
  const smstob = useSmstob(kind)
  const setOptions = (options: Record<string, unknown>) =>
    smstob.patchAccount(ECOLE.email, { options })

  describe('format', () => {
    it('sends a flash SMS, shown and not stored, with the format flash', async () => {
      await setOptions({ format: 'flash' })
      expect((await smstob.get(SEND)).body).toBe('80')
      expect((await smstob.messages())[0]).toMatchObject({ class: 'flash', status: 'delivered' })
    })

    it('sends a normal SMS by default', async () => {
      await smstob.get(SEND)
      expect((await smstob.messages())[0]).toMatchObject({ class: 'normal', status: 'delivered' })
    })

    it('sends the message again as flash when the normal SMS fails, charged once and with no error mail', async () => {
      await setOptions({ format: 'normal+flash' })
      expect((await smstob.get({ ...SEND, numero: MEMORY_FULL })).body).toBe('80')
      const [normal, flash] = await smstob.messages()
      expect(normal).toMatchObject({
        to: '+33600000016',
        class: 'normal',
        status: 'failed',
        reason: 'memory-full',
      })
      expect(flash).toMatchObject({
        to: '+33600000016',
        text: 'Bonjour',
        class: 'flash',
        status: 'delivered',
        meta: { retryOf: normal!.id },
      })
      expect((await smstob.account()).credits).toBe(9)
      expect(await smstob.mails()).toEqual([])
    })

    it('mails an error for a full SIM when the format is normal', async () => {
      await smstob.get({ ...SEND, numero: MEMORY_FULL })
      expect(await smstob.messages()).toEqual([
        expect.objectContaining({ class: 'normal', status: 'failed', reason: 'memory-full' }),
      ])
      const [mail] = await smstob.mails(ECOLE.email)
      expect(mail?.text).toContain('Raison : la mémoire du téléphone est pleine.')
    })
  })

  describe('lifetime', () => {
    it('lets an SMS to a phone off longer than its 1 h lifetime expire, and mails the error after the hour', async () => {
      await setOptions({ lifetimeHours: 1 })
      expect((await smstob.get({ ...SEND, numero: OFF_SIX_HOURS })).body).toBe('80')
      expect((await smstob.messages())[0]).toMatchObject({ status: 'buffered', validityMs: HOUR })

      await smstob.advance(HOUR - 1)
      expect((await smstob.messages())[0]).toMatchObject({ status: 'buffered' })
      expect(await smstob.mails()).toEqual([])

      await smstob.advance(1)
      expect((await smstob.messages())[0]).toMatchObject({
        status: 'expired',
        reason: 'absent',
        failedAt: '2026-01-05T09:00:00.000Z',
      })
      const mails = await smstob.mails(ECOLE.email)
      expect(mails).toHaveLength(1)
      expect(mails[0]).toMatchObject({
        provider: 'smstob',
        from: 'noreply@smstob.com',
        to: ECOLE.email,
        subject: 'SMStoB : message non remis au 0600000014',
        date: '2026-01-05T09:00:00.000Z',
      })
      expect(mails[0]!.text).toMatchInlineSnapshot(`
        "Votre message envoyé le 05/01/2026 à 09:00 au 0600000014 n'a pas pu être déposé sur le portable du destinataire.
        Raison : le téléphone est resté éteint ou hors couverture pendant toute la durée de vie du SMS.

        Message : Bonjour"
      `)
    })

    it('delivers the SMS when the phone comes back after 6 h, within a 72 h lifetime', async () => {
      await setOptions({ lifetimeHours: 72 })
      await smstob.get({ ...SEND, numero: OFF_SIX_HOURS })
      await smstob.advance(6 * HOUR - 1)
      expect((await smstob.messages())[0]).toMatchObject({ status: 'buffered' })
      await smstob.advance(1)
      expect((await smstob.messages())[0]).toMatchObject({
        status: 'delivered',
        deliveredAt: '2026-01-05T14:00:00.000Z',
      })
      expect(await smstob.mails()).toEqual([])
    })
  })

  describe('low-credit alert', () => {
    const ALERT_NUMBER = '0611223344'

    it('sends an SMS to the alert number when a send takes the credits to the threshold, and debits it', async () => {
      await smstob.patchAccount(ECOLE.email, {
        credits: 12,
        options: { lowCreditAlert: { threshold: 10, number: ALERT_NUMBER } },
      })
      await smstob.get({ ...SEND, message: 'Premier' })
      expect(await smstob.messages({ to: ALERT_NUMBER })).toEqual([])
      expect((await smstob.account()).credits).toBe(11)

      await smstob.get({ ...SEND, message: 'Deuxième' })
      expect(await smstob.messages({ to: ALERT_NUMBER })).toEqual([
        expect.objectContaining({
          from: 'SMStoB',
          to: '+33611223344',
          text: "SMStoB : le crédit du compte ecole@example.fr est descendu à 9 SMS (seuil d'alerte : 10).",
          status: 'delivered',
          meta: { alert: true },
        }),
      ])
      expect((await smstob.account()).credits).toBe(9)
    })

    it('sends the alert once, not again for each send below the threshold', async () => {
      await smstob.patchAccount(ECOLE.email, {
        credits: 11,
        options: { lowCreditAlert: { threshold: 10, number: ALERT_NUMBER } },
      })
      await smstob.get({ ...SEND, message: 'Premier' })
      await smstob.get({ ...SEND, message: 'Deuxième' })
      expect(await smstob.messages({ to: ALERT_NUMBER })).toHaveLength(1)
      expect((await smstob.account()).credits).toBe(8)
    })

    it('skips an alert of two parts that the last credit cannot pay, and still sends the SMS', async () => {
      // A long account e-mail makes the alert's text longer than one part.
      const email = `${'secretariat.ecole-de-ski.'.repeat(4)}val-thorens@example.fr`
      await smstob.createAccount({
        id: email,
        secret: 'pw',
        credits: 2,
        options: { lowCreditAlert: { threshold: 1, number: ALERT_NUMBER } },
      })
      expect((await smstob.get({ ...SEND, email, pass: 'pw' })).body).toBe('80')
      expect(await smstob.messages({ to: ALERT_NUMBER })).toEqual([])
      expect((await smstob.account(email)).credits).toBe(1)
    })

    it('pays for an alert of two parts and says what is left once it is paid', async () => {
      const email = `${'secretariat.ecole-de-ski.'.repeat(4)}val-thorens@example.fr`
      await smstob.createAccount({
        id: email,
        secret: 'pw',
        credits: 4,
        options: { lowCreditAlert: { threshold: 3, number: ALERT_NUMBER } },
      })
      expect((await smstob.get({ ...SEND, email, pass: 'pw' })).body).toBe('80')
      const [alert] = await smstob.messages({ to: ALERT_NUMBER })
      expect(alert).toMatchObject({ segments: 2 })
      expect(alert!.text).toContain('est descendu à 1 SMS')
      expect((await smstob.account(email)).credits).toBe(1)
    })
  })

  describe('non-delivery mail', () => {
    it('mails the account’s e-mail when the number is assigned to no one', async () => {
      expect((await smstob.get({ ...SEND, numero: UNASSIGNED })).body).toBe('80')
      expect((await smstob.messages())[0]).toMatchObject({ status: 'failed', reason: 'unassigned' })
      const mails = await smstob.mails(ECOLE.email)
      expect(mails).toEqual([
        expect.objectContaining({
          from: 'noreply@smstob.com',
          to: ECOLE.email,
          subject: 'SMStoB : message non remis au 0600000010',
        }),
      ])
      expect(mails[0]!.text).toMatchInlineSnapshot(`
        "Votre message envoyé le 05/01/2026 à 09:00 au 0600000010 n'a pas pu être déposé sur le portable du destinataire.
        Raison : le numéro n'est pas attribué.

        Message : Bonjour"
      `)
    })

    it('mails nothing for an SMS delivered', async () => {
      await smstob.get(SEND)
      expect(await smstob.mails()).toEqual([])
    })
  })
})

describe('account options through the control API', () => {
  const smstob = useSmstob('standalone')

  it.each([0, 73])(
    'refuses a lifetime of %s hours, outside 1 h – 3 days',
    async (lifetimeHours) => {
      const response = await fetch(`${smstob.origin}/_smsim/accounts/smstob/${ECOLE.email}`, {
        method: 'PATCH',
        body: JSON.stringify({ options: { lifetimeHours } }),
        headers: { 'content-type': 'application/json' },
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchInlineSnapshot(`
      {
        "error": "lifetimeHours must be between 1 and 72",
      }
    `)
    },
  )
})
