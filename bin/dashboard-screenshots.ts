/**
 * The README's pictures of the dashboard: each view at 1280×800 and the phones at 390×844, in
 * docs/screenshots/, taken in Debian's Chromium (never a downloaded browser) from a smsim with a
 * frozen clock and a morning of a ski school's traffic, so that two runs give the same pictures (but for the try-it mail's Message-ID).
 * Run by hand after changing the dashboard, then look at them:
 *
 *   npx tsx bin/dashboard-screenshots.ts
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { packageRoot } from '../simulators/core/package-root.ts'
import { startTestSmsim, type TestSmsim } from '../simulators/testing.ts'

const OUT = join(packageRoot(import.meta.url), 'docs', 'screenshots')
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--hide-scrollbars',
  '--font-render-hinting=none',
]

/** Tuesday 10 March 2026, 08:30 in Paris. */
const MORNING = '2026-03-10T08:30:00+01:00'

async function traffic(smsim: TestSmsim): Promise<void> {
  const smstob = (query: string) =>
    fetch(`${smsim.url}/smstob/http.php?email=demo@smstob.test&pass=demo&${query}`)
  const say = (text: string) => encodeURIComponent(text)
  await smstob(`numero=0600000013&message=${say('Cours annulé ce matin : vent fort au sommet.')}`)
  await smstob(`numero=0600000010&message=${say('Rappel : forfait à retirer avant 9 h.')}`)
  await smstob(
    `numero=0660919011&message=${say('Votre cours de demain commence à 10 h.')}&diff=180010032026`,
  )
  await smstob(
    `numero=0660919010&message=${say('Bonjour Jean,\nle cours de ski de demain est maintenu.\nRendez-vous à 9 h au Front de neige.')}`,
  )
  await smstob(`numero=0660919010&message=x&pass=wrong`)
  await fetch(`${smsim.url}/aspsms/json/SendTextSMS`, {
    method: 'POST',
    body: JSON.stringify({
      UserName: 'DEMOASPSMS',
      Password: 'demo',
      Originator: 'ESF Verbier',
      Recipients: ['+41791234567'],
      MessageText: 'Grüezi! Lawinengefahr Stufe 3 ⚠️ — der Kurs beginnt um 14 Uhr.',
      FlashingSMS: 'True',
    }),
  })
  await smsim.sendMail({
    from: 'demo@smstob.test',
    to: 'sms.demo@smstob.com',
    messageId: '<inscription-1@esf.example>',
    subject: '0660919010',
    text: 'Le cours est complet : merci de votre inscription !',
  })
  await smsim.sendMail({
    from: 'secretariat@esf.example',
    to: 'mail2sms@allmysms.com',
    messageId: '<flocon-1@esf.example>',
    subject: 'arthur45@de135f8d2a091e4|0660919012|from=ESF',
    text: 'Bonjour, votre enfant a obtenu son Flocon ! La remise des médailles aura lieu vendredi à 17 h devant le chalet de l’ESF. Venez nombreux, un goûter sera offert aux enfants.',
  })
  await smsim.sendMail({
    from: 'app@masociete.com',
    to: 'sendsms@isendpro-api.com',
    messageId: '<location-1@masociete.com>',
    subject: 'envoi',
    text: '<envoi><keyid>a296464ce012b8ab710a</keyid><num>0660919013</num><sms>Votre location de skis est prête.</sms><emailId>20260310083000</emailId><emailAck>ack@masociete.com</emailAck><emailNot>not@masociete.com</emailNot></envoi>',
  })
  await smsim.control.put('/numbers/0660919099', { status: 'absent', backAfterMs: 7_200_000 })
  await smsim.control.put('/faults/aspsms', { latencyMs: 800 })
}

/** Opens a view and waits until it shows `ready` and the live feed is on. */
async function view(page: Page, url: string, hash: string, ready: string): Promise<void> {
  await page.goto(`${url}/${hash}`)
  await page.waitForSelector('#live[data-mode="events"], #live[data-mode="polling"]')
  await page.locator(ready).first().waitFor()
  await page.waitForTimeout(300)
}

const smsim = await startTestSmsim({ demo: true, clock: { now: MORNING, frozen: true } })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS })
try {
  await traffic(smsim)
  mkdirSync(OUT, { recursive: true })
  const page = await browser.newPage({ viewport: DESKTOP })
  const shot = async (name: string) => {
    await page.mouse.move(0, 799) // no hover on what was just clicked
    await page.screenshot({ path: join(OUT, `${name}.png`) })
  }
  await view(page, smsim.url, '#/phones?to=%2B33660919010', '.sms')
  await shot('phones')
  await view(page, smsim.url, '#/outbox', '.detail h3')
  await shot('outbox')
  await view(page, smsim.url, '#/accounts', 'tbody tr[data-key]')
  await page.getByRole('button', { name: 'Ledger of SMStoB demo@smstob.test' }).click()
  await page.locator('.ledger-table').waitFor()
  await shot('accounts')
  await view(page, smsim.url, '#/journal', 'tbody tr[data-seq]')
  await page.locator('tbody tr[data-seq] button').nth(4).click()
  await page.locator('.request-fields').waitFor()
  await shot('journal')
  await view(page, smsim.url, '#/controls', '.fault-state:not(:text("…"))')
  await shot('controls')
  await view(page, smsim.url, '#/try', '.try-form')
  await page.getByRole('button', { name: 'Send through http.php' }).click()
  await page.locator('.code-line').waitFor()
  await page.getByRole('button', { name: 'Send through the SMTP gateway' }).click()
  await page.locator('.smtp-reply').waitFor()
  await shot('try-it')
  await page.setViewportSize(PHONE)
  await view(page, smsim.url, '#/phones?to=%2B41791234567', '.sms')
  await shot('phones-390')
  console.log(`screenshots in ${OUT}`)
} finally {
  await browser.close()
  await smsim.close()
}
