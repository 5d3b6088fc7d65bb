/**
 * The checks of a school's certification, in the words of the people who read the certificate:
 * the Syndicat, and the school's secretary who set up the ASPSMS account. Each scenario of the
 * certification suite is one check; what it means, what ASPSMS answered (the recorded client
 * results, not the runner's technical message) and what to do when it fails are written here,
 * in French, once.
 *
 * @see shared/specs/000_1690dff4744eafa7.txt — « Création d'un compte chez ASPSMS », « Enregistrement de l'école auprès du Syndicat »
 */
import type { AspsmsDeliveryRecord } from '../../client/aspsms/common.ts'
import type { ScenarioResult, Status } from '../model.ts'
import type { School } from './school.ts'

/** The setup checks decide whether a school may switch its alerts on; rehearsals show failures. */
export type CheckKind = 'setup' | 'rehearsal'

/** What one ASPSMS call gave, as a certificate may show it (no credential, no raw body). */
export interface CallRecord {
  action: string
  ok?: boolean
  status?: number
  statusText?: string
  credits?: number
  authorized?: boolean
  records?: AspsmsDeliveryRecord[]
  /** The call did not get an answer (network error, timeout). */
  error?: string
}

/** What the explanations are told about the run besides the calls. */
export interface CheckContext {
  school: School
  minCredits: number
  live: boolean
}

interface CheckDef {
  kind: CheckKind
  title: string
  /** What passing means for the school. */
  meaning: string
  /** What was seen, from the calls: a sentence for the certificate. */
  observed(calls: readonly CallRecord[], c: CheckContext): string
  /** What to do when it failed, from the calls. */
  advice(calls: readonly CallRecord[], c: CheckContext): string
}

/** `statut 3 « Authorization failed. »` */
const said = (call: CallRecord | undefined) =>
  !call
    ? 'aucune réponse'
    : call.error
      ? `pas de réponse (${call.error})`
      : `statut ${call.status ?? '?'}${call.statusText ? ` « ${call.statusText} »` : ''}`

const first = (calls: readonly CallRecord[], action: string) =>
  calls.find((c) => c.action === action)
const last = (calls: readonly CallRecord[], action: string) =>
  [...calls].reverse().find((c) => c.action === action)

/** Advice for an answer that says what is wrong whatever the check was. */
function commonAdvice(call: CallRecord | undefined, c: CheckContext): string | undefined {
  if (!call || call.error || call.status === 0)
    return c.live
      ? 'ASPSMS n’a pas répondu : vérifiez la connexion à Internet et l’adresse donnée à --live, puis relancez la certification.'
      : 'Le simulateur n’a pas répondu : relancez la certification ; si cela persiste, signalez-le au Syndicat.'
  switch (call.status) {
    case 3:
      return 'ASPSMS ne reconnaît pas cette clé utilisateur (UserKey) avec ce mot de passe. Reprenez-les dans l’e-mail de confirmation d’ASPSMS (le mot de passe est celui choisi à l’inscription sur aspsms.com) et transmettez-les de nouveau au Syndicat.'
    case 8:
    case 9:
      return 'La clé utilisateur ou le mot de passe est vide : transmettez-les au Syndicat.'
    case 25:
      return 'ASPSMS a bloqué l’accès à ce compte : contactez ASPSMS (aspsms.com) pour le débloquer.'
    case 5:
      return 'Le compte n’a plus assez de crédits : achetez un lot de SMS sur aspsms.com.'
    case 10:
      return `L’expéditeur « ${c.school.originator} » est refusé : 11 caractères au plus (lettres, chiffres, espaces), par exemple « ESF TIGNES », ou un numéro de mobile déverrouillé. Indiquez au Syndicat un expéditeur valide.`
    case 30:
    case 29:
      return `Le numéro « ${c.school.originator} » n’est pas encore autorisé comme expéditeur : sur aspsms.com, demandez le code de déverrouillage (il arrive par SMS sur ce numéro) puis saisissez-le ; ou choisissez un expéditeur en lettres (11 caractères au plus).`
    case 2:
    case 6:
    case 7:
    case 24:
      return 'ASPSMS signale un incident de son côté : relancez la certification un peu plus tard.'
  }
  return undefined
}

const DELIVERY: Record<number, string> = {
  [-1]: 'pas encore transmis',
  0: 'distribué',
  1: 'en attente (téléphone éteint ou hors réseau)',
  2: 'non distribué',
}

function describeRecord(record: AspsmsDeliveryRecord | undefined): string {
  if (!record) return 'ASPSMS ne connaît pas ce SMS (aucun accusé de réception)'
  const reason =
    record.reason !== undefined && record.status !== 0
      ? `, raison ${record.reason}${record.reasonText ? ` « ${record.reasonText} »` : ''}`
      : ''
  return `accusé de réception : ${DELIVERY[record.status] ?? `statut ${record.status}`} (statut ${record.status}${reason})`
}

