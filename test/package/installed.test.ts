/**
 * The package as a user gets it (issue 12): `npm pack` of this clone, installed from the tarball
 * into a fresh project beside msw, testcontainers, Jest and TypeScript (its optional peers and
 * what a user's tests run on), then
 * used the README's ways — plain Node ESM and CommonJS, Jest with its default configuration,
 * `tsc` strict with NodeNext and bundler resolution, the `smsim` command. The consumer's files
 * are in test/package/consumer/.
 */
import { execFile, spawn } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const CONSUMER_FILES = join(import.meta.dirname, 'consumer')
/** Jest as a user installs it today; the other versions are the ones this clone is tested with. */
const JEST_VERSION = '30.5.2'
/** Packing builds dist/ (tsc and esbuild) and the install resolves ~500 packages. */
const SETUP_TIMEOUT_MS = 300_000
/**
 * The native module of `--data-dir`, as a user's install gets it: prebuild-install downloads it
 * from GitHub, which this machine cannot reach (it would then compile it, minutes on a loaded
 * machine). The install runs without scripts, and this clone's compiled copy — the same version,
 * the same Node — is put where the download would have put it.
 */
const NATIVE_BINARY = join(
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
)

const run = promisify(execFile)

/** The environment of a user's shell: none of the `npm test` that runs this file. */
function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE_OPTIONS'),
  )
}

function locked(name: string): string {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>
  }
  return lock.packages[`node_modules/${name}`]!.version
}

let work: string
let app: string
let packed: { filename: string; files: { path: string }[] }

function inApp(command: string, args: string[], timeout = 120_000) {
  return run(command, args, { cwd: app, env: userEnv(), timeout, maxBuffer: 16 * 1024 * 1024 })
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'smsim-package-'))
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    env: userEnv(),
    maxBuffer: 64 * 1024 * 1024,
  })
  packed = (JSON.parse(stdout) as (typeof packed)[])[0]!
  app = join(work, 'app')
  cpSync(CONSUMER_FILES, app, { recursive: true })
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }))
  await inApp(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      // See NATIVE_BINARY; the other install scripts (msw's worker copy, ssh2's optional
      // native crypto) are not needed by what is tested here.
      '--ignore-scripts',
      join(work, packed.filename),
      `msw@${locked('msw')}`,
      `testcontainers@${locked('testcontainers')}`,
      `jest@${JEST_VERSION}`,
      `typescript@${locked('typescript')}`,
      `@types/node@${locked('@types/node')}`,
    ],
    SETUP_TIMEOUT_MS,
  )
  mkdirSync(dirname(join(app, NATIVE_BINARY)), { recursive: true })
  copyFileSync(join(ROOT, NATIVE_BINARY), join(app, NATIVE_BINARY))
}, SETUP_TIMEOUT_MS)

/** Removing the scratch project's ~500 packages takes seconds on a loaded machine. */
const CLEANUP_TIMEOUT_MS = 60_000

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
}, CLEANUP_TIMEOUT_MS)

