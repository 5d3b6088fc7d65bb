/**
 * `smsim certify`: the Syndicat certifies a ski school's ASPSMS setup (school name, school
 * code, UserKey, Password, test phone, originator) against smsim — every check, the school's
 * account made in the simulator — or live, the free checks only; one certificate per school,
 * a summary per batch, an exit status that says whether every school may switch its alerts on.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderCertificate } from '../../conformance/certify/certificate.ts'
import { certifyCommand, type CertifyConsole } from '../../conformance/certify/cli.ts'
import { certifyOptionsMarkdown } from '../../conformance/certify/cli-options.ts'
import { certifySchool, type CertifyOptions } from '../../conformance/certify/run.ts'
import { validateSchool, type School } from '../../conformance/certify/school.ts'
import { embeddedTarget, urlTarget, type Target } from '../../conformance/target.ts'
import { startTestSmsim, type TestSmsim } from '../../simulators/testing.ts'

/** 6 January 2026, 10:00 in Paris: the date the certificates carry. */
const RUN_DATE = Date.UTC(2026, 0, 6, 9, 0)
const wallClock = () => RUN_DATE

type SchoolFields = 'name' | 'code' | 'userKey' | 'password' | 'phone' | 'originator'

function school(overrides: Partial<Record<SchoolFields, string>> = {}): School {
  const checked = validateSchool({
    name: 'ESF Tignes',
    code: '73001',
    userKey: 'ESFTIGNES73001',
    password: 'neige-2026',
    phone: '06 12 34 56 78',
    originator: 'ESF TIGNES',
    ...overrides,
  })
  if (!checked.ok) throw new Error(checked.bad.reasons.join('; '))
  return checked.school
}

/** A console that keeps what the command printed. */
function recordingConsole(): CertifyConsole & { text: () => string } {
  const lines: string[] = []
  return {
    out: (t) => void lines.push(t),
    err: (t) => void lines.push(t),
    color: false,
    text: () => lines.join(''),
  }
}

let target: Target
let dir: string
beforeAll(async () => {
  target = await embeddedTarget()
  dir = await mkdtemp(join(tmpdir(), 'smsim-certify-'))
})
afterAll(async () => {
  await target.close()
  await rm(dir, { recursive: true, force: true })
})

const simulator = (): CertifyOptions => ({
  mode: { kind: 'simulator', target },
  transport: 'soap',
  credits: 1000,
  minCredits: 100,
  wallClock,
})

describe('certifying one school against smsim', () => {
  it('certifies a school whose credentials, credit, originator and test phone are in order', async () => {
    const certificate = await certifySchool(school(), simulator())
    expect(certificate.verdict).toBe('CERTIFIED')
    expect(certificate.checks.map((c) => [c.id, c.verdict])).toEqual([
      ['credentials-accepted', 'passed'],
      ['enough-credit', 'passed'],
      ['originator-valid', 'passed'],
      ['test-sms-delivered', 'passed'],
      ['wrong-password-refused', 'passed'],
      ['no-credit-refused', 'passed'],
      ['blocked-number-not-delivered', 'passed'],
      ['unassigned-number-not-delivered', 'passed'],
    ])
    const observed = Object.fromEntries(certificate.checks.map((c) => [c.id, c.observed]))
    expect(observed['test-sms-delivered']).toBe(
      'Envoi au +33612345678 accepté ; accusé de réception : distribué (statut 0).',
    )
    expect(observed['wrong-password-refused']).toContain('statut 3 « Authorization failed. »')
    expect(observed['no-credit-refused']).toContain('statut 5 « Not enough credits available.')
    expect(observed['blocked-number-not-delivered']).toContain(
      'non distribué (statut 2, raison 103 « Call barred »)',
    )
    // The test phone got the SMS, under the school's originator.
    const phone = await target.control!.get<{ from?: string; text: string }[]>(
      '/messages?provider=aspsms&account=ESFTIGNES73001&to=%2B33612345678',
    )
    expect(phone.map((m) => m.from)).toEqual(['ESF TIGNES'])
    expect(phone[0]!.text).toContain('test de certification de ESF Tignes (73001)')
    // The school's account lived only for the certification.
    await expect(target.control!.get('/accounts/aspsms/ESFTIGNES73001')).rejects.toThrow(/404/)
  })

  it('does not certify a school below the minimum balance, and says how many credits it has', async () => {
    const certificate = await certifySchool(school({ code: '73002', userKey: 'LOWCREDIT' }), {
      ...simulator(),
      credits: 40,
    })
    expect(certificate.verdict).toBe('NOT CERTIFIED')
    const credit = certificate.checks.find((c) => c.id === 'enough-credit')!
    expect(credit.verdict).toBe('failed')
    expect(credit.observed).toBe('Solde : 40 crédits (minimum demandé : 100).')
    expect(credit.advice).toMatch(/^Le compte n’a que 40 crédits, il en faut au moins 100/)
  })

  it('escapes the school name in the certificate page', async () => {
    const certificate = await certifySchool(
      school({ name: 'ESF <script>alert("x")</script> & Co', code: '73003', userKey: 'ESCAPEKEY' }),
      simulator(),
    )
    const html = renderCertificate(certificate)
    expect(html).not.toContain('<script>')
    expect(html).toContain('ESF &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co')
    expect(html).toContain('6 janvier 2026 à 10:00')
    expect(html).not.toContain('neige-2026')
  })
})

