/**
 * A ski school as the Syndicat registers it — "Nom de l'école, Code de l'école, UserKey,
 * Password" — plus the test phone the certification's SMS goes to and the originator the
 * school's alerts show. Read from the command line or from a CSV of schools; a row that cannot
 * be certified as written (no UserKey, a landline as test phone…) becomes a {@link BadRow},
 * reported in the summary, never an exception.
 *
 * @see shared/specs/000_1690dff4744eafa7.txt — « Enregistrement de l'école auprès du Syndicat »
 */
import { parse } from 'csv-parse/sync'
import { SmsimError } from '../../simulators/core/errors.ts'
import { parseMobile } from '../../simulators/core/phone.ts'

/** A school ready to be certified. */
export interface School {
  /** « Nom de l'école », as written by the school (`ESF Tignes`). */
  name: string
  /** « Code de l'école »: names the certificate file, so letters, digits, `-` and `_` only. */
  code: string
  userKey: string
  password: string
  /** The test phone as written (`06 12 34 56 78`). */
  phone: string
  /** The same number in E.164 (`+33612345678`): ASPSMS wants the country code. */
  phoneE164: string
  /** The sender name or number the school's alerts show. */
  originator: string
  /** Whether the originator was given, or is {@link DEFAULT_ORIGINATOR}. */
  originatorGiven: boolean
  /** Line in the CSV file (1-based, header included); absent on the command line. */
  line?: number
}

/** A row that was not certified because it cannot be, with why (in French, for the school). */
export interface BadRow {
  name: string
  code: string
  line?: number
  reasons: string[]
}

/**
 * The originator when the school gives none. Our choice: the document does not say what the
 * Syndicat's software sends; `ESF` is short, alphanumeric, and what parents recognise.
 */
export const DEFAULT_ORIGINATOR = 'ESF'

/** School codes name files (`73001-esf-tignes.html`): no path characters, bounded. */
const SCHOOL_CODE = /^[A-Za-z0-9_-]{1,32}$/
/** Longest name kept in a file name slug. */
const MAX_SLUG = 40

/** What a school is given as, before checking (every field a string, possibly empty). */
export interface SchoolInput {
  name?: string
  code?: string
  userKey?: string
  password?: string
  phone?: string
  originator?: string
  line?: number
}

/**
 * Checks one school's fields. The originator is NOT judged here: ASPSMS judges it during the
 * certification (status 10 for one over 11 characters), and its verdict is what the
 * certificate shows.
 *
 * @example
 * validateSchool({ name: 'ESF Tignes', code: '73001', userKey: 'K', password: 'P', phone: '06 12 34 56 78' })
 * // { ok: true, school: { …, phoneE164: '+33612345678', originator: 'ESF', originatorGiven: false } }
 * validateSchool({ name: 'ESF Val', code: '73002', userKey: 'K', password: 'P', phone: '04 79 00 00 00' })
 * // { ok: false, bad: { …, reasons: ['le téléphone de test « 04 79 00 00 00 » n’est pas un numéro de mobile'] } }
 */
export function validateSchool(
  input: SchoolInput,
): { ok: true; school: School } | { ok: false; bad: BadRow } {
  const field = (v: string | undefined) => (v ?? '').trim()
  const name = field(input.name)
  const code = field(input.code)
  const userKey = field(input.userKey)
  // A password is taken as written: spaces may be part of it.
  const password = input.password ?? ''
  const phone = field(input.phone)
  const originator = field(input.originator)
  const reasons: string[] = []
  if (!name) reasons.push('le nom de l’école manque')
  if (!code) reasons.push('le code de l’école manque')
  else if (!SCHOOL_CODE.test(code))
    reasons.push(`le code de l’école « ${code} » ne doit contenir que des lettres et des chiffres`)
  if (!userKey) reasons.push('la clé utilisateur ASPSMS (UserKey) manque')
  else if (/\s/.test(userKey))
    reasons.push('la clé utilisateur ASPSMS (UserKey) contient des espaces')
  if (password === '') reasons.push('le mot de passe ASPSMS (Password) manque')
  const mobile = phone ? parseMobile(phone) : undefined
  if (!phone) reasons.push('le téléphone de test manque')
  else if (!mobile) reasons.push(`le téléphone de test « ${phone} » n’est pas un numéro de mobile`)
  const line = input.line !== undefined ? { line: input.line } : {}
  if (reasons.length || !mobile) return { ok: false, bad: { name, code, ...line, reasons } }
  return {
    ok: true,
    school: {
      name,
      code,
      userKey,
      password,
      phone,
      phoneE164: mobile.e164,
      originator: originator || DEFAULT_ORIGINATOR,
      originatorGiven: originator !== '',
      ...line,
    },
  }
}