describe('the installed package', () => {
  it('works from plain Node, ES modules', async () => {
    const { stdout } = await inApp('node', ['esm.mjs'])
    expect(stdout).toContain('esm: ok')
  })

  it('works from plain Node, CommonJS require', async () => {
    const { stdout } = await inApp('node', ['cjs.cjs'])
    expect(stdout).toContain('cjs: ok')
  })

  it('works under Jest with its default configuration', async () => {
    const { stderr } = await inApp('npx', ['jest', '--ci'])
    expect(stderr).toMatch(/Tests:\s+2 passed, 2 total/)
  })

  it.each(['nodenext', 'bundler'])(
    'type-checks a file using every entry, strict, %s resolution',
    async (config) => {
      // tsc prints its errors on stdout and fails: the assertion shows them.
      const result = await inApp('npx', ['tsc', '-p', `ts/tsconfig.${config}.json`]).catch(
        (error: { stdout: string; code: number }) => error,
      )
      expect(result.stdout).toBe('')
    },
  )

  it('refuses a path that is not exported, as Node does', async () => {
    for (const path of ['smsim/simulators/index.ts', 'smsim/dist/simulators/index.js']) {
      const error = await inApp('node', ['-e', `import('${path}')`]).catch(
        (e: { stderr: string }) => e,
      )
      expect(error.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED')
    }
  })

  it('runs `smsim start` from compiled JavaScript, without tsx, with a config file and --data-dir', async () => {
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false)
    writeFileSync(
      join(app, 'smsim.yaml'),
      'accounts:\n  - { provider: smstob, id: me@example.fr, secret: fromfile, credits: 2 }\n',
    )
    const args = ['start', '--http-port', '0', '--smtp-port', '0', '--config', 'smsim.yaml']
    args.push('--data-dir', 'state')
    const child = spawn('npx', ['smsim', ...args], {
      cwd: app,
      env: userEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      let banner = ''
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          banner += chunk.toString()
          const found = /http:\/\/127\.0\.0\.1:\d+/.exec(banner)
          if (found) resolve(found[0])
        })
        child.on('exit', (code) => reject(new Error(`smsim exited with ${code}: ${banner}`)))
      })
      const health = await fetch(`${url}/_smsim/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({
        status: 'ok',
        version: '0.1.0',
        dataDir: { path: join(app, 'state'), writable: true },
      })
      const query = 'email=me%40example.fr&pass=fromfile&numero=0660919010&message=Bonjour'
      const sent = await fetch(`${url}/smstob/http.php?${query}`)
      expect((await sent.text()).trim()).toBe('80')
      // The dashboard, found by the bundled command in the installed package's own folder.
      expect(banner).toContain(`dashboard    ${url}/`)
      const page = await fetch(`${url}/`)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('/_smsim/dashboard/app.js')
      expect((await fetch(`${url}/_smsim/dashboard/phones.js`)).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
  })

  it('passes every conformance scenario with `smsim conformance`', async () => {
    const { stdout } = await inApp('npx', ['smsim', 'conformance'], 180_000)
    expect(stdout).toMatch(/Result\s+OK/)
    expect(stdout).toMatch(/Scenarios\s+(\d+) PASS \(\1 in all\)/)
  }, 200_000)
})

describe('the tarball', () => {
  it('holds the build, the suites and the documents, and no test, bench or CI file', () => {
    const files = packed.files.map((f) => f.path)
    expect(files.filter((f) => /(^|\/)(test|bench|\.ci|fixtures)\/|\.test\./.test(f))).toEqual([])
    expect(
      files.filter((f) => !/^(dist|scenarios|simulators\/dashboard)\//.test(f)).sort(),
    ).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'bin/smsim.js', 'package.json'])
    // The dashboard's files as they are in the clone, its server side compiled into dist/ only.
    const dashboard = readdirSync(join(ROOT, 'simulators', 'dashboard')).filter((f) =>
      /\.(html|js|css)$/.test(f),
    )
    expect(files.filter((f) => f.startsWith('simulators/dashboard/')).sort()).toEqual(
      dashboard.map((f) => `simulators/dashboard/${f}`).sort(),
    )
    expect(files).toContain('dist/simulators/dashboard/serve.js')
    for (const entry of ['index', 'msw', 'client', 'testing', 'conformance'])
      expect(files).toContain(`dist/cjs/${entry}.cjs`)
    expect(files).toContain('dist/cli/smsim.js')
    expect(files).toContain('dist/simulators/msw.d.ts')
    const suites = readdirSync(join(ROOT, 'scenarios'), { recursive: true, encoding: 'utf8' })
    expect(files.filter((f) => f.startsWith('scenarios/') && f.endsWith('.yaml')).sort()).toEqual(
      suites
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `scenarios/${f}`)
        .sort(),
    )
  })
})
