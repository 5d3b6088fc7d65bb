// The Node recipe: the CA trusted by NODE_EXTRA_CA_CERTS only (the test sets it), the real host
// name resolved to 127.0.0.1 as a hosts entry would. Prints the answer's status and body.
// Usage: NODE_EXTRA_CA_CERTS=ca.pem node node-https.mjs <url> <json body>
import { request } from 'node:https'

const [url, body] = process.argv.slice(2)
/** Every name to 127.0.0.1: what `127.0.0.1 json.aspsms.com` in /etc/hosts does. */
const lookup = (_host, options, callback) =>
  options.all
    ? callback(null, [{ address: '127.0.0.1', family: 4 }])
    : callback(null, '127.0.0.1', 4)

const req = request(
  url,
  { method: 'POST', headers: { 'content-type': 'application/json' }, lookup },
  (res) => {
    let text = ''
    res.setEncoding('utf8')
    res.on('data', (chunk) => (text += chunk))
    res.on('end', () => console.log(JSON.stringify({ status: res.statusCode, body: text })))
  },
)
req.on('error', (error) => {
  console.error(`${error.code ?? ''} ${error.message}`)
  process.exit(1)
})
req.end(body)
