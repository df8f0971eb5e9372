import '../../../config/node-version'; // first: stops at once on an unsupported Node.js
import 'reflect-metadata';
import { loadConfig } from '../../../config/env';
import { bootstrap } from './bootstrap';

bootstrap(loadConfig()).catch((err: unknown) => {
  console.error(
    JSON.stringify({ level: 'error', msg: 'API failed to start', error: (err as Error).message }),
  );
  process.exit(1);
});
