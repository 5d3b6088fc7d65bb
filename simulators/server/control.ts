/**
 * The control API under `/_smsim/` (DESIGN.md "Public contract"): JSON in and out, described by
 * the OpenAPI document at `/_smsim/openapi.json`. Served by express; the provider endpoints are
 * not (they are the hot path, see http-server.ts).
 */
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express'
import { toInstant } from '../core/clock.ts'
import { ControlError } from '../core/errors.ts'
import type { Account } from '../core/model.ts'
import { MAGIC_NUMBERS, MAGIC_PREFIXES, NUMBER_STATUSES } from '../core/numbers.ts'
import type { ControlRoute } from '../core/provider.ts'
import {
  crossSiteGuard,
  csvBodyGuard,
  hostGuard,
  HostAllowList,
  jsonBodyGuard,
  tokenGuard,
  type ControlAccessOptions,
} from './control-guard.ts'
import { mountEventRoutes } from './control-events.ts'
import { mountLeaseRoutes } from './control-leases.ts'
import { mountRecordRoutes } from './control-records.ts'
import { recordViews } from './control-views.ts'
import type { LiveLimits } from './live-limits.ts'
import { mountTryRoutes } from './control-try.ts'
import { controlIndex, dashboardAssets, dashboardPage } from '../dashboard/serve.ts'
import { validateFaults } from '../engine/faults.ts'
import { openApiDocument } from './openapi.ts'
import type { Simulator } from './simulator.ts'
import {
  objectBody,
  reveal,
  knownProvider,
  optionalProvider,
  stringField,
  credits,
  options,
  accountInput,
  e164,
  numberState,
} from './control-input.ts'
import { SMSIM_VERSION } from '../version.ts'

/** Largest JSON body the control API reads (accounts with big groups fit). */
export const MAX_CONTROL_BODY = '1mb'

/**
 * Builds the express app that serves `/_smsim/` and `/` (the dashboard), behind the guards of control-guard.ts:
 * the Host, cross-site writes, the token (when `access.token` is set) and the content types.
 */
