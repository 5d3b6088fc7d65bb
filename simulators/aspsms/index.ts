/**
 * ASPSMS (aspsms.com, VADIAN.NET AG): the SOAP web service and its HTTP GET/POST bindings
 * (`aspsmsx2.asmx`, plus the legacy `aspsmsx.asmx`), the XML interface (`xmlsvr.asp`) and the
 * JSON API (`json.aspsms.com`), all on one decision (decide.ts). The ESF Syndicat's "Alerte SMS"
 * sends through it. See README.md beside this file for the fidelity table.
 */
import type { Provider } from '../core/provider.ts'
import { ASPSMS_ASMX } from './asmx.ts'
import { ASPSMS_STATUS_CODES, aspsmsStatusText } from './codes.ts'
import { ASPSMS_JSON } from './json.ts'
import { JSON_INQUIRY_OK } from './json-reply.ts'
import { onAspsmsSmsEvent } from './notify.ts'
import { validateAspsmsOptions } from './options.ts'
import { ASPSMS_XML } from './xml.ts'

/** The provider's codes for failures on its side, which faults may inject. */
export const ASPSMS_FAULT_CODES = [2, 6, 7, 24] as const

export const aspsms: Provider = {
  id: 'aspsms',
  name: 'ASPSMS',
  prefix: '/aspsms',
  codes: ASPSMS_STATUS_CODES,
  // The JSON API's successful inquiry answers StatusCode "0" with StatusInfo "OK" (json-reply.ts).
  codeMeaning: (code) => (String(code) === JSON_INQUIRY_OK ? aspsmsStatusText(1) : undefined),
  http: [ASPSMS_ASMX, ASPSMS_XML, ASPSMS_JSON],
  faultCodes: ASPSMS_FAULT_CODES,
  validateOptions: validateAspsmsOptions,
  onSmsEvent: (event) => onAspsmsSmsEvent(event),
  demo: {
    accounts: [
      {
        provider: 'aspsms',
        id: 'DEMOASPSMS',
        secret: 'demo',
        credits: 1000,
        options: { reseller: true },
      },
    ],
    usage: (base) => [
      `ASPSMS   UserKey DEMOASPSMS   Password demo   1000 credits`,
      `         curl '${base}/aspsms/aspsmsx2.asmx/CheckCredits?UserKey=DEMOASPSMS&Password=demo'`,
    ],
  },
}
