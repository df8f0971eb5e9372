/** Paths of the pinned Temporal binaries installed by scripts/tools.sh. */
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function tool(name: string): string {
  const p = path.join(ROOT, '.tools', 'venv', 'bin', name);
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`npm run tools\` (scripts/tools.sh)`);
  return p;
}

export const temporalCli = () => tool('temporal');
export const temporalTestServer = () => tool('temporal-test-server');
