#!/usr/bin/env node
/**
 * The sample application: `node send.js <number> <text>` (or SMS_TO and SMS_TEXT) sends one SMS
 * and tells how it went. Exit status 0 when the provider took it; 1 when the provider refused it,
 * with the provider's code and text on stderr; 2 when the provider could not be reached; 64 for
 * a usage error. It never retries (see sms.js).
 */
import { configFromEnv, sendSms } from './sms.js'

const [to = process.env.SMS_TO, text = process.env.SMS_TEXT] = process.argv.slice(2)
if (!to || !text) {
  console.error('usage: node send.js <number> <text>   (or set SMS_TO and SMS_TEXT)')
  process.exit(64)
}

let config
try {
  config = configFromEnv(process.env)
} catch (error) {
  console.error(`configuration: ${error.message}`)
  process.exit(64)
}

try {
  const result = await sendSms(config, to, text)
  if (result.ok) {
    console.log(`sent to ${to}: ${config.provider} ${result.code} ${result.meaning}`)
  } else {
    console.error(`${config.provider} refused the SMS to ${to}: ${result.code} ${result.meaning}`)
    process.exitCode = 1
  }
} catch (error) {
  const why =
    error.name === 'TimeoutError' ? 'no answer in time' : (error.cause?.message ?? error.message)
  console.error(
    `${config.provider} could not be reached (${why}); the SMS may or may not have gone`,
  )
  process.exitCode = 2
}
