/**
 * The OpenAPI paths and schemas of the simulated world a test sets up: the clock, the numbers'
 * states, the faults injected per provider, and the leases runners take on that shared state.
 */
import { NUMBER_STATUSES } from '../core/numbers.ts'
import { errors, json, numberParam, ok, providerParam } from './openapi-parts.ts'

/**
 * The paths of the clock, the numbers, the faults and the leases, in the order the document
 * lists them.
 *
 * @example
 * paths: { ...recordPaths(), ...worldPaths() }
 */
export function worldPaths(): Record<string, Record<string, unknown>> {
  return {
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
  }
}

/** The schemas the world's paths name (`#/components/schemas/Clock`…). */
export const WORLD_SCHEMAS = {
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
}
