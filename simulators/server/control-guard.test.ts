import { describe, expect, it } from 'vitest'
import {
  checkAllowHosts,
  checkControlToken,
  exposureWarning,
  HostAllowList,
  hostOfHeader,
  isJsonType,
  isLoopback,
  mediaType,
} from './control-guard.ts'

describe('hostOfHeader', () => {
  it.each([
    ['LOCALHOST:8780', 'localhost'],
    ['localhost.', 'localhost'],
    ['smsim.test.:80', 'smsim.test'],
    ['[::1]:8780', '::1'],
    ['[::1]', '::1'],
    ['[::1', '::1'],
    ['127.0.0.1', '127.0.0.1'],
    ['  Host.Example ', 'host.example'],
    ['', ''],
  ])('reads %j as %j', (header, host) => expect(hostOfHeader(header)).toBe(host))
})

describe('isLoopback', () => {
  it.each(['localhost', 'a.b.localhost', '127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1'])(
    'takes %s',
    (host) => expect(isLoopback(host)).toBe(true),
  )
  it.each(['localhost.example', '128.0.0.1', '::2', '0.0.0.0', '::', 'example.localhostx'])(
    'refuses %s',
    (host) => expect(isLoopback(host)).toBe(false),
  )
})

describe('HostAllowList', () => {
  it('answers to loopback and to the address it listens on', () => {
    const hosts = new HostAllowList({ host: '192.0.2.7' })
    expect(['localhost', '127.0.0.1:1', '192.0.2.7:8780'].map((h) => hosts.allows(h))).toEqual([
      true,
      true,
      true,
    ])
    expect(hosts.allows('192.0.2.8')).toBe(false)
  })

  it('answers to a name given as --host, and to an IPv6 address with or without brackets', () => {
    expect(new HostAllowList({ host: 'smsim.lan' }).allows('SMSIM.LAN:8780')).toBe(true)
    const v6 = new HostAllowList({ host: 'fd00::2', allowHosts: ['[fd00::3]', 'fd00::4'] })
    expect(['[fd00::2]:1', '[fd00::3]', '[FD00::4]:9'].map((h) => v6.allows(h))).toEqual([
      true,
      true,
      true,
    ])
  })

  it('takes *.domain for its subdomains only, and * for any name', () => {
    const hosts = new HostAllowList({ allowHosts: ['*.ci.example'] })
    expect(hosts.allows('a.b.ci.example')).toBe(true)
    expect(hosts.allows('ci.example')).toBe(false)
    expect(hosts.allows('evilci.example')).toBe(false)
    expect(new HostAllowList({ allowHosts: ['*'] }).allows('anything.example')).toBe(true)
  })

  it('lets a request without a Host through (HTTP/1.0: no browser sends one)', () => {
    expect(new HostAllowList().allows(undefined)).toBe(true)
  })
})

describe('checkControlToken', () => {
  it('takes 16 printable characters or more', () => {
    expect(checkControlToken('0123456789abcdef')).toBe('0123456789abcdef')
    expect(checkControlToken(undefined)).toBeUndefined()
  })
  it.each(['short', 'with a space in it, long enough', 'café-0123456789abc', ''])(
    'refuses %j',
    (token) => expect(() => checkControlToken(token)).toThrow(/--control-token/),
  )
})

describe('checkAllowHosts', () => {
  it("refuses '*' without a token, and takes it with one", () => {
    expect(() => checkAllowHosts(['a.test', ' * '], undefined)).toThrow(/DNS rebinding/)
    expect(() => checkAllowHosts(['*'], '0123456789abcdef')).not.toThrow()
  })
})

describe('exposureWarning', () => {
  it('warns for every non-loopback address without a token, and only then', () => {
    for (const boundAddress of ['0.0.0.0', '::', '192.0.2.7'])
      expect(exposureWarning({ boundAddress, port: 8780 })).toMatch(/^smsim: warning: /)
    expect(exposureWarning({ boundAddress: '127.0.0.1', port: 8780 })).toBeUndefined()
    expect(exposureWarning({ boundAddress: '::1', port: 8780 })).toBeUndefined()
    expect(
      exposureWarning({ boundAddress: '0.0.0.0', port: 8780, token: 't'.repeat(16) }),
    ).toBeUndefined()
  })
})

describe('content types', () => {
  it.each([
    ['application/json', true],
    ['application/vnd.api+json', true],
    ['application/json-seq', false],
    ['text/json', false],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
  ])('%s is JSON: %s', (type, json) => expect(isJsonType(type)).toBe(json))

  it('reads the media type without its parameters', () => {
    expect(mediaType(' Application/JSON ; charset=utf-8')).toBe('application/json')
    expect(mediaType(undefined)).toBe('')
  })
})
