// Prints the gzipped size of the JavaScript and CSS the first load fetches (every file index.html
// references), against the budget of 250 KB gzip for JavaScript. Fails the build over budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/console\/(assets\/[^"]+\.(?:js|css))"/g)].map(
  (m) => m[1],
);
let js = 0;
for (const file of files) {
  const bytes = readFileSync(path.join(dist, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (file.endsWith('.js')) js += gz;
  console.log(
    `[console] ${file.padEnd(40)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KB  gzip ${(gz / 1024).toFixed(1).padStart(6)} KB`,
  );
}
const kb = js / 1024;
console.log(`[console] first-load JavaScript: ${kb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
if (kb > BUDGET_KB) {
  console.error('[console] over the JavaScript budget');
  process.exit(1);
}
