/**
 * InquireDeliveryNotifications: one `<DeliveryNotification>` per TRN found, with the status of
 * XMLSPEC Appendix a (-1 not yet submitted, 0 delivered, 1 buffered, 2 not delivered), dates
 * as ddmmyyyyhhmmss (Swiss time) and the reason code of Appendix b; the notification URLs
 * are called as the network reports. The magic numbers of simulators/core/numbers.ts give the
 * outcomes: +41799990010 is not assigned, +41799990013's phone is off for 10 minutes.
 *
 * @see shared/research/aspsms.md — §2.4 `<DeliveryNotification>`, §5.2, §5.3
 */
import { describe, expect, it } from 'vitest'
import {
  action,
  aspsms,
  credentials,
  el,
  expectReadableByEveryClient,
  IMPLEMENTATIONS,
  MINUTE,
  MOBILE,
  PHONE_OFF_10_MIN,
  recipient,
  UNASSIGNED,
  useXml,
} from '../helpers.ts'

const URLS = [
  el('URLBufferedMessageNotification', 'http://school.example/buffered?trn='),
  el('URLDeliveryNotification', 'http://school.example/delivered?trn='),
  el('URLNonDeliveryNotification', 'http://school.example/failed?trn='),
]

describe.each(IMPLEMENTATIONS)('delivery notifications through $name', ({ kind }) => {
  const xml = useXml(kind)
  const inquire = async (...trns: string[]) => {
    const reply = await xml.post(
      aspsms(
        credentials(),
        ...trns.map((t) => el('TransRefNumber', t)),
        action('InquireDeliveryNotifications'),
      ),
    )
    expectReadableByEveryClient(reply)
    return reply
  }

  it('reports an unassigned number not delivered (2, reason 101) and a phone off buffered (1, reason 107)', async () => {
    const sent = await xml.post(
      aspsms(
        credentials(),
        recipient(UNASSIGNED, 'u1'),
        recipient(PHONE_OFF_10_MIN, 'off1'),
        el('MessageData', 'Cours annulé'),
        ...URLS,
        action('SendTextSMS'),
      ),
    )
    expect(sent.fields.ErrorCode).toBe('1')
    const reply = await inquire('u1', 'off1')
    expect(reply.fields.DeliveryNotification).toEqual([
      {
        TransRefNumber: 'u1',
        DeliveryStatus: '2',
        SubmissionDate: '05012026090000',
        NotificationDate: '05012026090000',
        ReasonCode: '101',
      },
      {
        TransRefNumber: 'off1',
        DeliveryStatus: '1',
        SubmissionDate: '05012026090000',
        NotificationDate: '05012026090000',
        ReasonCode: '107',
      },
    ])
    expect(await xml.callbacks()).toEqual([
      'http://school.example/failed?trn=u1',
      'http://school.example/buffered?trn=off1',
    ])
  })

  it('reports the buffered SMS delivered (0, reason 0) once the phone is back 10 minutes later', async () => {
    await xml.post(
      aspsms(
        credentials(),
        recipient(PHONE_OFF_10_MIN, 'off1'),
        el('MessageData', 'Hi'),
        ...URLS,
        action('SendTextSMS'),
      ),
    )
    await xml.advance(10 * MINUTE)
    expect((await inquire('off1')).fields.DeliveryNotification).toEqual([
      {
        TransRefNumber: 'off1',
        DeliveryStatus: '0',
        SubmissionDate: '05012026090000',
        NotificationDate: '05012026091000',
        ReasonCode: '0',
      },
    ])
    expect((await xml.callbacks()).at(-1)).toBe('http://school.example/delivered?trn=off1')
  })

  it('writes a deferred SMS not yet submitted as status -1, without the dates and reason it has not got', async () => {
    await xml.post(
      aspsms(
        credentials(),
        recipient(MOBILE, 'later'),
        el('MessageData', 'Hi'),
        el('DeferredDeliveryTime', '05012026120000'),
        action('SendTextSMS'),
      ),
    )
    const reply = await inquire('later')
    expect(reply.fields.DeliveryNotification).toEqual([
      { TransRefNumber: 'later', DeliveryStatus: '-1' },
    ])
  })

  it('answers nothing for a TRN it does not know, and still charges for it', async () => {
    const reply = await inquire('never-sent')
    expect(reply.fields).toEqual({ ErrorCode: '1', ErrorDescription: 'Ok' })
    expect((await xml.account()).credits).toBe(99.75)
  })

  it('reports the latest SMS sent with a TRN, and only the account’s own', async () => {
    await xml.createAccount({ id: 'OTHERKEY', secret: 'pw', credits: 10 })
    await xml.post(
      aspsms(
        credentials('OTHERKEY', 'pw'),
        recipient(UNASSIGNED, 'same'),
        el('MessageData', 'x'),
        action('SendTextSMS'),
      ),
    )
    await xml.post(
      aspsms(
        credentials(),
        recipient(MOBILE, 'same'),
        el('MessageData', 'x'),
        action('SendTextSMS'),
      ),
    )
    expect((await inquire('same')).fields.DeliveryNotification?.[0]?.DeliveryStatus).toBe('0')
  })

  it('writes the reply with a text node before each DeliveryNotification’s children (droe reads `text` of every child)', async () => {
    await xml.post(
      aspsms(credentials(), recipient(MOBILE, 'd1'), el('MessageData', 'x'), action('SendTextSMS')),
    )
    expect((await inquire('d1')).text).toMatchInlineSnapshot(`
      "<?xml version="1.0"?>
      <aspsms>
        <ErrorCode>1</ErrorCode>
        <ErrorDescription>Ok</ErrorDescription>
        <DeliveryNotification>
          <TransRefNumber>d1</TransRefNumber>
          <DeliveryStatus>0</DeliveryStatus>
          <SubmissionDate>05012026090000</SubmissionDate>
          <NotificationDate>05012026090000</NotificationDate>
          <ReasonCode>0</ReasonCode>
        </DeliveryNotification>
      </aspsms>
      "
    `)
  })
})
