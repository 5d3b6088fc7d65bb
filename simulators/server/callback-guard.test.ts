import { describe, expect, it } from 'vitest'
import { CallbackRefusedError } from '../engine/callbacks.ts'
import {
  CallbackGuard,
  canonicalAddress,
  parseCallbackAllow,
  type CallbackLookup,
} from './callback-guard.ts'

/** A DNS that knows a few names. */
const dns =
  (names: Record<string, string[]>): CallbackLookup =>
  async (hostname) => {
    const addresses = names[hostname]
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' })
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
  }

const reason = async (guard: CallbackGuard, url: string) => {
  try {
    await guard.check(url)
    return 'allowed'
  } catch (error) {
    return error instanceof CallbackRefusedError ? `refused: ${error.message}` : String(error)
  }
}

describe('canonicalAddress', () => {
  it.each([
    ['[::ffff:7f00:1]', '127.0.0.1', 4],
    ['::ffff:127.0.0.1', '127.0.0.1', 4],
    ['0:0:0:0:0:ffff:a9fe:a9fe', '169.254.169.254', 4],
    ['::FFFF:10.1.2.3', '10.1.2.3', 4],
    ['::1', '::1', 6],
    ['fe80::1%eth0', 'fe80::1', 6],
    ['::ffff:0:7f00:1', '::ffff:0:7f00:1', 6],
    ['10.0.0.1', '10.0.0.1', 4],
  ])('reads %s as %s', (input, address, family) =>
    expect(canonicalAddress(input)).toEqual({ address, family }),
  )
})

describe('parseCallbackAllow', () => {
  it('reads names, addresses and CIDRs, comma-separated or not, loopback always in', () => {
    const { addresses, names } = parseCallbackAllow([
      'App.Example.com., 192.0.2.7',
      '10.0.0.0/8',
      '[fd00::1]',
      'fd00:1::/32',
      '::ffff:172.16.0.0/108',
    ])
    expect([...names]).toEqual(['app.example.com'])
    expect(addresses.check('127.8.8.8', 'ipv4')).toBe(true)
    expect(addresses.check('::1', 'ipv6')).toBe(true)
    expect(addresses.check('192.0.2.7', 'ipv4')).toBe(true)
    expect(addresses.check('10.200.1.1', 'ipv4')).toBe(true)
    expect(addresses.check('fd00::1', 'ipv6')).toBe(true)
    expect(addresses.check('fd00:1:ffff::9', 'ipv6')).toBe(true)
    expect(addresses.check('172.16.9.9', 'ipv4')).toBe(true)
    expect(addresses.check('172.32.0.1', 'ipv4')).toBe(false)
    expect(addresses.check('192.0.2.8', 'ipv4')).toBe(false)
  })

  it.each(['http://x.example', 'a b', '10.0.0.0/8/1', '::/129', '10.0.0.0/-1', '-x.example', '*'])(
    'refuses %j, naming where it came from',
    (entry) =>
      expect(() => parseCallbackAllow([entry], 'callbackAllow')).toThrow(/^callbackAllow: /),
  )
})

describe('CallbackGuard', () => {
  const guard = new CallbackGuard({
    allow: ['app.example', '10.0.0.0/8'],
    lookup: dns({
      'app.example': ['203.0.113.5'],
      'internal.example': ['10.1.1.1', '10.1.1.2'],
      'half.example': ['10.1.1.1', '203.0.113.9'],
      'self.example': ['127.0.0.1'],
      localhost: ['127.0.0.1', '::1'],
    }),
  })
  guard.protect(8780, 'HTTP')
  guard.protect(2525, 'SMTP')

  it.each([
    ['http://127.0.0.1:3000/dlr?id=', 'allowed'],
    ['https://localhost/dlr', 'allowed'],
    ['http://[::1]:3000/', 'allowed'],
    ['http://app.example/dlr', 'allowed'],
    ['http://internal.example/dlr', 'allowed'],
    ['http://10.9.9.9/', 'allowed'],
    [
      'http://203.0.113.5/',
      'refused: 203.0.113.5 is not an allowed callback address (loopback only by default; widen with --callback-allow)',
    ],
    [
      'http://half.example/',
      'refused: half.example resolves to 203.0.113.9, not an allowed callback address (loopback only by default; widen with --callback-allow)',
    ],
    ['http://127.0.0.1:8780/', "refused: 127.0.0.1:8780 is smsim's own HTTP port"],
    ['http://[::1]:2525/', "refused: [::1]:2525 is smsim's own SMTP port"],
    ['http://[::]:8780/', "refused: [::]:8780 is smsim's own HTTP port"],
    ['http://0.0.0.0:8780/', "refused: 0.0.0.0:8780 is smsim's own HTTP port"],
    [
      'http://self.example:8780/',
      "refused: self.example resolves to 127.0.0.1, and 127.0.0.1:8780 is smsim's own HTTP port",
    ],
    ['http://2130706433:8780/', "refused: 127.0.0.1:8780 is smsim's own HTTP port"],
    ['http://0177.0.0.1:8780/', "refused: 127.0.0.1:8780 is smsim's own HTTP port"],
    ['http://[0:0:0:0:0:ffff:7f00:1]:8780/', "refused: 127.0.0.1:8780 is smsim's own HTTP port"],
    ['ftp://127.0.0.1/', 'refused: ftp: is not http or https'],
    ['file:///etc/passwd', 'refused: file: is not http or https'],
    ['not a url', 'refused: not a URL'],
    ['http://nowhere.example/', 'Error: cannot resolve nowhere.example (ENOTFOUND)'],
  ])('%s: %s', async (url, expected) => expect(await reason(guard, url)).toBe(expected))

  it('answers the addresses it checked, to connect to them and nothing else', async () => {
    const checked = await guard.check('http://internal.example:9000/x')
    expect(checked.addresses).toEqual([
      { address: '10.1.1.1', family: 4 },
      { address: '10.1.1.2', family: 4 },
    ])
    expect(checked.url.port).toBe('9000')
  })

  it('refuses smsim’s own port on an https URL too (port 443 when none is given)', async () => {
    const tls = new CallbackGuard()
    tls.protect(443, 'HTTP')
    expect(await reason(tls, 'https://127.0.0.1/')).toBe(
      "refused: 127.0.0.1:443 is smsim's own HTTP port",
    )
  })

  it('gives up on a lookup that outlives the attempt', async () => {
    const slow = new CallbackGuard({ lookup: () => new Promise(() => {}) })
    const abort = new AbortController()
    const checking = slow.check('http://slow.example/', abort.signal)
    abort.abort(new Error('timed out'))
    await expect(checking).rejects.toThrow('timed out')
  })
})
