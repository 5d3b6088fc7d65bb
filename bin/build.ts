/**
 * `npm run build` (and `prepack`): what the installed package runs, in dist/ (ADR 016).
 *
 * 1. tsc: ESM JavaScript, `.d.ts` declarations and source maps of every module, one file per
 *    source file, for `import 'smsim/…'` and the types of every entry.
 * 2. esbuild: the `smsim` command as one minified ESM bundle with its dependencies inside
 *    (dist/cli/), split so that the conformance runner, mailparser and nodemailer are loaded
 *    only by the commands and mails that need them: loading ~150 modules from node_modules, not
 *    compiling, is what a command spends its start on.
 * 3. esbuild: CommonJS (dist/cjs/, dependencies left to `require` but msw) for `require('smsim/…')`
 *    and Jest's default configuration, which cannot load ESM.
 *
 * @example
 * npm run build   // dist/ from scratch
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { build } from 'esbuild'
import { packageRoot } from '../simulators/core/package-root.ts'

const ROOT = packageRoot(import.meta.url)
const DIST = join(ROOT, 'dist')
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}

/** The public entries: their name under dist/cjs/ and their source. */
export const ENTRIES: Readonly<Record<string, string>> = {
  index: 'simulators/index.ts',
  msw: 'simulators/msw.ts',
  client: 'client/index.ts',
  testing: 'simulators/testing.ts',
  conformance: 'conformance/index.ts',
}
/**
 * Entries whose peer dependency is optional: outside the shared CommonJS bundle, so that
 * `require('smsim')` works without testcontainers installed.
 */
const OPTIONAL_ENTRIES: Readonly<Record<string, string>> = {
  testcontainers: 'simulators/testcontainers.ts',
}

/** Node 20 is the oldest Node the package supports (package.json `engines`). */
const TARGET = 'node20'

rmSync(DIST, { recursive: true, force: true })

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
})
if (compiled.status !== 0) process.exit(compiled.status ?? 1)

// The bundle's CommonJS dependencies call `require`, which an ES module does not have.
const requireInEsm =
  "import { createRequire as __smsimCreateRequire } from 'node:module';\n" +
  'const require = __smsimCreateRequire(import.meta.url);'

await build({
  absWorkingDir: ROOT,
  entryPoints: { smsim: 'command/smsim.ts' },
  outdir: 'dist/cli',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: TARGET,
  minify: true,
  // Licences of the bundled packages, kept beside the bundle.
  legalComments: 'linked',
  banner: { js: requireInEsm },
  // A native module (--data-dir) finds its compiled binary from its own folder: installed beside
  // the package as a dependency, never bundled; loaded only when --data-dir is given.
  external: ['better-sqlite3'],
  logLevel: 'warning',
})

// CommonJS. `import.meta.url` (the package root, the scenarios' folder) becomes the file's URL.
const commonJs = {
  absWorkingDir: ROOT,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: TARGET,
  // Maps to the sources' lines; the sources themselves are not in the package.
  sourcemap: true,
  sourcesContent: false,
  define: { 'import.meta.url': '__smsimModuleUrl' },
  banner: { js: "const __smsimModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
} as const

// One bundle of every entry, so that the entries share their modules (a Simulator from `smsim` is
// the one `smsim/msw` knows, an error class is one class), and a file per entry that hands out its
// part. The dependencies stay outside; msw (a peer) is inside: since 2.11 it needs ESM-only
// packages, which Jest's runtime cannot require.
await build({
  ...commonJs,
  stdin: {
    contents: Object.entries(ENTRIES)
      .map(([name, source]) => `export * as ${name} from './${source}'`)
      .join('\n'),
    resolveDir: ROOT,
    sourcefile: 'entries.ts',
    loader: 'ts',
  },
  outfile: 'dist/cjs/smsim.cjs',
  external: Object.keys(PACKAGE.dependencies),
})
for (const name of Object.keys(ENTRIES))
  writeFileSync(
    join(DIST, 'cjs', `${name}.cjs`),
    `'use strict'\n// smsim/${name === 'index' ? '' : name} for require(): see smsim.cjs.\nmodule.exports = require('./smsim.cjs').${name}\n`,
  )
await build({
  ...commonJs,
  entryPoints: OPTIONAL_ENTRIES,
  outdir: 'dist/cjs',
  outExtension: { '.js': '.cjs' },
  packages: 'external',
})
