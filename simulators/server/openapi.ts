/**
 * The OpenAPI 3.1 description of the control API, served at `/_smsim/openapi.json`.
 * Written by hand from the routes in control.ts, and from what the providers say of their own
 * routes (`controlRoutes`, core/provider.ts); a test checks that every route is in it.
 * This file holds the document's frame and the routes of smsim itself (health, reset, the
 * document, the mail "Try it"); the accounts, the records and the simulated world have their
 * own files (openapi-accounts.ts, openapi-records.ts, openapi-world.ts).
 */
import type { ControlRoute } from '../core/provider.ts'
import { errors, json, ok, providerPaths, withGuardAnswers } from './openapi-parts.ts'
import { ACCOUNT_SCHEMAS, accountPaths } from './openapi-accounts.ts'
import { RECORD_SCHEMAS, recordPaths } from './openapi-records.ts'
import { WORLD_SCHEMAS, worldPaths } from './openapi-world.ts'

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
        ...accountPaths(),
        ...providerPaths(providerRoutes),
        ...recordPaths(),
        ...worldPaths(),
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
        ...ACCOUNT_SCHEMAS,
        ...WORLD_SCHEMAS,
      },
    },
  }
}
