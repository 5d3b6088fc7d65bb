import { defineConfig } from 'vitest/config'

/**
 * The projects (STYLE.md §18): `unit` runs the pure logic next to the source; `transport` drives
 * the simulators through real sockets on 127.0.0.1; `fuzz` throws generated hostile input at every
 * parser through those sockets; `conformance` runs the runner itself against the embedded
 * simulator and against deliberately wrong targets.
 */
export default defineConfig({
  // `import 'smsim/…'` in the tests (the package importing itself) reads the sources, not dist/;
  // each project extends this root config.
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    // Two files at once even on a 2-core machine (vitest's default there is one): most files wait
    // on sockets, child processes and timers more than they compute. Measured on the project's
    // 2-core machine: `npm test` 128 s with one worker, 94 s with two.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'simulators/**/*.test.ts',
            'client/**/*.test.ts',
            'conformance/**/*.test.ts',
            'command/**/*.test.ts',
          ],
          // Pure functions: no file leaves state behind, so the files share the loaded modules
          // (measured: 49 s of CPU for the project with fresh modules per file, 16 s without).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'transport',
          include: ['test/**/*.test.ts'],
          exclude: ['test/conformance/**', 'test/fuzz/**', 'test/package/**', 'test/container/**'],
          testTimeout: 20_000,
          // One file per documented behaviour (STYLE.md §19) means many small files that each
          // import msw, express and the phone and holiday data: ~0.9 s per file when every file
          // gets fresh modules, on a 2-core machine's single worker. Each file starts and closes
          // its own servers in its hooks, so the files can share the loaded modules.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // Property-based fuzzing of every parser through the real transports (test/fuzz/):
          // seeded and small in `npm test`, 100,000 cases per parser with `npm run fuzz`.
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          // The packed package installed into a fresh project (test/package/): it packs and
          // installs once, in its own file, and runs Node, Jest, tsc and the CLI as a user would.
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // The image on a real Docker engine (test/container/): `npm run test:containers`, and
          // CI through .ci/docker/with-image.sh; skipped, saying so, without an engine.
          name: 'container',
          include: ['test/container/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          testTimeout: 60_000,
          isolate: false,
        },
      },
    ],
  },
})
