/**
 * The house rules of smsim's imports, checked by `npm run lint` (dependency-cruiser). The layers,
 * from the ground up (ADR 013, ADR 014):
 *
 *   core  ←  providers  ←  engine  ←  adapters (server, mail, msw, testing)  ←  command
 *   client ← providers' wire facts (and pure core text utilities) only
 *   conformance ← client, core, the simulators' public pieces; never the other way
 *
 * A rule below names what may NOT be imported; everything else is allowed. No import cycle of
 * files is allowed anywhere, and the layer rules make a cycle of folders impossible.
 */
const PROVIDERS = '^simulators/(smstob|aspsms|allmysms|isendpro)/'
/** Tests and test helpers may cross layers (a provider's test drives the engine): cycles only. */
const TESTS = ['\\.test\\.ts$', '-testing\\.ts$']

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Files that import each other, directly or through others: split the shared part out.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-the-ground',
      severity: 'error',
      comment: 'simulators/core imports nothing of smsim but itself (STYLE.md §2).',
      from: { path: '^simulators/core/', pathNot: TESTS },
      to: { path: '^(simulators/(?!core/)|client/|conformance/|command/|bin/)' },
    },
    {
      name: 'providers-stand-on-core',
      severity: 'error',
      comment: 'A provider decides with core alone: no engine, no transport, no other provider.',
      from: { path: PROVIDERS, pathNot: TESTS },
      to: {
        path: '^(simulators/|client/|conformance/|command/|bin/)',
        pathNot: ['^simulators/core/', '^simulators/$1/'],
      },
    },
    {
      name: 'engine-knows-no-provider',
      severity: 'error',
      comment: 'The provider list is handed to the engine, not imported by it (ADR 013).',
      from: { path: '^simulators/engine/', pathNot: TESTS },
      to: { path: '^(simulators/(?!core/|engine/)|client/|conformance/|command/|bin/)' },
    },
    {
      name: 'simulators-know-no-command',
      severity: 'error',
      comment:
        'Nothing under simulators/ imports the runner, the clients or the command (ADR 014).',
      from: { path: '^simulators/', pathNot: TESTS },
      to: { path: '^(client/|conformance/|command/|bin/)' },
    },
    {
      name: 'client-reads-wire-facts-only',
      severity: 'error',
      comment:
        'A reference client works against the real providers too: it may read what is on the ' +
        'wire (wire.ts, codes.ts) and pure core text utilities, never a decision.',
      from: { path: '^client/', pathNot: TESTS },
      to: {
        path: '^(simulators/|conformance/|command/|bin/)',
        pathNot: [
          `${PROVIDERS}(wire|codes)\\.ts$`,
          '^simulators/core/(charset|xml|calendar|codes)\\.ts$',
        ],
      },
    },
    {
      name: 'conformance-knows-no-command',
      severity: 'error',
      comment: 'The runner is a library; the command registers it, not the other way round.',
      from: { path: '^conformance/', pathNot: TESTS },
      to: { path: '^(command/|bin/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|reports|coverage|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
    },
  },
}
