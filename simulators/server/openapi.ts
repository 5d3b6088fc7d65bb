/**
 * The OpenAPI 3.1 description of the control API, served at `/_smsim/openapi.json`.
 * Written by hand from the routes in control.ts, and from what the providers say of their own
 * routes (`controlRoutes`, core/provider.ts); a test checks that every route is in it.
 */
import { NUMBER_STATUSES } from '../core/numbers.ts'
import type { ControlRoute } from '../core/provider.ts'
import {
  json,
  ok,
  errors,
  providerParam,
  idParam,
  numberParam,
  query,
  providerPaths,
  withGuardAnswers,
} from './openapi-parts.ts'
import { RECORD_SCHEMAS, recordPaths } from './openapi-records.ts'

/**
 * Builds the document, with the providers' own routes after the accounts'. With `token` (smsim
 * has a control token), the bearer scheme is required on every operation but health, and
 * each one documents its 401.
 *
 * @example
 * openApiDocument('0.1.0', PROVIDERS.flatMap((p) => p.controlRoutes ?? []), { token: true })
 */
export function openApiDocument(
  version: string,
  providerRoutes: readonly ControlRoute[] = [],
  options: { token?: boolean } = {},
): Record<string, unknown> {
  const token = options.token === true
  return {
    openapi: '3.1.0',
    info: {
      title: 'smsim control API',
      version,
      license: { name: 'MIT', identifier: 'MIT' },
      description: [
        'Seed accounts, move the clock, set number states and faults, and read what the simulated providers received and sent.',
        '',
        "Request bodies are JSON with `Content-Type: application/json` (`curl --json '{…}' URL`, or `-H 'content-type: application/json' -d '{…}'`); any other type is refused with 415. The contact import takes `text/csv` or `application/octet-stream`.",
        '',
        'Every route answers 403 to a `Host` that is not a name of this smsim (loopback, the bound address, `--allow-host`), and every write to a request a browser marks as coming from another site (`Sec-Fetch-Site`, `Origin`). When smsim was started with `--control-token` (or `SMSIM_CONTROL_TOKEN`), every route but `/health` needs `Authorization: Bearer <token>` and answers 401 without it.',
      ].join('\n'),
    },
    servers: [{ url: '/_smsim' }],
    // Without a token, nothing is asked for: `[]` says so (the guards' 403 is not a scheme).
    security: token ? [{ controlToken: [] }] : [],
    paths: withGuardAnswers(
      {
        '/health': {
          get: {
            operationId: 'getHealth',
            summary: 'Liveness, version, providers, clock and where the SMTP gateway listens',
            security: [],
            responses: ok('healthy'),
          },
        },
        '/': {
          get: {
            operationId: 'getIndex',
            summary:
              'Where things are: the dashboard (`/`), this document, health. HTML for a browser (`Accept: text/html`), JSON otherwise; no token needed',
            security: [],
            responses: {
              200: {
                description: 'the links',
                content: {
                  'application/json': { schema: { type: 'object' } },
                  'text/html': { schema: { type: 'string' } },
                },
              },
            },
          },
        },
        '/reset': {
          post: {
            operationId: 'reset',
            summary: 'Empty everything and restore the configured accounts',
            responses: ok('reset'),
          },
        },
        '/providers': {
          get: {
            operationId: 'listProviders',
            summary: 'Providers, their endpoints, code tables and fault codes (`refuse`)',
            responses: ok('providers', { type: 'array' }),
          },
        },
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
        ...providerPaths(providerRoutes),
        ...recordPaths(),
        '/clock': {
          get: {
            operationId: 'getClock',
            summary: 'The simulator clock',
            responses: ok('clock', { $ref: '#/components/schemas/Clock' }),
          },
          put: {
            operationId: 'setClock',
            summary: 'Set the clock (frozen, or running from there)',
            requestBody: {
              required: true,
              ...json({
                type: 'object',
                required: ['now'],
                properties: {
                  now: { type: 'string', format: 'date-time' },
                  frozen: { type: 'boolean' },
                },
              }),
            },
            responses: {
              ...ok('clock', { $ref: '#/components/schemas/Clock' }),
              ...errors(400, 415),
            },
          },
        },
        '/clock/advance': {
          post: {
            operationId: 'advanceClock',
            summary: 'Move the clock forward; what falls due is released',
            requestBody: {
              required: true,
              ...json({
                type: 'object',
                required: ['ms'],
                properties: { ms: { type: 'number', minimum: 0 } },
              }),
            },
            responses: {
              ...ok('clock', { $ref: '#/components/schemas/Clock' }),
              ...errors(400, 415),
            },
          },
        },
        '/numbers': {
          get: {
            operationId: 'listNumbers',
            summary: 'Numbers given a state, and the magic number table',
            responses: ok('numbers'),
          },
        },
        '/numbers/{number}': {
          parameters: [numberParam],
          put: {
            operationId: 'setNumber',
            summary: 'Give a number a state',
            requestBody: { required: true, ...json({ $ref: '#/components/schemas/NumberState' }) },
            responses: { ...ok('set'), ...errors(400, 415) },
          },
          delete: {
            operationId: 'clearNumber',
            summary: 'Back to its default state',
            responses: { 204: { description: 'cleared' }, ...errors(400) },
          },
        },
        '/faults/{provider}': {
          parameters: [providerParam],
          get: {
            operationId: 'getFaults',
            summary: 'Faults injected for a provider',
            responses: { ...ok('faults', { $ref: '#/components/schemas/Faults' }), ...errors(404) },
          },
          put: {
            operationId: 'setFaults',
            summary: 'Inject faults',
            requestBody: { required: true, ...json({ $ref: '#/components/schemas/Faults' }) },
            responses: {
              ...ok('faults', { $ref: '#/components/schemas/Faults' }),
              ...errors(400, 404, 415),
            },
          },
          delete: {
            operationId: 'clearFaults',
            summary: 'Clear faults',
            responses: { 204: { description: 'cleared' }, ...errors(404) },
          },
        },
        '/leases': {
          get: {
            operationId: 'listLeases',
            summary: 'Leases held (shared, exclusive) and waiting',
            responses: ok('leases'),
          },
          post: {
            operationId: 'acquireLease',
            summary:
              'Wait for a lease on the shared state: "shared" beside others, "exclusive" alone (runners sharing one smsim); answers when granted',
            requestBody: {
              ...json({
                type: 'object',
                properties: {
                  mode: { type: 'string', enum: ['shared', 'exclusive'], default: 'shared' },
                  ttlMs: { type: 'number', default: 60000, maximum: 900000 },
                },
              }),
            },
            responses: {
              201: { description: 'granted', ...json({ type: 'object' }) },
              ...errors(400, 415, 503),
            },
          },
        },
        '/leases/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          delete: {
            operationId: 'releaseLease',
            summary: 'End a lease',
            responses: { 204: { description: 'released' }, ...errors(404) },
          },
        },
        '/openapi.json': {
          get: {
            operationId: 'getOpenApi',
            summary: 'This document',
            responses: ok('OpenAPI 3.1'),
          },
        },
        '/try/mail': {
          post: {
            operationId: 'tryMail',
            summary:
              "Send a mail through smsim's own SMTP gateway (a real SMTP session, nodemailer's client) and answer the gateway's reply, the journal entries written meanwhile (the provider's code) and the mails sent back: the dashboard's \"Try it\" for the mail interfaces",
            requestBody: {
              required: true,
              ...json({
                type: 'object',
                required: ['from', 'to'],
                properties: {
                  from: { type: 'string', maxLength: 256 },
                  to: { type: 'string', maxLength: 256, description: "a provider's address" },
                  subject: { type: 'string' },
                  text: { type: 'string' },
                },
              }),
            },
            responses: {
              ...ok('the SMTP reply (a refusal too: `smtp.code` 550…) and what the mail caused', {
                type: 'object',
                properties: {
                  smtp: {
                    type: 'object',
                    properties: {
                      code: { type: 'integer', description: 'absent when no reply came (dropped)' },
                      response: { type: 'string' },
                      accepted: { type: 'array', items: { type: 'string' } },
                      rejected: { type: 'array', items: { type: 'string' } },
                    },
                  },
                  messageId: { type: 'string' },
                  journal: { type: 'array' },
                  mails: { type: 'array' },
                },
              }),
              ...errors(400, 503),
            },
          },
        },
      },
      token,
    ),
    components: {
      ...(token
        ? {
            securitySchemes: {
              controlToken: {
                type: 'http',
                scheme: 'bearer',
                description: 'the value of --control-token / SMSIM_CONTROL_TOKEN',
              },
            },
          }
        : {}),
      schemas: {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
        ...RECORD_SCHEMAS,
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
        Clock: {
          type: 'object',
          properties: {
            now: { type: 'string', format: 'date-time' },
            frozen: { type: 'boolean' },
            mode: { type: 'string', enum: ['real', 'offset', 'frozen'] },
          },
        },
        NumberState: {
          type: 'object',
          required: ['status'],
          properties: {
            status: {
              type: 'string',
              enum: [...NUMBER_STATUSES],
            },
            backAfterMs: { type: 'number', description: 'absent only: when the phone comes back' },
          },
        },
        Faults: {
          type: 'object',
          properties: {
            latencyMs: { type: 'number' },
            http500: { oneOf: [{ type: 'integer' }, { const: 'always' }] },
            drop: { oneOf: [{ type: 'integer' }, { const: 'always' }] },
            refuse: {
              description:
                'answer with this provider code (ASPSMS 2, 6, 7, 24; iSendPro 29, 999); null clears it',
              oneOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['code'],
                  properties: {
                    code: { type: 'integer' },
                    times: { oneOf: [{ type: 'integer' }, { const: 'always' }] },
                  },
                },
              ],
            },
          },
        },
      },
    },
  }
}
