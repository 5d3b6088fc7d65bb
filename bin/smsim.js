#!/usr/bin/env node
// The `smsim` command. smsim is written in TypeScript and runs from its sources through tsx, so
// that `npm ci` is the only install step: no build, no stale output.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../command/smsim.ts')
await main(process.argv)
