/**
 * The delivery notifications' default sender: a real GET over node:http(s), made only where
 * callback-guard.ts allows. The engine queues and retries the calls (engine/callbacks.ts); this
 * is the one place smsim calls out.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import {
  CALLBACK_TIMEOUT_MS,
  CallbackRefusedError,
  type CallbackSender,
} from '../engine/callbacks.ts'
import type { CallbackGuard, CheckedCallback } from './callback-guard.ts'

/**
 * The real sender: checks the URL with `guard`, then GETs it over node:http(s) connected to the
 * addresses the guard checked — its `lookup` answers them instead of asking the DNS again. A
 * redirect is not followed (its status is the attempt's); the body is not read.
 *
 * @example
 * const send = guardedHttpSender(new CallbackGuard())
 * await send('http://127.0.0.1:3000/dlr?id=42', AbortSignal.timeout(CALLBACK_TIMEOUT_MS))
 */
export function guardedHttpSender(guard: CallbackGuard): CallbackSender {
  return async (url, signal) => {
    try {
      return await get(await guard.check(url, signal), signal)
    } catch (error) {
      if (signal.aborted && !(error instanceof CallbackRefusedError))
        throw new Error(`no answer within ${CALLBACK_TIMEOUT_MS} ms`)
      throw error
    }
  }
}

function get(checked: CheckedCallback, signal: AbortSignal): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const request: ClientRequest = (checked.url.protocol === 'https:' ? httpsRequest : httpRequest)(
      checked.url,
      { method: 'GET', agent: false, signal, lookup: pinnedLookup(checked) },
      (response: IncomingMessage) => {
        resolve({ status: response.statusCode ?? 0 })
        response.destroy()
      },
    )
    request.on('error', reject)
    request.end()
  })
}

/** A `lookup` that answers the checked addresses, whatever name it is asked. */
function pinnedLookup(checked: CheckedCallback): LookupFunction {
  return (_hostname, options, callback) => {
    const all = checked.addresses
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: typeof all) => void)(null, all)
    else callback(null, all[0]!.address, all[0]!.family)
  }
}
