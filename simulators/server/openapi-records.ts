/**
 * The OpenAPI paths and schemas of what smsim received and sent, and of how to watch it: the
 * phones (`/messages`), the outbox (`/mails`, `/mails/{id}.eml`), the journal, and the event
 * stream (`/events`), with their filters, pages, waits and one-time codes.
 */
import { MAX_OTP_PATTERN_CHARS } from './otp-pattern.ts'
import { errors, json, ok, query } from './openapi-parts.ts'
import {
  EVENT_KEEP_ALIVE_MS,
  EVENT_RETRY_MS,
  MAX_EVENT_STREAM_BUFFER_BYTES,
  MAX_EVENT_STREAMS,
  MAX_WAIT_MS,
} from './live-limits.ts'
import { TOTAL_COUNT_HEADER } from './control-records.ts'

const WAIT = query(
  'wait',
  `Wait for a first record: \`500ms\`, \`5s\` or a number of milliseconds, at most ${MAX_WAIT_MS / 1000} s. The answer comes as soon as a record matches the filters (past \`offset\`) — one already there counts: add \`since\` to count only newer ones — else at the deadline with 408. Real time, whatever the simulator's clock.`,
)
const SINCE = query(
  'since',
  "only records created at or after this instant (ISO 8601 with its offset), on the simulator's clock",
  { type: 'string', format: 'date-time' },
)
const PAGE = [
  query('limit', 'at most this many records (default: all)', { type: 'integer', minimum: 0 }),
  query('offset', 'skip this many records first, in the chosen order', {
    type: 'integer',
    minimum: 0,
    default: 0,
  }),
  query('order', 'asc: oldest first (the default); desc: newest first', {
    type: 'string',
    enum: ['asc', 'desc'],
    default: 'asc',
  }),
]

/** The count before `limit` and `offset`, on every page. */
const totalCount = {
  [TOTAL_COUNT_HEADER]: {
    description: 'how many records the filters selected, before limit and offset',
    schema: { type: 'integer' },
  },
}

/** `/messages`, `/mails`, `/mails/{id}.eml`, `/journal`, `/events`. */
export function recordPaths(): Record<string, Record<string, unknown>> {
  return {
    '/messages': {
      get: {
        operationId: 'listMessages',
        summary:
          'The phones: every SMS accepted, oldest first, with its one-time code (`otp`); filtered, paged, searched, awaited',
        parameters: [
          query('provider', ''),
          query('account', 'the account id as created (a clear iSendPro keyid finds its SMS)'),
          query('to', 'national or E.164'),
          query('status', 'scheduled|buffered|delivered|failed|expired'),
          SINCE,
          query('q', 'only SMS whose text holds this text (case counts)'),
          query(
            'otp',
            `read each \`otp\` with this pattern instead of the default \`\\b\\d{4,8}\\b\` (a JavaScript regular expression, flag u, ${MAX_OTP_PATTERN_CHARS} characters at most): its first capture group if it has one, else the match. Not a filter. A pattern that backtracks too long is refused (400).`,
          ),
          WAIT,
          ...PAGE,
        ],
        responses: {
          200: {
            description: 'the SMS of the page',
            headers: totalCount,
            ...json({ type: 'array', items: { $ref: '#/components/schemas/Sms' } }),
          },
          ...errors(400, 408, 503),
        },
      },
    },
    '/mails': {
      get: {
        operationId: 'listMails',
        summary:
          'The outbox: every mail a provider sent back, oldest first, the credentials it quotes masked; filtered, paged, searched, awaited',
        parameters: [
          query('to', 'the recipient, in any case'),
          query('provider', ''),
          SINCE,
          query('q', 'only mails whose subject or text (as shown, masked) holds this text'),
          WAIT,
          ...PAGE,
        ],
        responses: {
          200: {
            description: 'the mails of the page',
            headers: totalCount,
            ...json({ type: 'array', items: { $ref: '#/components/schemas/Mail' } }),
          },
          ...errors(400, 408, 503),
        },
      },
    },
    '/mails/{id}.eml': {
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          description: 'the mail id (`mail-000001`)',
        },
      ],
      get: {
        operationId: 'getMailSource',
        summary:
          'The mail as its source (RFC 5322), as the relay delivers it, credentials masked as in the JSON',
        responses: {
          200: {
            description: 'the source, as an attachment named `<id>.eml`',
            headers: {
              'Content-Disposition': {
                description: 'attachment; filename="<id>.eml"',
                schema: { type: 'string' },
              },
            },
            content: { 'message/rfc822': { schema: { type: 'string' } } },
          },
          ...errors(404),
        },
      },
    },
    '/journal': {
      get: {
        operationId: 'listJournal',
        summary:
          'Every request received: the fields the provider read (bounded, secrets masked) and the code answered',
        parameters: [
          query('provider', ''),
          query('account', 'the account id as created (a clear iSendPro keyid finds its entries)'),
        ],
        responses: ok('journal', {
          type: 'array',
          items: { $ref: '#/components/schemas/JournalEntry' },
        }),
      },
    },
    '/events': {
      get: {
        operationId: 'streamEvents',
        summary: 'What changes, as it happens: Server-Sent Events',
        description: EVENTS_DESCRIPTION,
        responses: {
          200: {
            description: 'the stream, open until the client closes it',
            content: {
              'text/event-stream': {
                schema: {
                  type: 'string',
                  description:
                    'Frames of `id:`, `event:` and one `data:` line of JSON each, separated by a blank line',
                },
              },
            },
          },
          ...errors(503),
        },
      },
    },
  }
}

