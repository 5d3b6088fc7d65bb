/**
 * SMStoB's mail side around the decision: the three endpoints and their addresses, the reply
 * mails (confirmations and errors), and a mail through the whole simulator.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Envoi d'un SMS par e-mail"
 */
import { describe, expect, it } from 'vitest'
import { Clock } from '../core/clock.ts'
import type { Mail } from '../core/model.ts'
import { maskSecret } from '../core/secrets.ts'
import { Simulator } from '../server/simulator.ts'
import { SMSTOB_NOTICE_FROM, smstob } from './index.ts'
import { SMSTOB_MAIL } from './mail.ts'
import { SMSTOB_MAIL_ADDRESSES, SMSTOB_REPLY_FROM } from './wire.ts'
import {
  FROM,
  inbound,
  MOBILE,
  NOW,
  PASS,
  send,
  setup,
  SYNTAX_1,
  SYNTAX_3,
} from './mail-testing.ts'

describe('the mail endpoints', () => {
  it('accepts each syntax’s addresses at the endpoint of that syntax only', () => {
    const accepting = (address: string) =>
      SMSTOB_MAIL.filter((e) => e.accepts(address)).map((e) => e.name)
    expect(accepting(SYNTAX_1)).toEqual(['mail syntaxe 1'])
    expect(accepting('SMS.xv65ju@SMSTOB.com')).toEqual(['mail syntaxe 2'])
    expect(accepting('sms.0660919010@smstob.com')).toEqual(['mail syntaxe 2'])
    expect(accepting('Sms@SmsToB.com')).toEqual(['mail syntaxe 3'])
    expect(accepting('contact@smstob.com')).toEqual([])
    expect(accepting('sms@allmysms.com')).toEqual([])
  })

  it('shows the three address forms in the gateway’s refusal', () => {
    expect(SMSTOB_MAIL.flatMap((e) => e.addresses)).toEqual([
      'password.numero@smstob.com',
      'sms.password@smstob.com',
      'sms@smstob.com',
    ])
    expect(Object.values(SMSTOB_MAIL_ADDRESSES)).toHaveLength(3)
  })

  it('is registered on the SMStoB provider', () => {
    expect(smstob.mail).toBe(SMSTOB_MAIL)
  })

  it('replies from the address SMStoB’s non-delivery notices come from', () => {
    expect(SMSTOB_REPLY_FROM).toBe(SMSTOB_NOTICE_FROM)
  })
})

describe('the reply mails', () => {
  const text = (mail: Mail | undefined) => mail?.text

  it('confirms a send with the code, the number, the credits and the message', () => {
    const result = send(setup(), inbound(SYNTAX_1, '', 'Bonjour\n\n-- \nJean'))
    expect(result.mails[0]).toMatchObject({
      account: FROM,
      headers: {
        'Auto-Submitted': 'auto-replied',
        'In-Reply-To': '<1@ecole.example.fr>',
        References: '<1@ecole.example.fr>',
      },
    })
    expect(text(result.mails[0])).toMatchInlineSnapshot(`
      "80 : Le message a été envoyé

      Destinataire : 0660919010
      Envoi immédiat
      SMS débités : 1
      Crédit restant : 9 SMS

      Message :
      Bonjour

      Votre e-mail à XV65JU.0660919010@smstob.com (syntaxe 1), objet «  », reçu le 05/01/2026 à 09:00."
    `)
  })

  it('confirms a deferred group send with the contacts skipped as duplicates', () => {
    const groups = {
      resto: [
        { number: MOBILE, v1: 'Jean' },
        { number: '0660545465', v1: 'Jérôme' },
      ],
    }
    const store = setup({ groups })
    send(store, inbound(SYNTAX_1, '', 'Bonjour Jean'))
    const result = send(store, inbound(SYNTAX_3, `${PASS}:resto 123006012026`, 'Bonjour [v1]'))
    expect(result.mails[0]?.subject).toBe("SMStoB : confirmation d'envoi en différé (81)")
    expect(text(result.mails[0])).toMatchInlineSnapshot(`
      "81 : Le message est enregistré pour un envoi en différé

      Groupe : resto (1 destinataire)
      Non envoyé à 1 contact : le message lui a déjà été envoyé dans les 24 dernières heures.
      Envoi prévu le 06/01/2026 à 12:30 (heure de Paris)
      SMS débités : 1
      Crédit restant : 8 SMS

      Message :
      Bonjour [v1]

      Votre e-mail à sms@smstob.com (syntaxe 3), objet « XV65JU:resto 123006012026 », reçu le 05/01/2026 à 09:00."
    `)
  })

  it('tells the sender of an error that nothing was sent or charged', () => {
    const result = send(setup(), inbound(SYNTAX_3, `${PASS}:0145454545`))
    expect(result.mails[0]).toMatchObject({ to: FROM, account: FROM })
    expect(text(result.mails[0])).toMatchInlineSnapshot(`
      "84 : le numéro de gsm n'est pas valide

      Aucun SMS n'a été envoyé et rien n'a été débité.

      Votre e-mail à sms@smstob.com (syntaxe 3), objet « XV65JU:0145454545 », reçu le 05/01/2026 à 09:00."
    `)
  })

  it('does not answer a mail from its own reply address', () => {
    const result = send(setup(), inbound(SYNTAX_1, '', 'x', { from: SMSTOB_REPLY_FROM }))
    expect(result.journal.code).toBe(82)
    expect(result.effects).toEqual([])
  })
})

describe('through the simulator', () => {
  function simulator() {
    const sim = new Simulator({
      clock: new Clock({ now: NOW.toISOString(), frozen: true }),
      demo: false,
    })
    sim.store.createAccount(
      { provider: 'smstob', id: FROM, secret: PASS, credits: 10 },
      sim.clock.now(),
    )
    return sim
  }

  it('mails the sender, who is the account’s registered address, when the SMS is not delivered', () => {
    const sim = simulator()
    // 06 00 00 00 10: a magic number that is not assigned (simulators/core/numbers.ts).
    sim.handleMail(inbound('XV65JU.0600000010@smstob.com'))
    expect(sim.store.mails().map((m) => [m.to, m.subject])).toEqual([
      ['ecole@example.fr', "SMStoB : confirmation d'envoi (80)"],
      ['ecole@example.fr', 'SMStoB : message non remis au 0600000010'],
    ])
  })

  it('releases a deferred mail send when the clock passes its time', () => {
    const sim = simulator()
    sim.handleMail(inbound(SYNTAX_1, '093005012026'))
    expect(sim.store.messages()[0]?.status).toBe('scheduled')
    sim.clock.advance(30 * 60_000)
    expect(sim.store.messages()[0]?.status).toBe('delivered')
  })

  it('journals the syntax and the fields read from the mail, the password masked', () => {
    const sim = simulator()
    sim.handleMail(inbound(SYNTAX_3, `${PASS}:${MOBILE} 123015092026`))
    expect(sim.store.journal({ provider: 'smstob' })).toEqual([
      expect.objectContaining({
        transport: 'smtp',
        account: FROM,
        code: 81,
        request: {
          to: SYNTAX_3,
          from: FROM,
          subject: `${maskSecret(PASS)}:${MOBILE} 123015092026`,
          syntax: 3,
          pass: maskSecret(PASS),
          numero: MOBILE,
          diff: '123015092026',
          message: 'Bonjour',
        },
      }),
    ])
  })
})
