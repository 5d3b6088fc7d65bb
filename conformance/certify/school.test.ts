import { describe, expect, it } from 'vitest'
import {
  BadSchoolsFileError,
  certificateName,
  maskUserKey,
  readSchoolsCsv,
  validateSchool,
} from './school.ts'

describe('a school as the Syndicat registers it', () => {
  it('writes the test phone in international form and takes ESF as originator when none is given', () => {
    const checked = validateSchool({
      name: ' ESF Tignes ',
      code: '73001',
      userKey: 'K1',
      password: ' pass with spaces ',
      phone: '06.12.34.56.78',
    })
    expect(checked).toMatchObject({
      ok: true,
      school: {
        name: 'ESF Tignes',
        phoneE164: '+33612345678',
        originator: 'ESF',
        originatorGiven: false,
        password: ' pass with spaces ',
      },
    })
  })

  it('gives every reason a row cannot be certified, in French', () => {
    const checked = validateSchool({
      name: '',
      code: '73/001',
      userKey: 'A B',
      phone: '0479000000',
    })
    expect(checked.ok).toBe(false)
    expect(!checked.ok && checked.bad.reasons).toEqual([
      'le nom de l’école manque',
      'le code de l’école « 73/001 » ne doit contenir que des lettres et des chiffres',
      'la clé utilisateur ASPSMS (UserKey) contient des espaces',
      'le mot de passe ASPSMS (Password) manque',
      'le téléphone de test « 0479000000 » n’est pas un numéro de mobile',
    ])
  })
})

describe('the CSV of schools', () => {
  it('reads a French spreadsheet export: semicolons, a BOM, accented headers in any case', () => {
    const batch = readSchoolsCsv(
      '\uFEFFNom;Code;Clé utilisateur;Mot de passe;Téléphone;Expéditeur\r\nESF Tignes;73001;K1;p;0612345678;ESF TIGNES\r\n;;;;;\r\n',
    )
    expect(batch.bad).toEqual([])
    expect(batch.schools).toMatchObject([
      { name: 'ESF Tignes', code: '73001', userKey: 'K1', originator: 'ESF TIGNES', line: 2 },
    ])
  })

  it('refuses a second row with a code already used, naming the first line', () => {
    const batch = readSchoolsCsv(
      'name,code,userKey,password,phone\nA,73001,K1,p,0612345678\nB,73001,K2,p,0612345679\n',
    )
    expect(batch.schools.map((s) => s.name)).toEqual(['A'])
    expect(batch.bad).toEqual([
      {
        name: 'B',
        code: '73001',
        line: 3,
        reasons: ['le code 73001 est déjà celui de la ligne 2'],
      },
    ])
  })

  it('keeps a row with missing fields as a bad row, with its line', () => {
    const batch = readSchoolsCsv('name,code,userKey,password,phone\nESF Val,73002,K\n')
    expect(batch.bad).toMatchObject([{ name: 'ESF Val', line: 2 }])
    expect(batch.bad[0]!.reasons).toContain('le téléphone de test manque')
  })

  it('refuses a file whose header lacks a required column', () => {
    expect(() => readSchoolsCsv('name,code\nA,1\n')).toThrow(BadSchoolsFileError)
  })
})

describe('what a certificate shows of a school', () => {
  it('names the file by code and name in plain lowercase words', () => {
    expect(certificateName({ code: '73002', name: 'ESF Val d’Isère' })).toBe(
      '73002-esf-val-d-isere',
    )
    expect(certificateName({ code: '74001', name: '<b>' })).toBe('74001-b')
  })

  it('shows only the first characters of the UserKey', () => {
    expect(maskUserKey('ESFTIGNES73001')).toBe('ESFT…')
    expect(maskUserKey('ABC')).toBe('…')
  })
})