const EVENTS_DESCRIPTION = [
  `Opens with \`retry: ${EVENT_RETRY_MS}\`; then one event per change, each with an \`id:\` (one increasing sequence for every stream of this smsim) and one \`data:\` line of JSON; a \`: keep-alive\` comment every ${EVENT_KEEP_ALIVE_MS / 1000} s.`,
  '',
  '| event | when | data |',
  '| --- | --- | --- |',
  '| `sms` | an SMS was created, or changed status (delivered, buffered, failed, expired, released by the clock) | one element of `GET /messages` (`Sms`) |',
  '| `mail` | a provider sent a mail back | one element of `GET /mails` (`Mail`) |',
  '| `journal` | a request was journalled | one element of `GET /journal` (`JournalEntry`) |',
  '| `clock` | the clock was set or moved | the body of `GET /clock` (`Clock`) |',
  '| `account` | an account was created or changed (credits, secret, options; events are sent every 100 ms, and its latest state replaces the one still waiting) | the body of `GET /accounts/{provider}/{id}` (`Account`) |',
  '| `account-deleted` | an account was deleted | `{"provider", "id"}` (the id masked where it is a credential) |',
  '| `state` | number states or faults changed | `{"kind": "numbers" \\| "faults"}`: read them again |',
  '| `reset` | everything was emptied | `{}`: read everything again |',
  '',
  `An SMS is told once per decision or clock move, in its state after it (its \`history\` lists each status). Nothing is replayed: a client that reconnects (\`Last-Event-ID\` is not read) reads the lists again. At most ${MAX_EVENT_STREAMS} streams at once (503 beyond); a client that leaves ${MAX_EVENT_STREAM_BUFFER_BYTES / 1024 / 1024} MiB unread is disconnected. With a control token, send it in \`Authorization\`: read the stream with \`fetch\`, which sets headers, rather than \`EventSource\`, which cannot.`,
].join('\n')

/** The schemas of the records shown: SMS, mails, journal entries, and the 408 of a wait. */
export const RECORD_SCHEMAS = {
  Sms: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      provider: { $ref: '#/components/schemas/ProviderId' },
      account: { type: 'string', description: 'masked where it is the credential (iSendPro)' },
      transport: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string', description: 'E.164' },
      text: { type: 'string' },
      encoding: { type: 'string', enum: ['gsm7', 'ucs2', 'binary'] },
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
      validityMs: { type: 'integer' },
      history: { type: 'array', items: { type: 'object' } },
      meta: { type: 'object' },
      otp: {
        type: 'string',
        description:
          'the first group of 4 to 8 digits standing alone in the text (`\\b\\d{4,8}\\b`), or what `?otp=` read; absent when none',
      },
    },
  },
  Mail: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      provider: { $ref: '#/components/schemas/ProviderId' },
      from: { type: 'string' },
      to: { type: 'string' },
      subject: { type: 'string' },
      text: { type: 'string' },
      date: { type: 'string', format: 'date-time' },
      account: { type: 'string' },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  JournalEntry: {
    type: 'object',
    required: ['seq', 'at', 'transport', 'request'],
    properties: {
      seq: { type: 'integer' },
      at: { type: 'string', format: 'date-time', description: 'on the simulator clock' },
      provider: {
        $ref: '#/components/schemas/ProviderId',
        description:
          'absent only for a mail refused at the SMTP level whose recipient names no provider',
      },
      transport: {
        type: 'string',
        description: 'e.g. http, soap, json, xml, wsdl, smtp, callback, relay',
      },
      account: { type: 'string' },
      request: {
        type: 'object',
        description: 'the fields the provider read, bounded, secrets masked',
      },
      code: {
        oneOf: [{ type: 'string' }, { type: 'number' }],
        description: "the provider's code answered",
      },
      meaning: {
        type: 'string',
        description: "what the provider's code table says the code means",
      },
      status: { type: 'integer', description: 'HTTP status or SMTP reply code' },
      messages: { type: 'array', items: { type: 'string' }, description: 'SMS ids created' },
      note: { type: 'string' },
      secure: { type: 'boolean', enum: [true], description: 'the request came over HTTPS' },
    },
  },
  WaitTimeout: {
    type: 'object',
    required: ['error', 'awaited'],
    properties: {
      error: { type: 'string' },
      awaited: {
        type: 'object',
        description: 'the kind (`sms` or `mail`), the filters given and `waitMs`',
      },
    },
  },
}
