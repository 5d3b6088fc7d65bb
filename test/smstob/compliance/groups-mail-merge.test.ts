/**
 * Groups and mail merge: a `;`-separated contact file becomes a group of the account, and a
 * send to the group's name puts each contact's `[v1]`..`[v3]` into its own SMS, charged one
 * credit per part per recipient. The two files are the two examples of §6, as CSV.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4 "remplacer le numéro par le nom du groupe",
 * §6 "Publipostage – Envoi de SMS personnalisés", §7 "séparation des données par un point virgule"
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ECOLE, IMPLEMENTATIONS, SEND, useSmstob } from '../helpers.ts'

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../simulators/smstob/fixtures/${name}`, import.meta.url))

/** §6, first example: "Variable1, Numéro, Variable2, Variable3". */
const PLATS = fixture('contacts-plats.csv')
/** §6, second example: "Prénom, Numéro, Variable1, Variable2" — Prénom is not `[v1]`. */
const MESSAGES = fixture('contacts-messages.csv')
/** The first example as Excel saves a CSV in France: windows-1252, CRLF. */
const PLATS_EXCEL = fixture('contacts-plats-excel.csv')

const PLATS_CONTACTS = [
  { v1: 'Jean', number: '0660919010', v2: 'Hédé', v3: 'la Pizza' },
  { v1: 'Jérôme', number: '0660545465', v2: 'Rennes', v3: 'la Choucroute' },
  { v1: 'Jacques', number: '0660901010', v2: 'Paris', v3: 'le petit-salé' },
]

/** The document's message for the first example. */
const PLAT_PREFERE =
  'Bonjour [v1], votre plat préféré est [v3] ? Venez le découvrir dans notre restaurant de [v2]'

describe.each(IMPLEMENTATIONS)('groups and mail merge through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it('imports the first example of §6 as a group of three contacts with three variables', async () => {
    expect(await smstob.importGroup('restaurant', PLATS)).toEqual({
      group: 'restaurant',
      imported: 3,
      rejected: [],
    })
    expect((await smstob.account()).options.groups).toEqual({ restaurant: PLATS_CONTACTS })
  })

  it('sends each contact its own text, and debits one credit per part per recipient', async () => {
    await smstob.importGroup('restaurant', PLATS)
    expect((await smstob.get({ ...SEND, numero: 'restaurant', message: PLAT_PREFERE })).body).toBe(
      '80',
    )
    const sent = (await smstob.messages()).map(({ to, text, encoding, segments, meta }) => ({
      to,
      text,
      encoding,
      segments,
      group: meta.group,
    }))
    expect(sent).toEqual([
      {
        to: '+33660919010',
        text: 'Bonjour Jean, votre plat préféré est la Pizza ? Venez le découvrir dans notre restaurant de Hédé',
        encoding: 'gsm7',
        segments: 1,
        group: 'restaurant',
      },
      {
        // "ô" is not in GSM 03.38: 105 characters of UCS-2 make two parts.
        to: '+33660545465',
        text: 'Bonjour Jérôme, votre plat préféré est la Choucroute ? Venez le découvrir dans notre restaurant de Rennes',
        encoding: 'ucs2',
        segments: 2,
        group: 'restaurant',
      },
      {
        to: '+33660901010',
        text: 'Bonjour Jacques, votre plat préféré est le petit-salé ? Venez le découvrir dans notre restaurant de Paris',
        encoding: 'gsm7',
        segments: 1,
        group: 'restaurant',
      },
    ])
    expect((await smstob.account()).credits).toBe(10 - 4)
  })

  it('reads the second example of §6, where the message is the variables, "[v1] [v2]"', async () => {
    expect(await smstob.importGroup('garage', MESSAGES)).toMatchObject({
      imported: 4,
      rejected: [],
    })
    expect((await smstob.get({ ...SEND, numero: 'garage', message: '[v1] [v2]' })).body).toBe('80')
    expect((await smstob.messages()).map(({ to, text }) => [to, text])).toEqual([
      ['+33660919010', 'Merci de joindre M. Poirier au 08 21 000 350 '],
      ['+33660545465', 'Pouvez-vous penser à apporter des fleurs ? '],
      ['+33660901010', 'Votre véhicule est prêt. Prenez contact avec : M. Dupont'],
      ['+33665454514', 'Votre véhicule est prêt. Prenez contact avec : M. Durand'],
    ])
    expect((await smstob.account()).credits).toBe(10 - 4)
  })

  it('finds the group whatever the case of its name (our choice)', async () => {
    await smstob.importGroup('restaurant', PLATS)
    expect(
      (await smstob.get({ ...SEND, numero: 'Restaurant', message: 'Bonjour [v1]' })).body,
    ).toBe('80')
    expect(await smstob.messages()).toHaveLength(3)
  })

  it('imports the valid lines of a file and reports the others with their line number', async () => {
    const csv =
      'Nom;Numéro\r\nJean;0660919010\r\nMairie;0145454545\r\nPaul;\r\nJules;0665454514\r\n'
    const { imported, rejected } = await smstob.importGroup('melange', csv)
    expect(imported).toBe(2)
    expect(rejected).toMatchInlineSnapshot(`
      [
        {
          "line": 3,
          "reason": ""0145454545" is not a mobile number",
        },
        {
          "line": 4,
          "reason": "no number",
        },
      ]
    `)
  })

  it('answers 86 to a group imported from a contact file with a header and no line', async () => {
    expect(await smstob.importGroup('parents', 'Nom;Numéro\r\n')).toEqual({
      group: 'parents',
      imported: 0,
      rejected: [],
    })
    expect((await smstob.get({ ...SEND, numero: 'parents' })).body).toBe('86')
    expect(await smstob.snapshot()).toEqual({ credits: 10, messages: [] })
  })

  it('answers 86 to a group whose every line was refused at import', async () => {
    const { imported, rejected } = await smstob.importGroup(
      'fixes',
      'Nom;Numéro\r\nMairie;0145454545\r\nÉcole;01 23 45 67 89\r\n',
    )
    expect(imported).toBe(0)
    expect(rejected).toMatchInlineSnapshot(`
      [
        {
          "line": 2,
          "reason": ""0145454545" is not a mobile number",
        },
        {
          "line": 3,
          "reason": ""01 23 45 67 89" is not a mobile number",
        },
      ]
    `)
    expect((await smstob.get({ ...SEND, numero: 'fixes' })).body).toBe('86')
  })

  it('replaces a group when a file is imported again under its name', async () => {
    await smstob.importGroup('restaurant', PLATS)
    await smstob.importGroup('restaurant', 'Numéro\r\n0665454514\r\n')
    expect((await smstob.account()).options.groups).toEqual({
      restaurant: [{ number: '0665454514' }],
    })
  })
})