export function createControlApp(
  sim: Simulator,
  logger: Pick<Console, 'error'> = console,
  access: ControlAccessOptions = {},
  liveLimits: Partial<LiveLimits> = {},
): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'simple')
  app.use(hostGuard(access.hosts ?? new HostAllowList()), crossSiteGuard())
  const api = express.Router()
  // Ahead of the token: runners and CI scripts probe it to find out whether smsim is up.
  // With --data-dir, the directory too: one that cannot be written (a full disk) makes smsim
  // unhealthy (503), as it refuses every request then.
  api.get('/health', (_req, res) => {
    sim.tick()
    const onDisk = sim.store.onDisk?.()
    res.status(onDisk?.writable === false ? 503 : 200).json({
      status: onDisk?.writable === false ? 'unwritable' : 'ok',
      version: SMSIM_VERSION,
      providers: [...sim.providers.keys()],
      clock: sim.clock.toJSON(),
      ...(sim.smtp ? { smtp: sim.smtp } : {}),
      ...(onDisk
        ? {
            dataDir: {
              path: onDisk.dir,
              writable: onDisk.writable,
              ...(onDisk.error ? { error: onDisk.error } : {}),
            },
          }
        : {}),
    })
  })
  // Where things are, and the dashboard's scripts: no data in either, so no token (a browser
  // loads a script without an Authorization header). The page asks for the token itself.
  api.get('/', controlIndex(SMSIM_VERSION))
  api.use('/dashboard', dashboardAssets())
  if (access.token !== undefined) api.use(tokenGuard(access.token))
  // The providers' own routes (core/provider.ts). Those with a CSV body (SMStoB's contact
  // import) go ahead of the JSON parser and read their body raw: text/csv or octet-stream only,
  // the types a page can send without a preflight are refused.
  const providerRoutes = [...sim.providers.values()].flatMap((p) => p.controlRoutes ?? [])
  for (const route of providerRoutes)
    if (route.csvBody)
      api[route.method](
        route.path,
        csvBodyGuard(route.csvBody.what),
        express.raw({ type: () => true, limit: route.csvBody.maxBytes }),
        providerRoute(sim, route),
      )

  // On disk (--data-dir), a change is answered once it is durable, as a provider's request is.
  const { durable } = sim.store
  if (durable) api.use(answerWhenDurable(durable))

  // A body is JSON, said so by its Content-Type (jsonBodyGuard refuses any other).
  api.use(jsonBodyGuard(), express.json({ limit: MAX_CONTROL_BODY, type: () => true }))

  // Every read first releases what fell due on a running clock.
  api.use((_req, _res, next) => {
    sim.tick()
    next()
  })

  const described = openApiDocument(SMSIM_VERSION, providerRoutes, {
    token: access.token !== undefined,
  })
  api.get('/openapi.json', (_req, res) => res.json(described))
  api.post('/reset', (_req, res) => {
    sim.reset()
    res.json({ status: 'reset', accounts: sim.store.listAccounts().length })
  })

  api.get('/providers', (_req, res) => {
    res.json(
      [...sim.providers.values()].map((p) => ({
        id: p.id,
        name: p.name,
        prefix: p.prefix,
        endpoints: p.http.map((e) => ({ name: e.name, hosts: e.hosts, paths: e.paths })),
        codes: p.codes,
        // The codes `PUT /faults/{provider}` may refuse with (the dashboard offers them).
        faultCodes: p.faultCodes ?? [],
      })),
    )
  })

  // Every read shows secrets masked (core/secrets.ts): an account's secret, an id that is a
  // credential (iSendPro's keyid), the credentials a mail quotes. The journal is masked as stored.
  // The event stream shows them by the same views.
  const views = recordViews(sim)
  const shown = (account: Account, reveal = false) => views.account(account, reveal)

  api.get('/accounts', (req, res) => {
    const clear = reveal(req.query.reveal)
    res.json(
      sim.store.listAccounts(optionalProvider(sim, req.query.provider)).map((a) => shown(a, clear)),
    )
  })
  api.post('/accounts', (req, res) => {
    const input = accountInput(sim, req.body)
    res.status(201).json(shown(sim.store.createAccount(input, sim.clock.now())))
  })
  api.get('/accounts/:provider/:id', (req, res) => {
    const provider = knownProvider(sim, req.params.provider)
    const account = sim.store.account(provider, req.params.id)
    if (!account) throw new ControlError(404, `no ${provider} account "${req.params.id}"`)
    res.json(shown(account, reveal(req.query.reveal)))
  })
  api.patch('/accounts/:provider/:id', (req, res) => {
    const provider = knownProvider(sim, req.params.provider)
    const body = objectBody(req.body)
    const patch: { credits?: number; secret?: string; options?: Record<string, unknown> } = {}
    if (body.credits !== undefined) patch.credits = credits(body.credits)
    if (body.secret !== undefined) patch.secret = stringField(body.secret, 'secret')
    if (body.options !== undefined) patch.options = options(sim, provider, body.options)
    res.json(shown(sim.store.updateAccount(provider, req.params.id, patch, sim.clock.now())))
  })
  api.delete('/accounts/:provider/:id', (req, res) => {
    sim.store.deleteAccount(knownProvider(sim, req.params.provider), req.params.id)
    res.status(204).end()
  })
  api.get('/accounts/:provider/:id/ledger', (req, res) => {
    const provider = knownProvider(sim, req.params.provider)
    const account = sim.store.account(provider, req.params.id)
    if (!account) throw new ControlError(404, `no ${provider} account "${req.params.id}"`)
    res.json(
      sim.store
        .ledger({ provider, account: account.id })
        .map((entry) => ({ ...entry, account: views.accountId(provider, entry.account) })),
    )
  })

  mountRecordRoutes(api, sim, views, liveLimits.maxWaiters)
  mountEventRoutes(api, sim.changes, views, liveLimits)
  api.get('/journal', (req, res) => {
    const q = req.query as Record<string, string | undefined>
    res.json(
      sim.store.journal({
        ...(q.provider ? { provider: q.provider } : {}),
        ...(q.account ? { account: q.account } : {}),
      }),
    )
  })

  api.get('/clock', (_req, res) => res.json(sim.clock.toJSON()))
  api.put('/clock', (req, res) => {
    const body = objectBody(req.body)
    if (typeof body.now !== 'string')
      throw new ControlError(
        400,
        'body must be {"now": "<ISO 8601 with offset>", "frozen": true|false}',
      )
    try {
      toInstant(body.now)
    } catch (error) {
      throw new ControlError(400, (error as Error).message)
    }
    sim.clock.set(body.now, body.frozen === true)
    res.json(sim.clock.toJSON())
  })
  api.post('/clock/advance', (req, res) => {
    const ms = objectBody(req.body).ms
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      throw new ControlError(400, 'body must be {"ms": <milliseconds ≥ 0>}')
    sim.clock.advance(ms)
    res.json(sim.clock.toJSON())
  })

  api.get('/numbers', (_req, res) => {
    res.json({
      set: sim.store.listNumbers(),
      magic: { prefixes: MAGIC_PREFIXES, suffixes: MAGIC_NUMBERS },
      statuses: NUMBER_STATUSES,
    })
  })
  api.put('/numbers/:number', (req, res) => {
    const number = e164(req.params.number)
    const state = numberState(req.body)
    sim.store.setNumber(number, state)
    res.json({ number, state })
  })
  api.delete('/numbers/:number', (req, res) => {
    sim.store.setNumber(e164(req.params.number), undefined)
    res.status(204).end()
  })

  api.get('/faults/:provider', (req, res) =>
    res.json(sim.faults(knownProvider(sim, req.params.provider))),
  )
  api.put('/faults/:provider', (req, res) => {
    const provider = knownProvider(sim, req.params.provider)
    const body = objectBody(req.body)
    const problems = validateFaults(body, sim.providers.get(provider)?.faultCodes)
    if (problems.length) throw new ControlError(400, problems.join('; '))
    const { latencyMs, http500, drop, refuse } = body as Record<string, never>
    const r = refuse as { code: number; times?: number | 'always' } | null | undefined
    res.json(
      sim.setFaults(provider, {
        ...(latencyMs !== undefined ? { latencyMs } : {}),
        ...(http500 !== undefined ? { http500 } : {}),
        ...(drop !== undefined ? { drop } : {}),
        // `"refuse": null` clears it; `times` left out means every request.
        ...(r !== undefined
          ? { refuse: r === null ? undefined : { code: r.code, times: r.times ?? 'always' } }
          : {}),
      }),
    )
  })
  api.delete('/faults/:provider', (req, res) => {
    sim.setFaults(knownProvider(sim, req.params.provider), undefined)
    res.status(204).end()
  })

  for (const route of providerRoutes)
    if (!route.csvBody) api[route.method](route.path, providerRoute(sim, route))

  mountLeaseRoutes(api)
  mountTryRoutes(api, sim)

  api.use((req, _res) => {
    throw new ControlError(404, `no control route ${req.method} ${req.originalUrl}`)
  })
  api.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ControlError)
      return void res.status(error.status).json({ error: error.message })
    const status = (error as { status?: number; type?: string }).status
    if (status && status >= 400 && status < 500) {
      return void res.status(status).json({ error: (error as Error).message })
    }
    logger.error('smsim: control API error:', error)
    res.status(500).json({ error: 'internal error (see the smsim log)' })
  })
  app.use('/_smsim', api)
  app.get('/', dashboardPage())
  return app
}

