import { defineConfig } from 'vitest/config'

/**
 * Two projects (STYLE.md §18): `unit` runs the pure logic next to the source; `transport` drives
 * the simulators through real sockets on 127.0.0.1. Later issues add `conformance`.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['simulators/**/*.test.ts', 'client/**/*.test.ts', 'conformance/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'transport',
          include: ['test/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
})