describe('contact files through the control API', () => {
  const smstob = useSmstob('standalone')

  it('reads a file saved by Excel in windows-1252 as the same contacts as its UTF-8 copy', async () => {
    expect(await smstob.importGroup('restaurant', PLATS_EXCEL, 'text/csv')).toMatchObject({
      imported: 3,
      rejected: [],
    })
    expect((await smstob.account()).options.groups).toEqual({ restaurant: PLATS_CONTACTS })
  })

  it('reads € and ’, the windows-1252 characters ISO-8859-1 lacks, from an Excel file', async () => {
    const latin1 = (text: string) => Buffer.from(text, 'latin1')
    // "l’addition : 12 €" with ’ = 0x92 and € = 0x80, as windows-1252 writes them.
    const csv = Buffer.concat([
      latin1('Numéro;Variable1\r\n0660919010;l'),
      Buffer.from([0x92]),
      latin1('addition : 12 '),
      Buffer.from([0x80]),
      latin1('\r\n'),
    ])
    await smstob.importGroup('table', csv, 'text/csv')
    expect((await smstob.account()).options.groups).toEqual({
      table: [{ number: '0660919010', v1: 'l’addition : 12 €' }],
    })
  })

  it('reads the file in the charset its Content-Type declares', async () => {
    await smstob.importGroup('restaurant', PLATS_EXCEL, 'text/csv; charset=ISO-8859-1')
    expect((await smstob.account()).options.groups).toEqual({ restaurant: PLATS_CONTACTS })
  })

  it('refuses a file sent as a form (curl --data-binary without -H), saying how to send it', async () => {
    // A web page may send a form to any site without asking: only CSV types are read (issue 10).
    const response = await fetch(
      `${smstob.origin}/_smsim/accounts/smstob/${ECOLE.email}/groups/restaurant`,
      {
        method: 'PUT',
        body: PLATS,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
    )
    expect(response.status).toBe(415)
    expect(await response.json()).toMatchInlineSnapshot(`
      {
        "error": "send the contacts as a CSV body with Content-Type: text/csv (curl -X PUT --data-binary @contacts.csv -H 'content-type: text/csv' …); got application/x-www-form-urlencoded",
      }
    `)
    expect((await smstob.account()).options.groups).toBeUndefined()
  })

  it('reads a file sent as bytes (application/octet-stream)', async () => {
    await smstob.importGroup('restaurant', PLATS, 'application/octet-stream')
    expect((await smstob.account()).options.groups).toEqual({ restaurant: PLATS_CONTACTS })
  })

  it('answers 404 for an account that does not exist', async () => {
    const response = await fetch(
      `${smstob.origin}/_smsim/accounts/smstob/personne@example.fr/groups/g`,
      { method: 'PUT', body: PLATS, headers: { 'content-type': 'text/csv' } },
    )
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchInlineSnapshot(`
      {
        "error": "no smstob account "personne@example.fr"",
      }
    `)
    expect((await smstob.account(ECOLE.email)).options).toEqual({})
  })
})
