/**
 * Imported first by every entry point (API, worker, scripts): on a Node.js older than the floor in
 * package.json's `engines` the process stops at once with one line, instead of a stack trace from
 * deep inside an ESM-only package. node-version.spec.ts keeps the two floors equal.
 */
export const NODE_FLOOR = { major: 24, minor: 9 } as const;

export function unsupportedNodeMessage(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > NODE_FLOOR.major || (major === NODE_FLOOR.major && minor >= NODE_FLOOR.minor)) {
    return undefined;
  }
  return (
    `df-onboarding needs Node.js >= ${NODE_FLOOR.major}.${NODE_FLOOR.minor} (26 LTS recommended); ` +
    `this is v${version}. Run it through npm (npm run start:api / start:worker), which uses the ` +
    'pinned Node.js in node_modules/.bin, or install Node.js 26 (e.g. `nvm install`).'
  );
}

const problem = unsupportedNodeMessage(process.versions.node);
if (problem) {
  console.error(problem);
  process.exit(1);
}