describe('certifying a batch of schools from a CSV', () => {
  it('says in the summary which schools are not certified and why, and exits 1', async () => {
    const csv = join(dir, 'schools.csv')
    await writeFile(
      csv,
      [
        'name;code;userKey;password;phone;originator',
        'ESF Tignes;73001;BATCHTIGNES;neige;06 12 34 56 78;ESF TIGNES',
        'ESF La Clusaz;74002;BATCHCLUSAZ;aravis;04 50 02 40 83;ESFCLUSAZ',
        'ESF Saint-Gervais;74001;BATCHSTG;glacier;06 34 56 78 90;ESF SAINT-GERVAIS',
        '',
      ].join('\n'),
    )
    const out = join(dir, 'batch')
    const io = recordingConsole()
    const status = await certifyCommand({ schools: csv, outputDir: out }, io, wallClock)
    expect(status).toBe(1)
    expect(io.text()).toContain('1 of 3 certified')

    const summary = await readFile(join(out, 'summary.csv'), 'utf8')
    const rows = summary.trim().split('\n')
    expect(rows[0]).toBe('line,code,name,verdict,reasons,certificate')
    expect(rows[1]).toBe('2,73001,ESF Tignes,CERTIFIED,,73001-esf-tignes.html')
    expect(rows[2]).toBe(
      '3,74002,ESF La Clusaz,NOT CERTIFIED,Ligne refusée : le téléphone de test « 04 50 02 40 83 » n’est pas un numéro de mobile,',
    )
    expect(rows[3]).toMatch(
      /^4,74001,ESF Saint-Gervais,NOT CERTIFIED,Expéditeur des alertes : Expéditeur « ESF SAINT-GERVAIS » : ASPSMS a répondu statut 10 « Invalid originator\. A maximum of 11 characters/,
    )
    const html = await readFile(join(out, 'summary.html'), 'utf8')
    expect(html).toContain('1 certifiée(s) sur 3')
    expect(html).toContain('<a href="74001-esf-saint-gervais.html">ESF Saint-Gervais</a>')

    const stGervais = await readFile(join(out, '74001-esf-saint-gervais.html'), 'utf8')
    expect(stGervais).toContain('NOT CERTIFIED')
    expect(stGervais).toContain(
      'L’expéditeur « ESF SAINT-GERVAIS » est refusé : 11 caractères au plus',
    )
    const json = JSON.parse(await readFile(join(out, '73001-esf-tignes.json'), 'utf8')) as {
      verdict: string
      school: { userKey: string }
    }
    expect(json.verdict).toBe('CERTIFIED')
    expect(json.school.userKey).toBe('BATC…')

    // For a CI job: one JUnit suite per school, the refused row a failed case of its own.
    const junit = await readFile(join(out, 'junit.xml'), 'utf8')
    const suites = [...junit.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)]
    expect(suites.map((m) => [m[1], Number(m[3])])).toEqual([
      ['73001-esf-tignes', 0],
      ['74001-esf-saint-gervais', 2],
      ['74002', 1],
    ])
    expect(junit).toContain('n’est pas un numéro de mobile')
  })

  it('exits 0 when every school is certified', async () => {
    const io = recordingConsole()
    const status = await certifyCommand(
      {
        school: 'ESF Val Thorens',
        code: '73004',
        userKey: 'VALTHO',
        password: 'cime-caron',
        phone: '+33 6 98 76 54 32',
        outputDir: join(dir, 'one'),
      },
      io,
      wallClock,
    )
    expect(io.text()).toContain('✓ CERTIFIED     73004 ESF Val Thorens (8/8 checks)')
    expect(status).toBe(0)
  })

  it('exits 2 with one line when the CSV cannot be used', async () => {
    const csv = join(dir, 'no-phone.csv')
    await writeFile(csv, 'name,code,userKey,password\nESF Tignes,73001,K,P\n')
    const io = recordingConsole()
    expect(await certifyCommand({ schools: csv, outputDir: join(dir, 'x') }, io, wallClock)).toBe(2)
    expect(io.text()).toMatchInlineSnapshot(`
      "smsim certify: the header row must name the columns name, code, userKey, password, phone (and optionally originator); missing: phone
      "
    `)
  })
})

