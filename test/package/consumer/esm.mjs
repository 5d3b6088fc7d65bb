// Plain Node, ES modules: `import` of smsim/msw and smsim/testing from the installed package.
import { setupServer } from 'msw/node'
import { createSimulator, smsimHandlers } from 'smsim/msw'
import { startTestSmsim } from 'smsim/testing'
import exercise from './exercise.cjs'

await exercise.inProcess({
  createSimulator,
  serve: (sim) => setupServer(...smsimHandlers(sim)),
})
await exercise.realServer({ startTestSmsim })
console.log('esm: ok')
