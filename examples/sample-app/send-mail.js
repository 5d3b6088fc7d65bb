#!/usr/bin/env node
/**
 * The sample application over a mail provider: `node send-mail.js <numbers> <text>` (or SMS_TO
 * and SMS_TEXT; several numbers separated by commas) mails one SMS request to allmysms or
 * iSendPro and says where the provider's answer will go. Exit status 0 when the mail server
 * took the mail; 1 when it refused it (its SMTP code and text on stderr); 2 when it could not be
 * reached; 64 for a usage or configuration error. It never retries (see mail.js).
 */
import { mailConfigFromEnv, sendSmsByMail, UnsendableError } from './mail.js'

const [to = process.env.SMS_TO, text = process.env.SMS_TEXT] = process.argv.slice(2)
if (!to || !text) {
  console.error('usage: node send-mail.js <number[,number…]> <text>   (or set SMS_TO and SMS_TEXT)')
  process.exit(64)
}

let config
try {
  config = mailConfigFromEnv(process.env)
} catch (error) {
  console.error(`configuration: ${error.message}`)
  process.exit(64)
}

try {
  const sent = await sendSmsByMail(config, to, text)
  const id = sent.emailId ? ` (emailId ${sent.emailId})` : ''
  const answer =
    config.provider === 'allmysms'
      ? `allmysms mails any error to ${sent.replyTo}`
      : `iSendPro's Not (each send's code) goes to ${sent.replyTo}`
  console.log(`mailed to ${config.provider} for ${to}${id}: ${sent.response}; ${answer}`)
} catch (error) {
  if (error instanceof UnsendableError) {
    console.error(`cannot send to ${to} through ${config.provider}: ${error.message}`)
    process.exitCode = 64
  } else if (error.responseCode) {
    console.error(`${config.provider}'s mail server refused the mail for ${to}: ${error.response}`)
    process.exitCode = 1
  } else {
    // A timeout after the DATA command may come after the server took the mail.
    const maybe = error.code === 'ETIMEDOUT' ? '; the SMS may or may not have gone' : ''
    console.error(
      `${config.provider}'s mail server could not be reached (${error.code ?? error.name}: ${error.message})${maybe}`,
    )
    process.exitCode = 2
  }
}
