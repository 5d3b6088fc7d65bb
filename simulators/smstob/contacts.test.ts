import { describe, expect, it } from 'vitest'
import { MAX_CONTACTS_PER_GROUP, importContacts } from './contacts.ts'

/** §6, first example, as the `;`-separated file §7 asks for. */
const FIRST_EXAMPLE = [
  'Variable1;Numéro;Variable2;Variable3',
  'Jean;0660919010;Hédé;la Pizza',
  'Jérôme;0660545465;Rennes;la Choucroute',
  'Jacques;0660901010;Paris;le petit-salé',
].join('\n')

/** §6, second example: "votre message sera simplement « [v1] [v2] »". */
const SECOND_EXAMPLE = [
  'Prénom;Numéro;Variable1;Variable2',
  'Jean;0660919010;Merci de joindre M. Poirier au 08 21 000 350;',
  'Jérôme;0660545465;Pouvez-vous penser à apporter des fleurs ?;',
  'Jacques;0660901010;Votre véhicule est prêt. Prenez contact avec :;M. Dupont',
  'Jules;0665454514;Votre véhicule est prêt. Prenez contact avec :;M. Durand',
].join('\r\n')

describe('importContacts', () => {
  it('reads the first example of §6: Variable1;Numéro;Variable2;Variable3', () => {
    expect(importContacts(FIRST_EXAMPLE)).toEqual({
      contacts: [
        { number: '0660919010', v1: 'Jean', v2: 'Hédé', v3: 'la Pizza' },
        { number: '0660545465', v1: 'Jérôme', v2: 'Rennes', v3: 'la Choucroute' },
        { number: '0660901010', v1: 'Jacques', v2: 'Paris', v3: 'le petit-salé' },
      ],
      rejected: [],
    })
  })

  it('reads the second example of §6 with [v1] from Variable1, not from Prénom', () => {
    expect(importContacts(SECOND_EXAMPLE)).toEqual({
      contacts: [
        {
          name: 'Jean',
          number: '0660919010',
          v1: 'Merci de joindre M. Poirier au 08 21 000 350',
        },
        { name: 'Jérôme', number: '0660545465', v1: 'Pouvez-vous penser à apporter des fleurs ?' },
        {
          name: 'Jacques',
          number: '0660901010',
          v1: 'Votre véhicule est prêt. Prenez contact avec :',
          v2: 'M. Dupont',
        },
        {
          name: 'Jules',
          number: '0665454514',
          v1: 'Votre véhicule est prêt. Prenez contact avec :',
          v2: 'M. Durand',
        },
      ],
      rejected: [],
    })
  })

  it('reads a file without a header as name;number;v1;v2;v3', () => {
    const { contacts } = importContacts('Jean;0660919010;a;b;c\nPaul;06 60 54 54 65')
    expect(contacts).toEqual([
      { name: 'Jean', number: '0660919010', v1: 'a', v2: 'b', v3: 'c' },
      { name: 'Paul', number: '06 60 54 54 65' },
    ])
  })

  it.each([
    ['Nom;Téléphone', 'Jean;0660919010', { name: 'Jean', number: '0660919010' }],
    ['name;mobile;v1', 'Jean;0660919010;x', { name: 'Jean', number: '0660919010', v1: 'x' }],
    ['NUMERO;VAR 2', '0660919010;y', { number: '0660919010', v2: 'y' }],
    [
      'Contact;GSM;Variable 3',
      'Jean;0660919010;z',
      { name: 'Jean', number: '0660919010', v3: 'z' },
    ],
  ])('finds the columns of the header %j', (header, row, contact) => {
    expect(importContacts(`${header}\n${row}`).contacts).toEqual([contact])
  })

  it('ignores columns it does not know', () => {
    expect(importContacts('Numéro;Ville;Variable1\n0660919010;Rennes;x').contacts).toEqual([
      { number: '0660919010', v1: 'x' },
    ])
  })

  it('reads a file saved by Excel with a UTF-8 byte order mark', () => {
    expect(importContacts(`\uFEFF${FIRST_EXAMPLE}`).contacts).toHaveLength(3)
    expect(importContacts(`\uFEFFJean;0660919010`).contacts).toEqual([
      { name: 'Jean', number: '0660919010' },
    ])
  })

  it('trims spaces around the fields', () => {
    expect(importContacts('Numéro ; Variable1\n 0660919010 ;  Jean ').contacts).toEqual([
      { number: '0660919010', v1: 'Jean' },
    ])
  })

  it('reads quoted fields holding a semicolon', () => {
    expect(importContacts('Numéro;Variable1\n0660919010;"Bonjour; à demain"').contacts).toEqual([
      { number: '0660919010', v1: 'Bonjour; à demain' },
    ])
  })

  it('skips blank lines', () => {
    const csv = `\n${FIRST_EXAMPLE.replace(/\n/g, '\n\n')}\n\n`
    expect(importContacts(csv)).toEqual(importContacts(FIRST_EXAMPLE))
  })

  it('skips lines of bare separators and of spaces, as Excel and editors leave them', () => {
    const csv = ['Numéro;Variable1;Variable2', ';;', '0660919010;a;b', '   ', ' ; ; '].join('\n')
    expect(importContacts(csv)).toEqual({
      contacts: [{ number: '0660919010', v1: 'a', v2: 'b' }],
      rejected: [],
    })
  })

  it('finds the header below leading blank lines', () => {
    expect(importContacts('\n;;\nNuméro;Variable1\n0660919010;x').contacts).toEqual([
      { number: '0660919010', v1: 'x' },
    ])
  })

  it('rejects lines without a number and lines with a landline, giving the reason', () => {
    const csv = [
      'Prénom;Numéro;Variable1',
      'Jean;0660919010;ok',
      'Sans;;numéro',
      'Bureau;0145454545;fixe',
      'Faux;hello;texte',
      'Paul;0660545465;ok',
    ].join('\n')
    const { contacts, rejected } = importContacts(csv)
    expect(contacts.map((c) => c.name)).toEqual(['Jean', 'Paul'])
    expect(rejected).toEqual([
      { line: 3, reason: 'no number' },
      { line: 4, reason: '"0145454545" is not a mobile number' },
      { line: 5, reason: '"hello" is not a mobile number' },
    ])
  })

  it('gives the line of the file for a rejected line, counting the blank lines', () => {
    const csv = ['Numéro;Variable1', '', '0660919010;ok', '', '', '0145454545;fixe'].join('\n')
    expect(importContacts(csv).rejected).toEqual([
      { line: 6, reason: '"0145454545" is not a mobile number' },
    ])
  })

  it('gives the first line of a rejected contact written over several lines', () => {
    const csv = ['Numéro;Variable1', '0660919010;"deux', 'lignes"', '0145454545;fixe'].join('\n')
    const result = importContacts(csv)
    expect(result.contacts).toEqual([{ number: '0660919010', v1: 'deux\nlignes' }])
    expect(result.rejected).toEqual([{ line: 4, reason: '"0145454545" is not a mobile number' }])
  })

  it('counts lines the same with CR LF line ends', () => {
    const csv = ['Numéro;Variable1', '', '0660919010;ok', ';;', '0145454545;fixe'].join('\r\n')
    expect(importContacts(csv).rejected).toEqual([
      { line: 5, reason: '"0145454545" is not a mobile number' },
    ])
  })

  it('counts lines the same after a quoted value written over CR LF lines', () => {
    const csv = ['Numéro;Variable1', '0660919010;"deux', 'lignes"', '0145454545;fixe'].join('\r\n')
    expect(importContacts(csv).rejected).toEqual([
      { line: 4, reason: '"0145454545" is not a mobile number' },
    ])
  })

  it('counts the first line as 1 in a file with a byte order mark and blank lines', () => {
    expect(importContacts('\uFEFF\n\nBureau;0145454545').rejected).toEqual([
      { line: 3, reason: '"0145454545" is not a mobile number' },
    ])
  })

  it('gives the line of a rejected line in a file without a header', () => {
    expect(importContacts('Jean;0660919010\nBureau;0145454545').rejected).toEqual([
      { line: 2, reason: '"0145454545" is not a mobile number' },
    ])
  })

  it('accepts DOM mobiles and international forms', () => {
    const { contacts, rejected } = importContacts('Numéro\n0692123456\n+33660919010\n0033660545465')
    expect(contacts).toHaveLength(3)
    expect(rejected).toEqual([])
  })

  it('reads an empty file as no contact', () => {
    expect(importContacts('')).toEqual({ contacts: [], rejected: [] })
    expect(importContacts('Numéro;Variable1\n')).toEqual({ contacts: [], rejected: [] })
  })

  it(`stops at ${MAX_CONTACTS_PER_GROUP} contacts and rejects the rest`, () => {
    const rows = Array.from(
      { length: MAX_CONTACTS_PER_GROUP + 2 },
      (_, i) => `0660${String(i).padStart(6, '0')}`,
    )
    const { contacts, rejected } = importContacts(`Numéro\n${rows.join('\n')}`)
    expect(contacts).toHaveLength(MAX_CONTACTS_PER_GROUP)
    expect(rejected).toEqual([
      { line: MAX_CONTACTS_PER_GROUP + 2, reason: 'too many contacts' },
      { line: MAX_CONTACTS_PER_GROUP + 3, reason: 'too many contacts' },
    ])
  })
})