type Column = 'name' | 'code' | 'userKey' | 'password' | 'phone' | 'originator'

/** Header names accepted for each column, accents and case aside (French exports included). */
const HEADERS: Readonly<Record<Column, readonly string[]>> = {
  name: ['name', 'nom', 'ecole', 'nom de l ecole', 'school'],
  code: ['code', 'code de l ecole', 'schoolcode'],
  userKey: ['userkey', 'user key', 'cle utilisateur', 'cle'],
  password: ['password', 'mot de passe', 'motdepasse'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'portable', 'telephone de test'],
  originator: ['originator', 'expediteur', 'emetteur', 'sender'],
}
const REQUIRED: readonly Column[] = ['name', 'code', 'userKey', 'password', 'phone']

/** A CSV that cannot be read as a list of schools at all (not a row problem). */
export class BadSchoolsFileError extends SmsimError {
  constructor(message: string) {
    super('SMSIM_BAD_SCHOOLS_FILE', message)
  }
}

function columnOf(header: string): Column | undefined {
  const h = header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’'_]/g, ' ')
    .trim()
    .toLowerCase()
  return (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(h))
}

/** The batch as read: the schools to certify and the rows that cannot be. */
export interface SchoolBatch {
  schools: School[]
  bad: BadRow[]
}

/**
 * Reads a CSV of schools: a header row (`name,code,userKey,password,phone,originator`, or the
 * French `nom;code;clé utilisateur;mot de passe;téléphone;expéditeur`), comma- or
 * semicolon-separated (French spreadsheets write `;`). Rows are checked one by one; a second
 * row with a code already seen is refused (the code names the certificate).
 *
 * @throws {BadSchoolsFileError} when the text is not CSV or lacks a required column
 * @example
 * readSchoolsCsv('name,code,userKey,password,phone\nESF Tignes,73001,K,P,0612345678\n')
 * // { schools: [{ name: 'ESF Tignes', code: '73001', …, line: 2 }], bad: [] }
 */
export function readSchoolsCsv(text: string): SchoolBatch {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ','
  let rows: { record: string[]; info: { lines: number } }[]
  try {
    rows = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof rows
  } catch (error) {
    throw new BadSchoolsFileError(`not a readable CSV: ${(error as Error).message}`)
  }
  const header = rows[0]?.record.map(columnOf) ?? []
  const missing = REQUIRED.filter((c) => !header.includes(c))
  if (missing.length)
    throw new BadSchoolsFileError(
      `the header row must name the columns name, code, userKey, password, phone (and optionally originator); missing: ${missing.join(', ')}`,
    )
  const batch: SchoolBatch = { schools: [], bad: [] }
  const codes = new Map<string, number>()
  for (const { record, info } of rows.slice(1)) {
    if (record.every((v) => v.trim() === '')) continue
    const input: SchoolInput = { line: info.lines }
    header.forEach((column, i) => {
      if (column && record[i] !== undefined) input[column] = record[i]
    })
    const checked = validateSchool(input)
    const code = (input.code ?? '').trim()
    const seen = codes.get(code.toLowerCase())
    if (code && seen !== undefined) {
      const reasons = [`le code ${code} est déjà celui de la ligne ${seen}`]
      const bad = checked.ok
        ? { name: checked.school.name, code, line: info.lines, reasons }
        : {
            ...checked.bad,
            reasons: [...checked.bad.reasons, ...reasons],
          }
      batch.bad.push(bad)
      continue
    }
    if (code) codes.set(code.toLowerCase(), info.lines)
    if (checked.ok) batch.schools.push(checked.school)
    else batch.bad.push(checked.bad)
  }
  return batch
}

/**
 * The file name of a school's certificate, without extension: its code, then its name in
 * lowercase ASCII words (`73001-esf-tignes`).
 *
 * @example
 * certificateName({ code: '73001', name: 'ESF Val d’Isère' }) // '73001-esf-val-d-isere'
 */
export function certificateName(school: Pick<School, 'code' | 'name'>): string {
  const slug = school.name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '')
  const code = SCHOOL_CODE.test(school.code) ? school.code : 'sans-code'
  return slug ? `${code}-${slug}` : code
}

/**
 * The UserKey as a certificate may show it: enough to recognise it, not enough to use it.
 *
 * @example
 * maskUserKey('ABCDEFGH12') // 'ABCD…'
 */
export function maskUserKey(userKey: string): string {
  return userKey.length <= 4 ? '…' : `${userKey.slice(0, 4)}…`
}
