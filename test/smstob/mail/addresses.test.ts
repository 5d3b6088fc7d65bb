/**
 * SMStoB's three addresses at the SMTP gateway: which are taken, how their case is read, and
 * what the gateway refuses; the reference mail client and the demo account's banner lines.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §2 "Nous proposons 3 syntaxes au choix"
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { maskSecret } from '../../../simulators/core/secrets.ts'
import { smstobMailUsage } from '../../../simulators/smstob/mail.ts'
import { ECOLE, MOBILE, SEND_BY_MAIL, useSmstobMail } from './helpers.ts'

const run = promisify(execFile)

describe('SMStoB by mail: the addresses', () => {
  const smstob = useSmstobMail({
    accounts: [
      { id: ECOLE.email, secret: ECOLE.pass, credits: 10 },
      // An account whose password is the keyword itself.
      { id: 'club@example.fr', secret: 'sms', credits: 10 },
    ],
  })

  it('refuses any other address at smstob.com with a 550 that names the three forms', async () => {
    const refused = await smstob
      .sendMail({ from: ECOLE.email, to: 'contact@smstob.com', text: 'Bonjour' })
      .catch((error: { responseCode?: number; response?: string }) => error)
    expect(refused).toMatchObject({ responseCode: 550 })
    const response = (refused as { response: string }).response
    for (const form of ['password.numero@smstob.com', 'sms.password@smstob.com', 'sms@smstob.com'])
      expect(response).toContain(form)
  })

  it('takes the domain and the keyword in any case', async () => {
    for (const to of [`${ECOLE.pass}.${MOBILE}@SMStoB.COM`, `SMS.${ECOLE.pass}@Smstob.com`]) {
      await smstob.sendMail({
        from: ECOLE.email,
        to,
        subject: to.startsWith('SMS') ? '0660545465' : '',
        text: 'Bonjour',
      })
    }
    expect((await smstob.journal()).map((e) => e.code)).toEqual([80, 80])
  })

  it('compares the password in the address exactly, as http.php does', async () => {
    await smstob.sendMail({ from: ECOLE.email, to: `xv65ju.${MOBILE}@smstob.com`, text: 'Bonjour' })
    expect((await smstob.journal())[0]?.code).toBe(82)
  })

  it('reads sms.<number>@ as syntax 2, so an account whose password is "sms" sends with syntax 3', async () => {
    await smstob.sendMail({
      from: 'club@example.fr',
      to: `sms.${MOBILE}@smstob.com`,
      subject: MOBILE,
      text: 'Bonjour',
    })
    expect((await smstob.journal())[0]).toMatchObject({
      code: 82,
      // What the provider read as the password is masked, right or wrong (core/secrets.ts).
      request: { syntax: 2, pass: maskSecret(MOBILE) },
    })
    expect(
      await smstob.code({ syntax: 3, ...SEND_BY_MAIL, from: 'club@example.fr', pass: 'sms' }),
    ).toBe(80)
  })

  it('decides each SMStoB recipient of one mail on its own, with a reply each', async () => {
    await smstob.sendMail({
      from: ECOLE.email,
      to: [`${ECOLE.pass}.${MOBILE}@smstob.com`, `${ECOLE.pass}.0660545465@smstob.com`],
      text: 'Bonjour',
    })
    expect((await smstob.journal()).map((e) => e.code)).toEqual([80, 80])
    expect(await smstob.mails(ECOLE.email)).toHaveLength(2)
    expect(await smstob.messages()).toHaveLength(2)
  })

  it('journals the syntax and the fields read from the mail, the password masked', async () => {
    await smstob.send({ syntax: 3, ...SEND_BY_MAIL, diff: '123015092026' })
    expect((await smstob.journal())[0]).toMatchObject({
      transport: 'smtp',
      account: ECOLE.email,
      code: 81,
      request: {
        to: 'sms@smstob.com',
        syntax: 3,
        pass: maskSecret(ECOLE.pass),
        numero: MOBILE,
        diff: '123015092026',
        message: 'Bonjour',
      },
    })
  })

  it('sends the demo account’s curl line of the banner as printed, and it is confirmed', async () => {
    await smstob.createAccount({ id: 'demo@smstob.test', secret: 'demo', credits: 10 })
    const line = smstobMailUsage(smstob.smsim.url, smstob.smsim.smtp).find((l) =>
      l.includes('curl -sS smtp'),
    )!
    await run('bash', ['-c', line.trim()])
    const [reply] = await smstob.mails('demo@smstob.test')
    expect(reply?.subject).toBe("SMStoB : confirmation d'envoi (80)")
    expect(await smstob.messages()).toEqual([
      expect.objectContaining({ to: '+33660901010', text: 'Bonjour par curl' }),
    ])
  })
})