describe('certifying against a running smsim that already holds the school account', () => {
  let smsim: TestSmsim
  let shared: Target
  beforeAll(async () => {
    smsim = await startTestSmsim()
    shared = await urlTarget(smsim.url)
    await smsim.control.post('/accounts', {
      provider: 'aspsms',
      id: 'SHAREDTIGNES',
      secret: 'neige-2026',
      credits: 60,
    })
  })
  afterAll(() => smsim.close())

  it('checks the account as the simulator holds it, and leaves it as it was', async () => {
    const certificate = await certifySchool(school({ userKey: 'SHAREDTIGNES' }), {
      ...simulator(),
      mode: { kind: 'simulator', target: shared },
    })
    expect(shared.kind).toBe('smsim')
    expect(certificate.verdict).toBe('NOT CERTIFIED')
    expect(certificate.checks.filter((c) => c.verdict === 'failed').map((c) => c.observed)).toEqual(
      ['Solde : 60 crédits (minimum demandé : 100).'],
    )
    expect(await smsim.control.get('/accounts/aspsms/SHAREDTIGNES')).toMatchObject({ credits: 60 })
  })

  it('does not certify a school whose registered Password is not the account’s', async () => {
    const certificate = await certifySchool(
      school({ userKey: 'SHAREDTIGNES', password: 'ancien-mot-de-passe' }),
      { ...simulator(), mode: { kind: 'simulator', target: shared } },
    )
    expect(certificate.checks[0]).toMatchObject({
      id: 'credentials-accepted',
      verdict: 'failed',
      observed: 'ASPSMS a répondu : statut 3 « Authorization failed. ».',
    })
  })
})

describe('certifying live', () => {
  let aspsms: TestSmsim
  beforeAll(async () => {
    // Another smsim stands for the real ASPSMS: certify must take it as foreign, as it would
    // the real service, whatever it answers on /_smsim.
    aspsms = await startTestSmsim()
    await aspsms.control.post('/accounts', {
      provider: 'aspsms',
      id: 'LIVETIGNES',
      secret: 'neige-2026',
      credits: 250,
    })
  })
  afterAll(() => aspsms.close())
  const live = (): CertifyOptions => ({
    ...simulator(),
    mode: { kind: 'live', url: `${aspsms.url}/aspsms/aspsmsx2.asmx` },
  })

  it('runs only the free checks, and the certificate says which were not done live', async () => {
    const certificate = await certifySchool(school({ userKey: 'LIVETIGNES' }), live())
    expect(certificate.checks.map((c) => [c.id, c.status])).toEqual([
      ['credentials-accepted', 'PASS'],
      ['enough-credit', 'PASS'],
      ['originator-valid', 'PASS'],
      ['test-sms-delivered', 'NOTRUN'],
      ['wrong-password-refused', 'NOTRUN'],
      ['no-credit-refused', 'NOTRUN'],
      ['blocked-number-not-delivered', 'NOTRUN'],
      ['unassigned-number-not-delivered', 'NOTRUN'],
    ])
    expect(certificate.verdict).toBe('CERTIFIED')
    expect(certificate.checks[1]!.observed).toBe('Solde : 250 crédits (minimum demandé : 100).')
    const html = renderCertificate(certificate)
    expect(html).toContain('Non vérifié en direct : SMS de test, Répétition : mot de passe erroné')
    // Nothing was sent, and the real account was left as it was.
    expect(await aspsms.control.get('/messages?provider=aspsms')).toEqual([])
    expect(await aspsms.control.get('/accounts/aspsms/LIVETIGNES')).toMatchObject({ credits: 250 })
  })

  it('does not certify a school whose registered Password is not its account’s, and says what to do', async () => {
    const certificate = await certifySchool(
      school({ userKey: 'LIVETIGNES', password: 'ancien-mot-de-passe' }),
      live(),
    )
    expect(certificate.verdict).toBe('NOT CERTIFIED')
    const credentials = certificate.checks[0]!
    expect(credentials.observed).toBe('ASPSMS a répondu : statut 3 « Authorization failed. ».')
    expect(credentials.advice).toMatch(/^ASPSMS ne reconnaît pas cette clé utilisateur/)
  })
})

describe('smsim certify options', () => {
  it('are documented in docs/certify.md exactly as declared', async () => {
    const docs = await readFile(new URL('../../docs/certify.md', import.meta.url), 'utf8')
    const table = /<!-- options:start[^>]*-->([\s\S]*?)<!-- options:end -->/.exec(docs)?.[1]
    const cells = (markdown: string) =>
      markdown
        .trim()
        .split('\n')
        .map((row) => row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/^-+$/, '-')))
    expect(cells(table ?? '')).toEqual(cells(certifyOptionsMarkdown()))
  })

  it('refuse --target and --live together, with exit 2', async () => {
    const io = recordingConsole()
    const status = await certifyCommand(
      { schools: 'x.csv', target: 'http://127.0.0.1:1', live: true },
      io,
      wallClock,
    )
    expect(status).toBe(2)
    expect(io.text()).toContain(
      '--target (a running smsim) and --live (the real ASPSMS) exclude each other',
    )
  })
})
