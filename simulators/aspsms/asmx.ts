/**
 * Placeholder until the codec is written: answers 501 so that routing can be tested.
 */
import type { HttpEndpoint } from '../core/provider.ts'

export const ASPSMS_ASMX: HttpEndpoint = {
  name: 'asmx',
  hosts: [],
  paths: [],
  handle: () => ({
    response: { status: 501, headers: { 'content-type': 'text/plain' }, body: 'Not Implemented' },
    effects: [],
    journal: { transport: 'asmx', request: {} },
  }),
}
