/**
 * Contact files: "enregistrez votre fichier au format CSV – séparation des données par un point
 * virgule" (§7), with up to three merge variables (§6).
 *
 * Columns are found by their header: a column named like "Numéro" (numero, téléphone, mobile,
 * gsm, number) holds the number; "Variable1".."Variable3" (or v1..v3) are `[v1]`..`[v3]`;
 * "Nom"/"Prénom"/"name" is the contact's name. This reads both examples of §6 as the document
 * means them: in the second, "Prénom" is not `[v1]` — "Variable1" is. A file without a header
 * row is read in the order §7 names the fields: name;number;v1;v2;v3.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §6 "Publipostage", §7 "Insertion d'un fichier de contacts"
 */
import { parse, type Info } from 'csv-parse/sync'
import { parseMobile } from '../core/phone.ts'
import type { Contact } from './options.ts'

/** Largest contact file accepted, and most contacts in one group (bounded memory). */
export const MAX_CONTACTS_FILE_BYTES = 2 * 1024 * 1024
export const MAX_CONTACTS_PER_GROUP = 10_000

export interface ContactImport {
  contacts: Contact[]
  /** Lines not imported, 1-based, with the reason. */
  rejected: { line: number; reason: string }[]
}

type Field = 'number' | 'name' | 'v1' | 'v2' | 'v3'

function fieldOfHeader(header: string): Field | undefined {
  const h = header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase()
  const variable = /^(?:variable|var|v)\s*([123])$/.exec(h)
  if (variable) return `v${variable[1]}` as Field
  if (/^(numero|n°|no|num|telephone|tel|mobile|portable|gsm|number|phone)$/.test(h)) return 'number'
  if (/^(nom|prenom|name|contact)$/.test(h)) return 'name'
  return undefined
}

/**
 * Reads a `;`-separated contact file.
 *
 * @example
 * importContacts('Variable1;Numéro;Variable2;Variable3\nJean;0660919010;Hédé;la Pizza')
 * // { contacts: [{ number: '0660919010', v1: 'Jean', v2: 'Hédé', v3: 'la Pizza' }], rejected: [] }
 */
export function importContacts(csv: string): ContactImport {
  const records = parse(csv, {
    delimiter: ';',
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: Info }[]
  // Rejected lines are reported by their line in the file. csv-parse's own line count goes
  // wrong after a quoted CR LF, so lines are counted here, over the bytes each record spans
  // (blank lines skipped before it included). A row of bare separators (`;;;`, as Excel
  // writes them) is a blank line too.
  const bytes = Buffer.from(csv)
  const rows: { row: string[]; line: number }[] = []
  let offset = 0
  let lineBreaks = 0
  for (const { record, info } of records) {
    const span = bytes.subarray(offset, info.bytes).toString()
    const blank = /^\uFEFF?(?:[ \t]*(?:\r\n|\r|\n))*/.exec(span)![0]
    if (record.some((value) => value !== ''))
      rows.push({ row: record, line: 1 + lineBreaks + countLineBreaks(blank) })
    lineBreaks += countLineBreaks(span)
    offset = info.bytes
  }
  const first = rows[0]?.row ?? []
  const headerFields = first.map(fieldOfHeader)
  const hasHeader = headerFields.includes('number')
  const columns: (Field | undefined)[] = hasHeader
    ? headerFields
    : ['name', 'number', 'v1', 'v2', 'v3']
  const result: ContactImport = { contacts: [], rejected: [] }
  for (const { row, line } of rows.slice(hasHeader ? 1 : 0)) {
    const contact: Partial<Contact> = {}
    columns.forEach((field, i) => {
      const value = row[i]
      if (field && value !== undefined && value !== '') contact[field] = value
    })
    if (!contact.number) result.rejected.push({ line, reason: 'no number' })
    else if (!parseMobile(contact.number))
      result.rejected.push({ line, reason: `"${contact.number}" is not a mobile number` })
    else if (result.contacts.length >= MAX_CONTACTS_PER_GROUP)
      result.rejected.push({ line, reason: 'too many contacts' })
    else result.contacts.push(contact as Contact)
  }
  return result
}

function countLineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0
}