/** A rehearsal's advice when it did not go as ASPSMS makes it go: not the school's doing. */
const REHEARSAL_ADVICE =
  'Cette répétition ne s’est pas passée comme ASPSMS le fait : ce n’est pas un problème de l’école. Transmettez ce certificat au Syndicat.'

/** The checks, by scenario name in scenarios/certification/aspsms.yaml. */
export const CHECKS: Readonly<Record<string, CheckDef>> = {
  'credentials-accepted': {
    kind: 'setup',
    title: 'Identifiants ASPSMS (UserKey et mot de passe)',
    meaning:
      'Le logiciel du Syndicat pourra se connecter au compte ASPSMS de l’école avec la UserKey et le mot de passe déclarés.',
    observed: (calls) => `ASPSMS a répondu : ${said(first(calls, 'checkCredits'))}.`,
    advice: (calls, c) =>
      commonAdvice(first(calls, 'checkCredits'), c) ??
      'Vérifiez la UserKey et le mot de passe déclarés au Syndicat.',
  },
  'enough-credit': {
    kind: 'setup',
    title: 'Solde de crédits',
    meaning:
      'Le compte a assez de crédits pour envoyer des alertes (1 crédit = 1 SMS à 1 destinataire, en général).',
    observed: (calls, c) => {
      const call = first(calls, 'checkCredits')
      return call?.credits !== undefined
        ? `Solde : ${call.credits} crédits (minimum demandé : ${c.minCredits}).`
        : `ASPSMS a répondu : ${said(call)}.`
    },
    advice: (calls, c) => {
      const call = first(calls, 'checkCredits')
      if (call?.ok && call.credits !== undefined)
        return `Le compte n’a que ${call.credits} crédits, il en faut au moins ${c.minCredits} : achetez un lot de SMS sur aspsms.com (rubrique d’achat de crédits), puis relancez la certification.`
      return commonAdvice(call, c) ?? 'Le solde n’a pas pu être lu : relancez la certification.'
    },
  },
  'originator-valid': {
    kind: 'setup',
    title: 'Expéditeur des alertes',
    meaning:
      'Les parents verront les alertes arriver sous le nom (ou le numéro) d’expéditeur choisi par l’école.',
    observed: (calls, c) => {
      const call = first(calls, 'checkOriginatorAuthorization')
      const given = c.school.originatorGiven
        ? ''
        : ' (aucun expéditeur déclaré : essai avec « ESF »)'
      return `Expéditeur « ${c.school.originator} »${given} : ASPSMS a répondu ${said(call)}.`
    },
    advice: (calls, c) =>
      commonAdvice(first(calls, 'checkOriginatorAuthorization'), c) ??
      'Choisissez un expéditeur de 11 caractères au plus (lettres et chiffres) et indiquez-le au Syndicat.',
  },
  'test-sms-delivered': {
    kind: 'setup',
    title: 'SMS de test',
    meaning:
      'Une alerte envoyée comme le fait le logiciel du Syndicat part du compte de l’école et arrive sur le téléphone de test.',
    observed: (calls, c) => {
      const send = first(calls, 'sendText')
      if (!send?.ok) return `Envoi au ${c.school.phoneE164} : ASPSMS a répondu ${said(send)}.`
      const inquiry = last(calls, 'inquireDeliveryNotifications')
      if (!inquiry?.ok)
        return `Envoi accepté ; l’accusé de réception n’a pas pu être lu (${said(inquiry)}).`
      return `Envoi au ${c.school.phoneE164} accepté ; ${describeRecord(inquiry.records?.[0])}.`
    },
    advice: (calls, c) => {
      const send = first(calls, 'sendText')
      if (!send?.ok)
        return (
          commonAdvice(send, c) ?? 'L’envoi a été refusé : transmettez ce certificat au Syndicat.'
        )
      const record = last(calls, 'inquireDeliveryNotifications')?.records?.[0]
      if (record?.status === 2)
        return `Le SMS n’a pas pu être remis au ${c.school.phoneE164} : vérifiez le numéro du téléphone de test (un mobile, en service, qui accepte les SMS), puis relancez la certification.`
      if (record?.status === 1)
        return 'Le téléphone de test n’a pas encore reçu le SMS (éteint ou hors réseau) : allumez-le et relancez la certification.'
      return 'Le SMS de test n’a pas été vu arriver : relancez la certification ; si cela persiste, transmettez ce certificat au Syndicat.'
    },
  },
  'wrong-password-refused': {
    kind: 'rehearsal',
    title: 'Répétition : mot de passe erroné',
    meaning:
      'Si le mot de passe du compte change sur aspsms.com sans être redonné au Syndicat, plus aucune alerte ne part : voici la réponse d’ASPSMS à reconnaître.',
    observed: (calls) =>
      `Avec un mot de passe erroné, ASPSMS répond ${said(first(calls, 'checkCredits'))} ; le logiciel du Syndicat affiche alors une erreur d’autorisation. Que faire : redonner au Syndicat le mot de passe actuel.`,
    advice: () => REHEARSAL_ADVICE,
  },
  'no-credit-refused': {
    kind: 'rehearsal',
    title: 'Répétition : plus de crédit',
    meaning:
      'Quand les crédits sont épuisés, ASPSMS refuse chaque alerte : aucun parent n’est prévenu.',
    observed: (calls) =>
      `Sans crédit, l’alerte est refusée : ${said(first(calls, 'sendText'))}. Que faire : surveiller le solde et racheter des SMS sur aspsms.com avant qu’il ne soit épuisé.`,
    advice: () => REHEARSAL_ADVICE,
  },
  'blocked-number-not-delivered': {
    kind: 'rehearsal',
    title: 'Répétition : numéro bloqué',
    meaning:
      'Un numéro qui refuse les SMS (abonnement bloqué, liste STOP) : ASPSMS accepte l’alerte et débite le crédit, mais l’accusé de réception dit qu’elle n’est pas arrivée.',
    observed: (calls) =>
      `Envoi accepté (${said(first(calls, 'sendText'))}) ; ${describeRecord(last(calls, 'inquireDeliveryNotifications')?.records?.[0])}. Que faire : prévenir le parent par un autre moyen et lui demander un autre numéro.`,
    advice: () => REHEARSAL_ADVICE,
  },
  'unassigned-number-not-delivered': {
    kind: 'rehearsal',
    title: 'Répétition : numéro inexistant',
    meaning:
      'Un numéro mal recopié ou qui n’est plus attribué : l’alerte est acceptée et débitée, mais jamais distribuée.',
    observed: (calls) =>
      `Envoi accepté (${said(first(calls, 'sendText'))}) ; ${describeRecord(last(calls, 'inquireDeliveryNotifications')?.records?.[0])}. Que faire : corriger le numéro dans la fiche du client.`,
    advice: () => REHEARSAL_ADVICE,
  },
}

