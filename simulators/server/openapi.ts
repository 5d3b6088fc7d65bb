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
  error,
  providerParam,
  idParam,
  numberParam,
  query,
  providerPaths,
} from './openapi-parts.ts'

/** Builds the document, with the providers' own routes after the accounts'. */
export function openApiDocument(
  version: string,
  providerRoutes: readonly ControlRoute[] = [],
): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'smsim control API',
      version,
      description: [
        'Seed accounts, move the clock, set number states and faults, and read what the simulated providers received and sent.',
        '',
        "Request bodies are JSON with `Content-Type: application/json` (`curl --json '{…}' URL`, or `-H 'content-type: application/json' -d '{…}'`); any other type is refused with 415. The contact import takes `text/csv` or `application/octet-stream`.",
        '',
        'Every route answers 403 to a `Host` that is not a name of this smsim (loopback, the bound address, `--allow-host`), and every write to a request a browser marks as coming from another site (`Sec-Fetch-Site`, `Origin`). When smsim was started with `--control-token` (or `SMSIM_CONTROL_TOKEN`), every route but `/health` needs `Authorization: Bearer <token>` and answers 401 without it.',
      ].join('\n'),
    },
    servers: [{ url: '/_smsim' }],
    // The token is optional: `{}` is the smsim started without one.
    security: [{ controlToken: [] }, {}],
    paths: {
      '/health': {
        get: {
          summary: 'Liveness, version, providers, clock and where the SMTP gateway listens',
          security: [],
          responses: ok('healthy'),
        },
      },
      '/': {
        get: {
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
          summary: 'Empty everything and restore the configured accounts',
          responses: ok('reset'),
        },
      },
      '/providers': {
        get: {
          summary: 'Providers, their endpoints, code tables and fault codes (`refuse`)',
          responses: ok('providers', { type: 'array' }),
        },
      },
      '/accounts': {
        get: {
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
          summary: 'Create an account',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/AccountInput' }) },
          responses: {
            201: { description: 'created', ...json({ $ref: '#/components/schemas/Account' }) },
            400: error,
            409: error,
          },
        },
      },
      '/accounts/{provider}/{id}': {
        parameters: [providerParam, idParam],
        get: {
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
            400: error,
            404: error,
          },
        },
        patch: {
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
            400: error,
            404: error,
          },
        },
        delete: {
          summary: 'Delete an account',
          responses: { 204: { description: 'deleted' }, 404: error },
        },
      },
      '/accounts/{provider}/{id}/ledger': {
        parameters: [providerParam, idParam],
        get: {
          summary: 'Every change of credit of the account',
          responses: { ...ok('ledger', { type: 'array' }), 404: error },
        },
      },
      ...providerPaths(providerRoutes),
      '/messages': {
        get: {
          summary:
            'The phones: every SMS accepted, oldest first (an account id that is a credential, masked)',
          parameters: [
            query('provider', ''),
            query('account', ''),
            query('to', 'national or E.164'),
            query('status', 'scheduled|buffered|delivered|failed|expired'),
          ],
          responses: ok('messages', { type: 'array', items: { $ref: '#/components/schemas/Sms' } }),
        },
      },
      '/mails': {
        get: {
          summary: 'The outbox: every mail a provider sent back, the credentials it quotes masked',
          parameters: [query('to', ''), query('provider', '')],
          responses: ok('mails', { type: 'array' }),
        },
      },
      '/journal': {
        get: {
          summary:
            'Every request received: the fields the provider read (bounded, secrets masked) and the code answered',
          parameters: [
            query('provider', ''),
            query(
              'account',
              'the account id as created (a clear iSendPro keyid finds its entries)',
            ),
          ],
          responses: ok('journal', { type: 'array' }),
        },
      },
      '/clock': {
        get: {
          summary: 'The simulator clock',
          responses: ok('clock', { $ref: '#/components/schemas/Clock' }),
        },
        put: {
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
          responses: { ...ok('clock', { $ref: '#/components/schemas/Clock' }), 400: error },
        },
      },
      '/clock/advance': {
        post: {
          summary: 'Move the clock forward; what falls due is released',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['ms'],
              properties: { ms: { type: 'number', minimum: 0 } },
            }),
          },
          responses: { ...ok('clock', { $ref: '#/components/schemas/Clock' }), 400: error },
        },
      },
      '/numbers': {
        get: {
          summary: 'Numbers given a state, and the magic number table',
          responses: ok('numbers'),
        },
      },
      '/numbers/{number}': {
        parameters: [numberParam],
        put: {
          summary: 'Give a number a state',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/NumberState' }) },
          responses: { ...ok('set'), 400: error },
        },
        delete: {
          summary: 'Back to its default state',
          responses: { 204: { description: 'cleared' } },
        },
      },
      '/faults/{provider}': {
        parameters: [providerParam],
        get: {
          summary: 'Faults injected for a provider',
          responses: ok('faults', { $ref: '#/components/schemas/Faults' }),
        },
        put: {
          summary: 'Inject faults',
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/Faults' }) },
          responses: { ...ok('faults', { $ref: '#/components/schemas/Faults' }), 400: error },
        },
        delete: { summary: 'Clear faults', responses: { 204: { description: 'cleared' } } },
      },
      '/leases': {
        get: { summary: 'Leases held (shared, exclusive) and waiting', responses: ok('leases') },
        post: {
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
          responses: { 201: { description: 'granted', ...json({ type: 'object' }) }, 400: error },
        },
      },
      '/leases/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        delete: {
          summary: 'End a lease',
          responses: { 204: { description: 'released' }, 404: error },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: ok('OpenAPI 3.1') } },
      '/try/mail': {
        post: {
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
            400: error,
            503: error,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        controlToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'the value of --control-token / SMSIM_CONTROL_TOKEN, when smsim has one',
        },
      },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'string' } } },
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
        Sms: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            provider: { type: 'string' },
            account: { type: 'string' },
            transport: { type: 'string' },
            from: { type: 'string' },
            to: { type: 'string', description: 'E.164' },
            text: { type: 'string' },
            encoding: { type: 'string', enum: ['gsm7', 'ucs2'] },
            segments: { type: 'integer' },
            class: { type: 'string', enum: ['normal', 'flash'] },
            status: {
              type: 'string',
              enum: ['scheduled', 'buffered', 'delivered', 'failed', 'expired'],
            },
            reason: { type: 'string' },
            submittedAt: { type: 'string', format: 'date-time' },
            scheduledAt: { type: 'string', format: 'date-time' },
            deliveredAt: { type: 'string', format: 'date-time' },
            failedAt: { type: 'string', format: 'date-time' },
            history: { type: 'array' },
            meta: { type: 'object' },
          },
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