/**
 * A provider's route: its decision on the state and the clock, its effects applied like an
 * endpoint's (through the simulator), its answer as JSON. A ControlError it throws reaches the
 * error handler below like one of ours.
 */
function providerRoute(sim: Simulator, route: ControlRoute): RequestHandler {
  return (req, res) => {
    const now = sim.clock.now()
    // Express gives a wildcard parameter's segments, and node a repeated header's values, as
    // arrays: a provider reads one string each.
    const request = {
      params: joined(req.params, '/'),
      headers: joined(req.headers, ', '),
      body: req.body as unknown,
    }
    const result = route.handle(request, sim.store, now)
    sim.apply(result.effects, now)
    res.json(result.json)
  }
}

function joined(
  record: Record<string, string | string[] | undefined>,
  separator: string,
): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(separator) : value,
    ]),
  )
}

/**
 * Holds the answer to a change (any method but GET and HEAD) until the store has it on disk
 * (ADR 021); if it cannot (a full disk), the answer becomes a 503 that says why. Nothing is sent
 * before: Express writes the status, headers and body with the one `end` this defers.
 */
function answerWhenDurable(durable: () => Promise<void>): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const end = res.end.bind(res) as (...args: unknown[]) => Response
    res.end = ((...args: unknown[]) => {
      durable().then(
        () => end(...args),
        (error: unknown) => {
          res.statusCode = 503
          for (const header of ['content-length', 'etag', 'content-type']) res.removeHeader(header)
          res.setHeader('content-type', 'application/json; charset=utf-8')
          end(JSON.stringify({ error: (error as Error).message }))
        },
      )
      return res
    }) as Response['end']
    next()
  }
}
