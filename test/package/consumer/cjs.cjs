// Plain Node, CommonJS: `require` of smsim/msw and smsim/testing from the installed package.
'use strict'
const { setupServer } = require('msw/node')
const { createSimulator, smsimHandlers } = require('smsim/msw')
const { startTestSmsim } = require('smsim/testing')
const { inProcess, realServer } = require('./exercise.cjs')

;(async () => {
  await inProcess({ createSimulator, serve: (sim) => setupServer(...smsimHandlers(sim)) })
  await realServer({ startTestSmsim })
  console.log('cjs: ok')
})().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
