#!/usr/bin/env node
// The `smsim` command. An installed package holds only its compiled JavaScript (dist/, built by
// `npm run build` before every `npm pack`) and runs it. A clone holds the TypeScript sources and
// runs them through tsx, a development dependency: `npm start` there needs no build step and
// never runs a stale dist/.
import { existsSync } from 'node:fs'

const sources = new URL('../command/smsim.ts', import.meta.url)
let main
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import(sources.href))
} else {
  ;({ main } = await import(new URL('../dist/cli/smsim.js', import.meta.url).href))
}
await main(process.argv)
