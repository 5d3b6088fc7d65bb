/**
 * Every operation of the WSDL over SOAP 1.1 and SOAP 1.2, with the status codes it documents.
 */
import { describe } from 'vitest'
import { describeOperations } from './operations-suite.ts'

describe.each(['SOAP 1.1', 'SOAP 1.2'] as const)('the ASMX operations over %s', (kind) => {
  describeOperations(kind)
})
