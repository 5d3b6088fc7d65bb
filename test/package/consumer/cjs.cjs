// Plain Node, CommonJS: `require` of smsim/msw and smsim/testing from the installed package.
'use strict'
const { setupServer } = require('msw/node')
const { createSimulator, smsimHandlers } = require('smsim/msw')
const { startTestSmsim } = require('smsim/testing')
const { SmsimContainer } = require('smsim/testcontainers')
const { inProcess, realServer } = require('./exercise.cjs')

;(async () => {
  await inProcess({ createSimulator, serve: (sim) => setupServer(...smsimHandlers(sim)) })
  await realServer({ startTestSmsim })
  if (typeof SmsimContainer !== 'function')
    throw new Error('smsim/testcontainers: no SmsimContainer')
  console.log('cjs: ok')
})().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
