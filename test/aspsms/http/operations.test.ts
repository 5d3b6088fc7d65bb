/**
 * The same operation suite as over SOAP, through the HTTP GET and POST bindings
 * (`/aspsmsx2.asmx/<Operation>`, research §1.5).
 */
import { describe } from 'vitest'
import { describeOperations } from '../soap/operations-suite.ts'

describe.each(['HTTP GET', 'HTTP POST'] as const)('the ASMX operations over %s', (kind) => {
  describeOperations(kind)
})
