/** The fuzz runs' accounts and clock, shared by the harness and the checks. */
import type { AccountInput } from '../../../simulators/core/model.ts'

/** The simulator clock of every run: a Monday, 10:00 in Paris (inside every sending window). */
export const FUZZ_NOW = '2026-01-05T10:00:00+01:00'

/**
 * The accounts of the fuzz runs. The credentials are the ones of the providers' documents and
 * fixtures, so that the fixtures' requests authenticate; the first account of each provider has
 * 6 credits, so that a batch soon runs out and the refusals for credit (SMStoB 83, ASPSMS 5,
 * allmysms 104, iSendPro 12) are exercised as often as the sends.
 */
export const FUZZ_ACCOUNTS: AccountInput[] = [
  {
    provider: 'smstob',
    id: 'ecole@example.fr',
    secret: 'XV65JU',
    credits: 6,
    options: {
      groups: {
        moniteurs: [
          { number: '0660919010', name: 'Jean', v1: 'Jean', v2: 'lundi' },
          { number: '0600000011', name: 'Marie', v1: 'Marie' },
        ],
        vide: [],
      },
    },
  },
  {
    provider: 'smstob',
    id: 'riche@example.fr',
    secret: 'R1CHE',
    credits: 1000,
    options: { duplicateCheck: false },
  },
  { provider: 'aspsms', id: 'I3QHMYKEY6E', secret: 'mypassword', credits: 6 },
  {
    provider: 'aspsms',
    id: 'DEMOASPSMS',
    secret: 'demo',
    credits: 1000,
    options: { reseller: true },
  },
  { provider: 'allmysms', id: 'arthur45', secret: 'de135f8d2a091e4', credits: 6 },
  { provider: 'allmysms', id: 'riche', secret: '0123456789abcdef', credits: 1000 },
  {
    provider: 'isendpro',
    id: 'a296464ce012b8ab710a',
    credits: 6,
    options: { senderDomains: ['masociete.com'], commercialExempt: true },
  },
  {
    provider: 'isendpro',
    id: 'b1c2d3e4f5a6b7c8d9e0',
    credits: 1000,
    options: { senderDomains: ['example.fr'], commercialExempt: true, nostopAllowed: true },
  },
]
