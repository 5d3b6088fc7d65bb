/**
 * SMStoB (smstob.com, Clic-Event): `http.php` (§4) and the three mail syntaxes (§2), both
 * decided by `decideSend`. See README.md beside this file for the fidelity table.
 */
import type { Effect } from '../core/effects.ts'
import type { Provider } from '../core/provider.ts'
import type { SmsEvent, StateView } from '../core/store.ts'
import { toFrenchNational } from '../core/phone.ts'
import { SMSTOB_CODES } from './codes.ts'
import { IMPORT_GROUP } from './control.ts'
import { HTTP_PHP } from './http.ts'
import { SMSTOB_MAIL, smstobMailUsage } from './mail.ts'
import { formatParisTime } from './mail-reply.ts'
import { validateSmstobOptions } from './options.ts'
import { SMSTOB_REPLY_FROM } from './wire.ts'

/** The address SMStoB's notices come from: the same as its replies to mails. */
export const SMSTOB_NOTICE_FROM = SMSTOB_REPLY_FROM

const REASONS: Record<string, string> = {
  unassigned: "le numéro n'est pas attribué",
  blacklisted: 'le destinataire a refusé les SMS (liste STOP)',
  rejected: "l'opérateur a refusé le message",
  'memory-full': 'la mémoire du téléphone est pleine',
  absent: 'le téléphone est resté éteint ou hors couverture pendant toute la durée de vie du SMS',
}

/**
 * What SMStoB does when the network fails an SMS: with the "normal + flash" format it sends
 * the message again as flash ("Si un message d'erreur est retourné, SMStoB envoi le message au
 * format flash", §7, not charged again — our choice); otherwise it mails the account ("Vous
 * recevez un message d'erreur par e-mail si l'opérateur n'a pu déposer le message", §4).
 */
export function onSmstobSmsEvent(event: SmsEvent, view: StateView, _now: Date): Effect[] {
  const { sms, status } = event
  if (status !== 'failed' && status !== 'expired') return []
  if (sms.meta.format === 'normal+flash' && sms.class === 'normal' && status === 'failed') {
    const { provider, account, transport, to, text, encoding, segments, validityMs } = sms
    const retry = { provider, account, transport, to, text, encoding, segments, validityMs }
    return [
      { kind: 'sms', sms: { ...retry, class: 'flash', meta: { ...sms.meta, retryOf: sms.id } } },
    ]
  }
  const account = view.account('smstob', sms.account)
  if (!account) return []
  return [
    {
      kind: 'mail',
      mail: {
        provider: 'smstob',
        account: account.id,
        from: SMSTOB_NOTICE_FROM,
        to: account.id,
        subject: `SMStoB : message non remis au ${toFrenchNational(sms.to)}`,
        text: [
          // In Paris wall time and in French, as every date SMStoB writes (mail-reply.ts).
          `Votre message envoyé ${formatParisTime(new Date(sms.submittedAt))} au ${toFrenchNational(sms.to)} n'a pas pu être déposé sur le portable du destinataire.`,
          `Raison : ${REASONS[sms.reason ?? ''] ?? sms.reason ?? 'inconnue'}.`,
          '',
          `Message : ${sms.text}`,
        ].join('\n'),
      },
    },
  ]
}

export const smstob: Provider = {
  id: 'smstob',
  name: 'SMStoB',
  prefix: '/smstob',
  codes: SMSTOB_CODES,
  http: [HTTP_PHP],
  mail: SMSTOB_MAIL,
  normalizeAccountId: (id) => id.trim().toLowerCase(),
  validateOptions: validateSmstobOptions,
  controlRoutes: [IMPORT_GROUP],
  onSmsEvent: onSmstobSmsEvent,
  demo: {
    accounts: [
      {
        provider: 'smstob',
        id: 'demo@smstob.test',
        secret: 'demo',
        credits: 1000,
        options: {
          groups: {
            demo: [
              { number: '0600000001', name: 'Jean', v1: 'Jean', v2: 'Hédé', v3: 'la Pizza' },
              {
                number: '0600000002',
                name: 'Jérôme',
                v1: 'Jérôme',
                v2: 'Rennes',
                v3: 'la Choucroute',
              },
            ],
          },
        },
      },
    ],
    usage: (base, smtp) => [
      `SMStoB   e-mail demo@smstob.test   pass demo   1000 credits   group "demo"`,
      `         curl '${base}/smstob/http.php?email=demo@smstob.test&pass=demo&numero=0660919010&message=Bonjour'`,
      ...smstobMailUsage(base, smtp),
    ],
  },
}
