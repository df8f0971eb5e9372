// One command runs all three projects: unit specs beside the code, integration and e2e tests
// under test/ on the real Temporal, PostgreSQL and SMTP servers (started by test/support/global-setup.ts).
/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
// ESM-only dependencies (NestJS 12, nodemailer 10, jose 6, ldapts 9, ...) are loaded as they are
// through require(esm): Jest supports that on Node >= 24.9 with --experimental-vm-modules, which
// scripts/jest.sh sets. Nothing is compiled from node_modules.
const common = {
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: [
    '<rootDir>/dist/',
    '<rootDir>/.tools/',
    '<rootDir>/.data/',
    '<rootDir>/apps/console/', // browser code: its own lint, type check and Playwright tests
  ],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,domain,workflows,activities,config,scripts}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/test/integration/**/*.test.ts',
        '<rootDir>/test/workflows/**/*.test.ts',
      ],
      // quiet Temporal logs; a 60 s guard against a hang (test-timeout.ts says why not testTimeout)
      setupFiles: [
        '<rootDir>/test/support/quiet-temporal.ts',
        '<rootDir>/test/support/test-timeout.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      // quiet Temporal logs; a 60 s guard against a hang (test-timeout.ts says why not testTimeout)
      setupFiles: [
        '<rootDir>/test/support/quiet-temporal.ts',
        '<rootDir>/test/support/test-timeout.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
