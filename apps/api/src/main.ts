import '../../../config/node-version'; // first: stops at once on an unsupported Node.js
import 'reflect-metadata';
import { loadConfig } from '../../../config/env';
import { bootstrap } from './bootstrap';

function fail(err: unknown): never {
  console.error(
    JSON.stringify({ level: 'error', msg: 'API failed to start', error: (err as Error).message }),
  );
  process.exit(1);
}

// A missing secret or a bad variable is one line naming it, not a stack trace.
Promise.resolve()
  .then(() => bootstrap(loadConfig()))
  .catch(fail);
