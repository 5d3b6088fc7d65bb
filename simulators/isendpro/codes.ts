/**
 * iSendPro's code tables for the mail interface ("PUSH MSISDN mode mail 2 sms"): the annex's
 * error table (the codes an SMS send can produce, verbatim, with what causes each one here and
 * whether it answers the whole mail or one recipient), the three Ack codes, and the annex's
 * voice codes, which no SMS send can produce. The simulator, the client, the scenarios and the
 * README read these tables.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — IV "ANNEXES", "Tableau Code Erreur"
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.5 "Réponses par e-mail", "CodeAck MessageAck"
 */
import type { CodeEntry } from '../core/provider.ts'

/**
 * Whether a code answers the whole mail (nothing is sent, the Not mail holds one `<etat>`
 * whose `<tel>` is empty) or one recipient (one `<etatN>` per number, in the mail's order).
 */
export type CodeScope = 'request' | 'recipient' | 'both'

export interface IsendproCodeEntry extends CodeEntry {
  code: number
  scope: CodeScope
}

/**
 * The annex's codes that a mail send can produce. `when` says what produces each one in smsim;
 * where the document leaves the cause open, the choice is ours and says so.
 */
export const ISENDPRO_CODES = [
  {
    code: 0,
    text: 'Votre message a bien été envoyé',
    when: 'the SMS was sent to this recipient',
    source: 'documented',
    scope: 'recipient',
  },
  {
    code: 1,
    text: 'Le champ Login est vide',
    when: 'the `<envoi>` has no `<keyid>` element (ours: keyid is the mail interface’s login)',
    source: 'ours',
    scope: 'request',
  },
  {
    code: 2,
    text: 'Le champ PWD est vide',
    when: '`<keyid>` is there but empty (ours: the key stands for the login and its password at once; an absent key is 1, an empty one 2)',
    source: 'ours',
    scope: 'request',
  },
  {
    code: 3,
    text: 'Vos identifiants sont incorrects',
    when: 'no account has this keyid (compared exactly)',
    source: 'ours',
    scope: 'request',
  },
  {
    code: 6,
    text: 'Vous devez saisir un numéro de téléphone',
    when: 'no number at all: no `num`/`numX` with a value, and no line in `mobiles.csv`',
    source: 'ours',
    scope: 'request',
  },
  {
    code: 7,
    text: 'Un numéro de téléphone est sur 10 chiffres',
    when: 'not a mobile number: wrong length, letters, a landline (French national `06…`/`07…` or international `33…`, `+33…`, `0033…` are read)',
    source: 'ours',
    scope: 'recipient',
  },
  {
    code: 11,
    text: 'Le numéro de téléphone est dans la liste noire',
    when: 'the number is on the STOP list (magic number `06 00 00 00 11`, or state `blacklisted`): refused at send time, not charged',
    source: 'documented',
    scope: 'recipient',
  },
  {
    code: 12,
    text: 'Votre crédit de MT est épuisé',
    when: 'the credits left do not cover this recipient’s parts (recipients are served in the mail’s order, each one if the balance covers it)',
    source: 'ours',
    scope: 'recipient',
  },
  {
    code: 14,
    text: "L'adresse IP n'est pas autorisée",
    when: 'the sender’s domain (From, else the envelope sender) is not one of the account’s `senderDomains` (§II "Domaine des adresses emails de l\'expéditeur")',
    source: 'ours',
    scope: 'request',
  },
  {
    code: 16,
    text: "L'émetteur ne peut pas être vide",
    when: '`<emetteur>` is there but empty or blank',
    source: 'ours',
    scope: 'request',
  },
  {
    code: 21,
    text: "Le numéro de téléphone n'est pas attribué",
    when: 'the number is not assigned (magic number `06 00 00 00 10`, or state `unassigned`): refused at send time, not charged',
    source: 'documented',
    scope: 'recipient',
  },
  {
    code: 22,
    text: 'Le téléphone est attribué à un Full MVNO',
    when: 'the number belongs to a Full MVNO (magic number `06 00 00 00 12`, or state `mvno`): refused at send time, not charged',
    source: 'documented',
    scope: 'recipient',
  },
  {
    code: 23,
    text: 'Le nombre maximum de téléphones par requête est de 500',
    when: 'more than 500 numbers (`num`/`numX` with a value, or lines of `mobiles.csv`), or a `numX`/`smsX` with X over 500',
    source: 'documented',
    scope: 'request',
  },
  {
    code: 24,
    text: "Pas d'envoi commercial entre 20h et 08h, ni les dimanches et jours fériés",
    when: 'outside the account’s commercial window (default: 08:00–20:00 Europe/Paris, Monday to Saturday, not on French public holidays) unless the account’s restriction is lifted (`commercialExempt`)',
    source: 'documented',
    scope: 'request',
  },
  {
    code: 27,
    text: "L'indicatif pays du téléphone n'est pas autorisé !",
    when: 'a valid number of another country than France and its overseas departments (the mail interface reaches the French operators only, §I)',
    source: 'ours',
    scope: 'recipient',
  },
  {
    code: 29,
    text: 'Nous ne pouvons donner suite à votre demande (overflow)',
    when: 'injected with `PUT /_smsim/faults/isendpro {"refuse":{"code":29}}`',
    source: 'documented',
    scope: 'request',
  },
  {
    code: 30,
    text: 'Erreur sur le domaine de connexion',
    when: 'the sender has no readable domain: no From and a null envelope sender, or an address without a domain',
    source: 'ours',
    scope: 'request',
  },
  {
    code: 33,
    text: "Cet émetteur n'est pas autorisé!",
    when: '`<emetteur>` is not 4–11 letters, digits or spaces, or holds digits only',
    source: 'documented',
    scope: 'request',
  },
  {
    code: 34,
    text: 'La valeur de smslong doit être un entier !',
    when: '`smslong` is not a whole number ≥ 1 (whole request); or a recipient’s text, STOP mention included, needs more parts than `smslong` allows — without `smslong` that is one SMS, and the answer asks for the integer that is missing (REST doc: "Pour envoyer un smslong, il faut ajouter le paramètre smslong"; `999` = as many as needed up to 6)',
    source: 'ours',
    scope: 'both',
  },
  {
    code: 999,
    text: 'Une erreur est survenue. Merci de contacter le service technique',
    when: 'an unexpected failure in smsim (caught, logged in the journal), `PUT /_smsim/faults/isendpro {"refuse":{"code":999}}`, or no text for a recipient (no `sms`, no `smsX`, no `message.csv`: the annex has no code for it)',
    source: 'ours',
    scope: 'both',
  },
] as const satisfies readonly IsendproCodeEntry[]

