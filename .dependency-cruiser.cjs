/**
 * The layers of the code base, checked by `npm run lint:deps` (part of the test command).
 * Arrows go one way: test -> scripts -> apps -> activities -> prisma -> domain -> config
 * (workflow definitions beside activities); workflows import only themselves (ESLint's fence adds
 * `import type` from activities). A new violation fails; one accepted on purpose would be listed
 * in .dependency-cruiser-known-violations.json (empty since the restructure of issue 17).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: split what they share into a lower module.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-test-outside-tests',
      severity: 'error',
      comment: 'Only tests import test support; the build must not compile test code.',
      from: { pathNot: '^test/|\\.spec\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'no-scripts-in-product',
      severity: 'error',
      comment: 'apps, activities, workflows, config and prisma never import scripts/.',
      from: {
        path: '^(apps|domain|activities|workflows|config|prisma)/',
        pathNot: '\\.spec\\.ts$',
      },
      to: { path: '^scripts/' },
    },
    {
      name: 'no-apps-below',
      severity: 'error',
      comment:
        'activities, workflows, config and prisma are below the apps: they never import them.',
      from: { path: '^(domain|activities|workflows|config|prisma)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'api-and-worker-apart',
      severity: 'error',
      comment: 'The API and the worker share code through the lower layers, not each other.',
      from: { path: '^apps/api/' },
      to: { path: '^apps/worker/' },
    },
    {
      name: 'worker-and-api-apart',
      severity: 'error',
      from: { path: '^apps/worker/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds rules both sides share: it imports only config/ and packages.',
      from: { path: '^domain/' },
      to: { path: '^(activities|workflows|apps|scripts|prisma)/' },
    },
    {
      name: 'config-is-the-floor',
      severity: 'error',
      comment: 'config/ holds environment and data: it imports no activity, workflow or app.',
      from: { path: '^config/' },
      to: { path: '^(domain|activities|workflows|apps)/' },
    },
    {
      name: 'prisma-below-code',
      severity: 'error',
      comment:
        'prisma/ (client, migrations, seeds, the audit writer) sits under every code layer: it imports only config/, domain/ (the plan parser of the seeds) and packages.',
      from: { path: '^prisma/' },
      to: { path: '^(activities|workflows|apps|scripts|test)/' },
    },
    {
      name: 'workflows-stay-in-their-folder',
      severity: 'error',
      comment:
        'Workflow code is bundled into the sandbox: only itself (and types from activities).',
      from: { path: '^workflows/', pathNot: '\\.spec\\.ts$' },
      to: {
        pathNot: '^workflows/|^node_modules/@temporalio/',
        dependencyTypesNot: ['type-only', 'core'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|\\.tools|\\.data|prisma/generated|apps/console)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
