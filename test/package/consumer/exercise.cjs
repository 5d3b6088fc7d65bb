// What the consumer project does with smsim, whichever way it loaded it (import or require):
// the README's two uses, each checked on what it really did. Throws on the first difference.
'use strict'
const assert = require('node:assert/strict')

const ACCOUNT = { provider: 'smstob', id: 'me@example.fr', secret: 'pw', credits: 10 }
const query = (numero, message) =>
  new URLSearchParams({ email: ACCOUNT.id, pass: ACCOUNT.secret, numero, message }).toString()

/**
 * In-process with msw: the real URL answers `80`, and the SMS is on the simulated phone.
 * `serve(sim)` is the msw server of the way under test.
 */
async function inProcess({ createSimulator, serve }) {
  const sim = createSimulator({ accounts: [ACCOUNT] })
  const server = serve(sim)
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const response = await fetch(`http://www.smstob.com/http.php?${query('0660919010', 'Bonjour')}`)
    assert.equal((await response.text()).trim(), '80')
    const messages = sim.store.messages({ provider: 'smstob' })
    assert.equal(messages.length, 1)
    assert.equal(messages[0].to, '+33660919010')
    assert.equal(messages[0].text, 'Bonjour')
  } finally {
    server.close()
  }
}

/** A real server on free ports: an SMS sent over HTTP is read back through the control API. */
async function realServer({ startTestSmsim }) {
  const smsim = await startTestSmsim({ accounts: [ACCOUNT] })
  try {
    const response = await fetch(`${smsim.url}/smstob/http.php?${query('0660919011', 'Au revoir')}`)
    assert.equal((await response.text()).trim(), '80')
    const messages = await smsim.control.get('/messages?provider=smstob')
    assert.deepEqual(
      messages.map((m) => [m.to, m.text]),
      [['+33660919011', 'Au revoir']],
    )
  } finally {
    await smsim.close()
  }
}

module.exports = { inProcess, realServer }
