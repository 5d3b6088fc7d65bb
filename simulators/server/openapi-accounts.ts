/**
 * The OpenAPI paths and schemas of the simulated accounts: list and create them, read, change
 * and delete one (its secret masked unless asked), and its ledger of credits.
 */
import { errors, idParam, json, ok, providerParam, query } from './openapi-parts.ts'

/**
 * The accounts' paths, in the order the document lists them.
 *
 * @example
 * paths: { ...accountPaths(), ...recordPaths() }
 */
export function accountPaths(): Record<string, Record<string, unknown>> {
  return {
    '/accounts': {
      get: {
        operationId: 'listAccounts',
        summary:
          'List accounts, secrets masked (`****`, and the last 2 characters from 8 on) unless `reveal=secret`',
        parameters: [
          query('provider', 'only this provider'),
          {
            name: 'reveal',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['secret'] },
            description:
              'show the secrets (and iSendPro keyids) in clear, as the read of one account does; the dashboard needs the ids to manage iSendPro accounts',
          },
        ],
        responses: ok('accounts', {
          type: 'array',
          items: { $ref: '#/components/schemas/Account' },
        }),
      },
      post: {
        operationId: 'createAccount',
        summary: 'Create an account',
        requestBody: { required: true, ...json({ $ref: '#/components/schemas/AccountInput' }) },
        responses: {
          201: { description: 'created', ...json({ $ref: '#/components/schemas/Account' }) },
          ...errors(400, 404, 409, 415),
        },
      },
    },
    '/accounts/{provider}/{id}': {
      parameters: [providerParam, idParam],
      get: {
        operationId: 'getAccount',
        summary:
          'Read an account and its credits; the secret is masked (and the id, where it is the credential: iSendPro) unless `reveal=secret`',
        parameters: [
          {
            name: 'reveal',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: ['secret'] },
            description:
              'show the secret (and an iSendPro keyid) in clear: the one read that does; any other value is a 400',
          },
        ],
        responses: {
          ...ok('the account', { $ref: '#/components/schemas/Account' }),
          ...errors(400, 404),
        },
      },
      patch: {
        operationId: 'updateAccount',
        summary: 'Change credits, secret or options (options are merged)',
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            properties: {
              credits: { type: 'number' },
              secret: { type: 'string' },
              options: { type: 'object' },
            },
          }),
        },
        responses: {
          ...ok('the account', { $ref: '#/components/schemas/Account' }),
          ...errors(400, 404, 415),
        },
      },
      delete: {
        operationId: 'deleteAccount',
        summary: 'Delete an account',
        responses: { 204: { description: 'deleted' }, ...errors(404) },
      },
    },
    '/accounts/{provider}/{id}/ledger': {
      parameters: [providerParam, idParam],
      get: {
        operationId: 'getLedger',
        summary: 'Every change of credit of the account',
        responses: {
          ...ok('ledger', { type: 'array', items: { type: 'object' } }),
          ...errors(404),
        },
      },
    },
  }
}

/** The schemas the accounts' paths name (`#/components/schemas/Account`…). */
export const ACCOUNT_SCHEMAS = {
  ProviderId: { type: 'string', enum: ['smstob', 'aspsms', 'allmysms', 'isendpro'] },
  AccountInput: {
    type: 'object',
    required: ['provider', 'id'],
    properties: {
      provider: { $ref: '#/components/schemas/ProviderId' },
      id: {
        type: 'string',
        description: 'SMStoB e-mail, ASPSMS UserKey, allmysms login, iSendPro keyid',
      },
      secret: {
        type: 'string',
        description: 'SMStoB pass, ASPSMS Password, allmysms apiKey',
      },
      credits: { type: 'number', minimum: 0 },
      options: { type: 'object', description: 'provider-specific, see each provider README' },
    },
  },
  Account: {
    allOf: [
      { $ref: '#/components/schemas/AccountInput' },
      { type: 'object', properties: { createdAt: { type: 'string', format: 'date-time' } } },
    ],
  },
}