export type IsendproCode = (typeof ISENDPRO_CODES)[number]['code']

/** The codes that answer a single recipient. */
export type RecipientCode = Extract<
  (typeof ISENDPRO_CODES)[number],
  { scope: 'recipient' | 'both' }
>['code']

/** The codes that answer the whole mail: nothing is sent. */
export type RequestCode = Extract<
  (typeof ISENDPRO_CODES)[number],
  { scope: 'request' | 'both' }
>['code']

/** The codes `PUT /_smsim/faults/isendpro` may inject: failures on iSendPro's side. */
export const ISENDPRO_FAULT_CODES = [29, 999] as const satisfies readonly IsendproCode[]

/**
 * The Ack codes: whether the mail itself was processed. Verbatim, without accents, as the
 * document writes them.
 *
 * @see shared/specs/003_757a0a2884dd0a0c.txt — III.5 "Ack"
 */
export const ISENDPRO_ACK_CODES = [
  {
    code: 0,
    text: 'Votre email a bien ete traite',
    when: 'the mail was read and processed: its sends are reported by the Not mail',
    source: 'documented',
  },
  {
    code: 1,
    text: 'emailId deja traite',
    when: 'this account already processed a mail with this emailId: nothing is sent, no Not mail',
    source: 'documented',
  },
  {
    code: 2,
    text: 'emailId non renseigne',
    when: 'the `<envoi>` has no `<emailId>` (or an empty one): nothing is sent, no Not mail',
    source: 'documented',
  },
] as const satisfies readonly CodeEntry[]

export type IsendproAckCode = (typeof ISENDPRO_ACK_CODES)[number]['code']

/**
 * The annex's voice-call codes (recorded calls and answering-machine drops). The mail
 * interface sends SMS only — its `<envoi>` has no call type, no audio file, no caller number —
 * so none of these can arise from a mail; they are listed for completeness, and the client
 * recognises them.
 */
export const ISENDPRO_VOICE_CODES = [
  { code: 100, text: "Vous devez saisir un type d'appel valide" },
  { code: 101, text: 'Les appels répondeurs ne fonctionnent pas avec les numéros de fixe !' },
  { code: 102, text: 'Vous devez saisir un fichier valide !' },
  { code: 103, text: "L'émetteur doit être sur 10 chiffres !" },
  { code: 104, text: "L'émetteur ne doit comporter que des chiffres !" },
  { code: 105, text: "L'émetteur ne peut pas être un numéro en 08," },
  { code: 106, text: 'Seuls les fichiers .wma, .wav sont acceptés !' },
  { code: 107, text: 'Votre fichier dépasse 30 secondes !' },
  { code: 1000, text: 'Le fichier a bien été importé' },
] as const
