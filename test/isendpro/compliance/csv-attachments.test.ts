/**
 * `mobiles.csv` and `message.csv` instead of `num` and `sms`: one line per recipient
 * (`[num];;[1];;[2];;[3]`), the message on the first line of `message.csv`, `[1]`…`[3]` merged
 * per recipient — as the document shows, and as Excel writes the files (windows-1252).
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.3 "Utilisation d'un fichier en pièce jointe"
 */
import { describe, expect, it } from 'vitest'
import { fixture, useIsendpro } from '../helpers.ts'

describe('CSV attachments over SMTP', () => {
  const isendpro = useIsendpro()

  it('sends the document’s example: each line’s values merged into the message', async () => {
    await isendpro.sendRaw(fixture('doc-csv-attachments.eml'))
    expect((await isendpro.control.messages()).map((m) => [m.to, m.from, m.text])).toEqual([
      [
        '+33601020304',
        'MaSociete',
        'Bonjour Michel Martin, votre nouvelle carte sera disponible le 10/10/2015\r\nSTOP SMS au 36105',
      ],
      [
        '+33601020305',
        'MaSociete',
        'Bonjour Sarah Dupont, votre nouvelle carte sera disponible le 02/08/2015\r\nSTOP SMS au 36105',
      ],
    ])
    expect((await isendpro.not('1551')).entries.map((e) => [e.code, e.tel])).toEqual([
      [0, '0601020304'],
      [0, '0601020305'],
    ])
  })

  it('reads the windows-1252 files Excel writes, and counts the UCS-2 text they make', async () => {
    await isendpro.sendRaw(fixture('excel-windows-1252-csv.eml'))
    const messages = await isendpro.control.messages()
    expect(messages.map((m) => [m.text, m.encoding, m.segments])).toEqual([
      [
        'Bonjour Hélène Lefèvre, votre cours de ski est confirmé pour lundi 12 à 9 h. À bientôt !',
        'ucs2',
        2,
      ],
      [
        'Bonjour Jérôme Pétain, votre cours de ski est confirmé pour mardi 13 à 9 h. À bientôt !',
        'ucs2',
        2,
      ],
    ])
    expect(await isendpro.credits()).toBe(96)
  })

  it('sends what the reference client attaches', async () => {
    const { not } = await isendpro.sendAndRead({
      csv: {
        mobiles: [{ num: '0601020304', values: ['Jean'] }, '0601020305'],
        message: 'Bonjour [1]\nÀ demain',
      },
    })
    expect(not?.sent).toBe(2)
    expect((await isendpro.control.messages()).map((m) => m.text)).toEqual([
      'Bonjour Jean\nÀ demain',
      'Bonjour \nÀ demain',
    ])
  })

  it('reports each bad line of mobiles.csv in the Not', async () => {
    const { not } = await isendpro.sendAndRead({
      csv: { mobiles: ['0601020304', '0145454545', '0600000011'], message: 'Bonjour' },
    })
    expect(not?.entries.map((e) => [e.code, e.tel])).toEqual([
      [0, '0601020304'],
      [7, '0145454545'],
      [11, '0600000011'],
    ])
  })
})