/** A check as the certificate shows it. */
export interface CheckOutcome {
  /** The scenario's name in the suite (`credentials-accepted`). */
  id: string
  kind: CheckKind
  title: string
  meaning: string
  /** The runner's status. */
  status: Status
  /** `passed`; `failed`; `not-done` (NOTRUN: not run live). */
  verdict: 'passed' | 'failed' | 'not-done'
  observed: string
  /** What to do (failed checks only). */
  advice?: string
  /** The runner's own message, for the Syndicat's technician. */
  technical?: string
}

/**
 * A check's id: the scenario's name without its suite and transport.
 *
 * @example
 * checkIdOf('certification/credentials-accepted@soap') // 'credentials-accepted'
 */
export function checkIdOf(test: string): string {
  return test.replace(/^[^/]*\//, '').replace(/@.*$/, '')
}

/**
 * One scenario result told as a check of the certificate.
 *
 * @example
 * judgeCheck(result, calls, { school, minCredits: 100, live: false })
 * // { id: 'enough-credit', title: 'Solde de crédits', verdict: 'failed', observed: 'Solde : 40 crédits (minimum demandé : 100).', advice: 'Le compte n’a que 40 crédits…' }
 */
export function judgeCheck(
  result: ScenarioResult,
  calls: readonly CallRecord[],
  c: CheckContext,
): CheckOutcome {
  const id = checkIdOf(result.test)
  const def = CHECKS[id]
  const base = {
    id,
    kind: def?.kind ?? 'setup',
    title: def?.title ?? result.title,
    meaning: def?.meaning ?? result.title,
    status: result.status,
    ...(result.message ? { technical: result.message } : {}),
  }
  if (result.status === 'NOTRUN')
    return {
      ...base,
      verdict: 'not-done',
      observed: c.live
        ? 'Non vérifié en direct : ce contrôle enverrait des SMS payants ou a besoin du simulateur.'
        : 'Non vérifié.',
    }
  const observed = def ? def.observed(calls, c) : (result.message ?? '')
  if (result.status === 'PASS') return { ...base, verdict: 'passed', observed }
  const advice =
    result.status === 'PRECONDITION_FAILED'
      ? 'Ce contrôle n’a pas pu être préparé : transmettez ce certificat au Syndicat.'
      : def
        ? def.advice(calls, c)
        : REHEARSAL_ADVICE
  return { ...base, verdict: 'failed', observed, advice }
}
