/**
 * When a request could get several codes, one order holds (our choice, the document is silent;
 * see the top of simulators/smstob/decide.ts): 87, 88, 89, 90 → 82 → 85 → 84 / 86 → 91 → 83 →
 * 80 / 81. Each row below is wrong in its own way and in every way that comes later, and must
 * get its own code.
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §4, the table of codes 80–91
 */
import { describe, expect, it } from 'vitest'
import {
  ECOLE,
  IMPLEMENTATIONS,
  SEND,
  useSmstob,
  type Fields,
  type SmstobTarget,
} from '../helpers.ts'

const BAD_DIFF = '99999999'
const FUTURE = '103005012026'

const noCredit = (smstob: SmstobTarget) => smstob.patchAccount(ECOLE.email, { credits: 0 })

const ROWS: {
  code: number
  over: string
  fields: Fields
  setup?: (smstob: SmstobTarget) => Promise<void>
}[] = [
  { code: 87, over: 'every other code', fields: {} },
  { code: 88, over: '89 and 90', fields: { email: ECOLE.email, pass: ' ' } },
  { code: 89, over: '90', fields: { email: ECOLE.email, pass: ECOLE.pass } },
  {
    code: 90,
    over: '82, 85 and 84',
    fields: {
      email: 'inconnu@example.fr',
      pass: 'x',
      numero: 'bonjour',
      message: '',
      diff: BAD_DIFF,
    },
  },
  {
    code: 82,
    over: '85 and 84',
    fields: { ...SEND, pass: 'faux', numero: 'bonjour', diff: BAD_DIFF },
  },
  {
    code: 85,
    over: '84 and 83',
    fields: { ...SEND, numero: 'bonjour', diff: BAD_DIFF },
    setup: noCredit,
  },
  { code: 84, over: '83', fields: { ...SEND, numero: 'bonjour' }, setup: noCredit },
  {
    code: 86,
    over: '83',
    fields: { ...SEND, numero: 'vide' },
    setup: async (smstob) =>
      smstob.patchAccount(ECOLE.email, { credits: 0, options: { groups: { vide: [] } } }),
  },
  {
    code: 91,
    over: '83',
    fields: SEND,
    setup: async (smstob) => {
      expect((await smstob.get(SEND)).body).toBe('80')
      await noCredit(smstob)
    },
  },
  { code: 83, over: '81', fields: { ...SEND, diff: FUTURE }, setup: noCredit },
  { code: 81, over: 'nothing: the request is good', fields: { ...SEND, diff: FUTURE } },
]

describe.each(IMPLEMENTATIONS)('precedence of the codes through $name', ({ kind }) => {
  const smstob = useSmstob(kind)

  it.each(ROWS)('answers $code before $over', async ({ code, fields, setup }) => {
    await setup?.(smstob)
    expect((await smstob.get(fields)).body).toBe(String(code))
  })
})
