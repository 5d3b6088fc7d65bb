/**
 * Issue 10 item 8: ASPSMS calls the notification URLs a client gives; one that points back at
 * smsim's own provider endpoints — through any spelling of the loopback — must be refused (and
 * journalled as refused), never called: before the fix a callback to SMStoB's `http.php` sent an
 * SMS from the account in its query. The property sends ASPSMS JSON sends whose three notification
 * URLs are such spellings, waits for the calls to end, and checks that SMStoB saw nothing.
 */
import fc from 'fast-check'
import { describe } from 'vitest'
import { utf8Bytes } from './support/encoding.ts'
import { fuzzIt, useFuzzSmsim, type FuzzParser } from './support/harness.ts'
import { PORT_SLOT, sendAny, type AnyCase } from './support/mixed.ts'

/** The loopback written the ways issue 10 found accepted. No address off this machine. */
const LOOPBACKS = [
  '127.0.0.1',
  'localhost',
  '2130706433',
  '[::ffff:127.0.0.1]',
  '0x7f000001',
  '127.1',
  '[::1]',
]

const callbackCase: fc.Arbitrary<AnyCase> = fc
  .record({
    host: fc.constantFrom(...LOOPBACKS),
    field: fc.constantFrom(
      'URLDeliveryNotification',
      'URLBufferedMessageNotification',
      'URLNonDeliveryNotification',
    ),
    // A number the network fails on, for URLNonDeliveryNotification to be called.
    to: fc.constantFrom('+41791234567', '+41799990017', '+41799990010'),
    n: fc.nat(1_000_000),
  })
  .map(({ host, field, to, n }) => {
    const url = `http://${host}:${PORT_SLOT}/smstob/http.php?email=riche@example.fr&pass=R1CHE&numero=0660919010&message=callback${n}&trn=`
    const body = {
      UserName: 'DEMOASPSMS',
      Password: 'demo',
      Originator: 'ESF',
      Recipients: [to],
      MessageText: 'Bonjour',
      [field]: url,
    }
    return {
      kind: 'http',
      provider: 'aspsms',
      request: {
        method: 'POST',
        target: '/aspsms/json/SendTextSMS',
        headers: [['Content-Type', 'application/json']],
        body: utf8Bytes(JSON.stringify(body)),
      },
    }
  })

const ownEndpoints: FuzzParser<AnyCase> = {
  name: 'callbacks-to-smsim',
  providers: ['aspsms', 'smstob'],
  cases: 30,
  maxBatch: 6,
  arbitrary: callbackCase,
  async send(smsim, batch) {
    const outcomes = await sendAny(smsim, batch)
    await smsim.sim.callbacks.settled()
    return outcomes
  },
  check(state) {
    return state.journal
      .filter((e) => e.provider === 'smstob')
      .map(
        (e) =>
          `smsim called its own SMStoB endpoint back (code ${String(e.code)}, SMS ${(e.messages ?? []).join(', ') || 'none'})`,
      )
  },
}

describe('fuzzing notification URLs that point at smsim', () => {
  const smsim = useFuzzSmsim()
  fuzzIt(
    'a notification URL on any spelling of the loopback never reaches smsim’s own endpoints',
    smsim,
    ownEndpoints,
  )
})
