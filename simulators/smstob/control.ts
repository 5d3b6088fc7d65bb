/**
 * SMStoB's own control route: a `;`-separated contact file (§7) becomes one group of an account,
 * as the SMStoB site's contact import does; the mails then address the group by its name (§6).
 * Mounted by the control API from {@link smstob}'s `controlRoutes` (core/provider.ts).
 *
 * @see shared/specs/001_3f6d8b77c0e17a78.txt — §7 "Insertion d'un fichier de contacts"
 */
import { charsetOf, decodeText } from '../core/charset.ts'
import { ControlError } from '../core/errors.ts'
import type { ControlRoute } from '../core/provider.ts'
import { importContacts, MAX_CONTACTS_FILE_BYTES } from './contacts.ts'

/**
 * `PUT /_smsim/accounts/smstob/{id}/groups/{group}` with a CSV body: the group is created or
 * replaced; the answer counts the contacts imported and lists the lines rejected.
 *
 * @example
 * // curl -X PUT localhost:8780/_smsim/accounts/smstob/ecole@example.fr/groups/moniteurs \
 * //   -H 'content-type: text/csv' --data-binary @moniteurs.csv
 * // {"group":"moniteurs","imported":2,"rejected":[]}
 */
export const IMPORT_GROUP: ControlRoute = {
  method: 'put',
  path: '/accounts/smstob/:id/groups/:group',
  csvBody: { maxBytes: MAX_CONTACTS_FILE_BYTES, what: 'the contacts' },
  openapi: {
    operationId: 'importSmstobGroup',
    summary: 'Import a `;`-separated contact file as a group (SMStoB §6–7)',
    parameters: { id: 'the provider login' },
    response: {
      description: 'imported',
      schema: {
        type: 'object',
        properties: { imported: { type: 'integer' }, rejected: { type: 'array' } },
      },
    },
    errors: [400, 404],
  },
  handle({ params, headers, body }, view) {
    const id = params.id ?? ''
    const group = params.group ?? ''
    const account = view.account('smstob', id)
    if (!account) throw new ControlError(404, `no smstob account "${id}"`)
    if (!(body instanceof Uint8Array))
      throw new ControlError(400, 'send the contacts as a text/csv body')
    // Excel in France saves CSV in windows-1252, and curl declares no charset.
    const csv = decodeText(body, charsetOf(headers['content-type']))
    const { contacts, rejected } = importContacts(csv)
    const groups = { ...((account.options.groups as object) ?? {}), [group]: contacts }
    return {
      json: { group, imported: contacts.length, rejected },
      effects: [{ kind: 'options', provider: 'smstob', account: account.id, set: { groups } }],
    }
  },
}
