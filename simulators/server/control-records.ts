/**
 * The phones and the outbox on the control API: `GET /_smsim/messages`, `GET /_smsim/mails`
 * and `GET /_smsim/mails/{id}.eml`. The reads filter, page, search, read one-time codes, and
 * wait for a first record (`wait=`): record-query.ts reads the query, await-records.ts waits.
 */
import type { Request, Response, Router } from 'express'
import { ControlError } from '../core/errors.ts'
import type { Mail, Sms } from '../core/model.ts'
import { rawMessage } from '../mail/outbox-message.ts'
import { RecordWaiters } from './await-records.ts'
import type { RecordViews } from './control-views.ts'
import { otpsBy } from './otp-pattern.ts'
import { mailQuery, pageOf, smsQuery, type RecordQuery } from './record-query.ts'
import type { Simulator } from './simulator.ts'

/**
 * The header that gives how many records the filters selected, before `limit` and `offset`:
 * what a client paging through 100,000 SMS needs to draw its pages.
 */
export const TOTAL_COUNT_HEADER = 'X-Total-Count'

/**
 * Mounts the reads of the phones and the outbox.
 *
 * @example
 * // GET /_smsim/messages?to=0660919010&wait=5s → 200 [{…, "otp": "482913"}] or 408 {"error": …}
 * // GET /_smsim/mails/mail-000001.eml → 200 message/rfc822
 */
export function mountRecordRoutes(
  api: Router,
  sim: Simulator,
  views: RecordViews,
  maxWaiters?: number,
): RecordWaiters {
  const waiters = new RecordWaiters(sim.changes, maxWaiters)

  api.get('/messages', async (req, res) => {
    const query = smsQuery(sim, req.query)
    const records = await selectOrWait(sim, waiters, 'sms', query, req, res)
    if (!records) return
    const page = pageOf(records, query.page)
    const { otpPattern } = query
    const otps =
      otpPattern === undefined
        ? undefined
        : otpsBy(
            otpPattern,
            page.map((s) => s.text),
          )
    res.set(TOTAL_COUNT_HEADER, String(records.length))
    res.json(page.map((sms, i) => views.sms(sms, otps ? { otp: otps[i] } : undefined)))
  })

  api.get('/mails', async (req, res) => {
    const query = mailQuery(sim, req.query, views.mail)
    const records = await selectOrWait(sim, waiters, 'mail', query, req, res)
    if (!records) return
    res.set(TOTAL_COUNT_HEADER, String(records.length))
    res.json(pageOf(records, query.page).map(views.mail))
  })

  // The mail's source, secrets masked as in the JSON, to save or to open in a mail client.
  api.get('/mails/:id.eml', async (req, res) => {
    const { id } = req.params as { id: string }
    const mail = sim.store.mails().find((m) => m.id === id)
    if (!mail) throw new ControlError(404, `no mail "${id}" in the outbox`)
    const source = await rawMessage(views.mail(mail))
    res
      .type('message/rfc822')
      .set('Content-Disposition', `attachment; filename="${id}.eml"`)
      .send(source)
  })

  return waiters
}

/**
 * The records a read selects, once its page is not empty: at once if it is, else when a change
 * makes it so (`wait=`). `undefined` when the read was answered otherwise: 408 at the deadline,
 * nothing when the client left.
 */
async function selectOrWait<T extends Sms | Mail>(
  sim: Simulator,
  waiters: RecordWaiters,
  kind: 'sms' | 'mail',
  query: RecordQuery<T>,
  req: Request,
  res: Response,
): Promise<T[] | undefined> {
  let records = query.select()
  const { waitMs, page } = query
  // The read has something to answer once a record lies past its offset (its page may still
  // be empty with `limit=0`: the count is in the header).
  const found = () => records.length > page.offset
  if (waitMs === undefined || found()) return records
  const gone = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) gone.abort()
  })
  const outcome = await waiters.wait({
    kind,
    relevant: query.accepts as (record: Sms | Mail) => boolean,
    ready: () => {
      records = query.select()
      return found()
    },
    ms: waitMs,
    gone: gone.signal,
  })
  if (outcome === 'gone') return undefined
  if (outcome === 'ready') return records
  // What fell due on a running clock since its last tick counts too.
  sim.tick()
  records = query.select()
  if (found()) return records
  const awaited = { ...query.filters, ...(page.offset ? { offset: String(page.offset) } : {}) }
  const named = Object.entries(awaited).map(([name, value]) => `${name}=${value}`)
  res.status(408).json({
    error:
      `no ${kind === 'sms' ? 'SMS' : 'mail'}${named.length ? ` with ${named.join(', ')}` : ''} ` +
      `arrived within ${waitMs} ms (GET ${req.baseUrl}${req.path}?wait=${waitMs}ms)`,
    awaited: { kind, ...awaited, waitMs },
  })
  return undefined
}
