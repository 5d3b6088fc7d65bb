/**
 * What the four ASPSMS parsers share in the fuzz suite: a value for each parameter of the ASMX
 * operation table (the same names reach SOAP, the HTTP bindings, the XML interface and JSON).
 * How a client reads the answers is in answers.ts.
 *
 * @example
 * fc.sample(aspsmsValue('Recipients'), 1) // e.g. ['+41791234567:trn1;0041795555555']
 */
import fc from 'fast-check'
import { ASMX_OPERATIONS, type AsmxOperationSpec } from '../../../simulators/aspsms/operations.ts'
import { fieldValue, gsmText, mutateString, nonGsmText, phoneNumber } from './values.ts'

/**
 * Notification URLs: a closed port on the loopback (the call fails at once and is journalled),
 * and schemes smsim must refuse. Never a host on the network: the fuzzer calls nobody.
 */
const URLS = [
  '',
  'http://127.0.0.1:9/cb?trn=',
  'http://127.0.0.1:9/cb?trn=<TRN>&rsn=<RSN>&dst=<DST>',
  'https://127.0.0.1:9/',
  'ftp://127.0.0.1/x',
  'javascript:alert(1)',
  'file:///etc/passwd',
  '127.0.0.1:9',
]

const credentialsOf = (values: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fieldValue },
  )

const recipients = fc
  .array(fc.tuple(phoneNumber, fc.option(fc.string({ maxLength: 12 }), { nil: undefined })), {
    minLength: 0,
    maxLength: 4,
  })
  .map((list) => list.map(([n, trn]) => (trn === undefined ? n : `${n}:${trn}`)).join(';'))

/** A value for each ASMX parameter, by name; anything else gets {@link fieldValue}. */
const VALUES: Record<string, fc.Arbitrary<string>> = {
  UserKey: credentialsOf(['I3QHMYKEY6E', 'DEMOASPSMS', 'i3qhmykey6e', 'UNKNOWNKEY']),
  Password: credentialsOf(['mypassword', 'demo', 'MyPassword', 'wrong']),
  Recipients: fc.oneof({ weight: 4, arbitrary: recipients }, { weight: 1, arbitrary: fieldValue }),
  Recipient: phoneNumber,
  PhoneNumber: phoneNumber,
  Originator: fc.oneof(
    fc.constantFrom(
      'ESF',
      'SkiSchool',
      'ESF Tignes',
      '+41791234567',
      'aspsms.com',
      'ABCDEFGHIJKL',
      '',
    ),
    fieldValue,
  ),
  MessageText: fc.oneof(
    { weight: 3, arbitrary: gsmText },
    { weight: 1, arbitrary: nonGsmText },
    { weight: 2, arbitrary: fieldValue },
  ),
  MessageData: fc.oneof(gsmText, fieldValue),
  DeferredDeliveryTime: fc.oneof(
    fc.constantFrom(
      '',
      '06012026120000',
      '05012026100000',
      '31022026120000',
      '2026-01-06T12:00:00+01:00',
      '2026-01-06T12:00:00Z',
      '0601202612',
    ),
    fieldValue,
  ),
  TimeZone: fc.oneof(fc.constantFrom('', '0', '1', '+2', '-5', '1.5', '99999999999'), fieldValue),
  FlashingSMS: fc.oneof(fc.constantFrom('', 'true', 'false', '1', '0', 'True', 'yes'), fieldValue),
  URLBufferedMessageNotification: fc.oneof(fc.constantFrom(...URLS), fieldValue),
  URLDeliveryNotification: fc.oneof(fc.constantFrom(...URLS), fieldValue),
  URLNonDeliveryNotification: fc.oneof(fc.constantFrom(...URLS), fieldValue),
  WapURL: fc.oneof(fc.constantFrom(...URLS), fieldValue),
  TransactionReferenceNumbers: fc.oneof(
    fc.constantFrom('', '1', 'trn1;zp1', ';;;', 'sms-000001'),
    fieldValue,
  ),
  TokenValidity: fc.oneof(fc.constantFrom('', '5', '0', '-1', '525601', '1e3'), fieldValue),
  TokenMask: fc.oneof(fc.constantFrom('', 'NNNN', '####', 'AAAAAAAA', 'N'.repeat(40)), fieldValue),
  TokenCaseSensitive: fc.oneof(fc.constantFrom('', '1', '0', 'true'), fieldValue),
  NumberOfVouchers: fc.oneof(fc.constantFrom('', '1', '2', '0', '101', '-3'), fieldValue),
  AmountCreditsPerVoucher: fc.oneof(fc.constantFrom('', '1', '1000000', '0.5', '-1'), fieldValue),
  StatusCode: fc.oneof(fc.constantFrom('1', '3', '39', '40', '-1'), fieldValue),
}

/** A value for the parameter `name`, sometimes mutated. */
export function aspsmsValue(name: string): fc.Arbitrary<string> {
  const base = VALUES[name] ?? fieldValue
  return fc.oneof(
    { weight: 5, arbitrary: base },
    { weight: 1, arbitrary: base.chain(mutateString) },
  )
}

/** Operations weighted toward the ones clients call (sending and credits). */
export const asmxOperationArb: fc.Arbitrary<AsmxOperationSpec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      ...ASMX_OPERATIONS.filter((o) =>
        ['SendTextSMS', 'SendSimpleTextSMS', 'SendUnicodeSMS', 'CheckCredits'].includes(o.name),
      ),
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...ASMX_OPERATIONS) },
)

/**
 * The parameters of an operation, in WSDL order, with values; some left out, some repeated,
 * some unknown ones added.
 */
export function asmxFields(
  operation: AsmxOperationSpec,
  dropOneIn = 20,
): fc.Arbitrary<[string, string][]> {
  const known = fc.tuple(
    ...operation.elements.map((name) =>
      fc.tuple(fc.constant(name), aspsmsValue(name), fc.nat(dropOneIn - 1)),
    ),
  )
  return fc
    .tuple(
      known,
      fc.option(fc.constantFrom(['I3QHMYKEY6E', 'mypassword'], ['DEMOASPSMS', 'demo']), {
        freq: 3,
      }),
      fc.oneof(
        { weight: 5, arbitrary: fc.constant([]) },
        {
          weight: 1,
          arbitrary: fc.array(
            fc.tuple(
              fc.constantFrom('Foo', 'userkey', 'MessageText', 'Recipients', ''),
              fieldValue,
            ),
            { minLength: 1, maxLength: 2 },
          ),
        },
      ),
    )
    .map(([fields, login, extra]) => [
      // One parameter in `dropOneIn` is left out; most requests log in with a real account.
      ...fields
        .filter(([, , drop]) => drop !== 0)
        .map(([n, v]): [string, string] => [
          n,
          login && n === 'UserKey' ? login[0] : login && n === 'Password' ? login[1] : v,
        ]),
      ...extra,
    ])
}
