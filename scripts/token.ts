/**
 * `npm run token -- <ROLE> [subject] [email]`: prints a demo bearer token for the embedded setup.
 * Example: TOKEN=$(npm run -s token -- HR hr-amina)
 */
import '../config/node-version'; // first: stops at once on an unsupported Node.js
import { loadConfig } from '../config/env';
import { ensureLocalKeys, signToken } from './local-auth';

const ROLES = ['HR', 'TECH_LEAD', 'HEAD_OF_DF', 'IT', 'HIRE', 'ADMIN'];

async function main(): Promise<void> {
  const [role, sub, email] = process.argv.slice(2);
  if (!role || !ROLES.includes(role)) {
    console.error(`usage: npm run -s token -- <${ROLES.join('|')}> [subject] [email]`);
    process.exit(2);
  }
  const { auth } = loadConfig(process.env, 'tool');
  const { privateJwk } = await ensureLocalKeys(auth.jwksPath);
  const token = await signToken(privateJwk, {
    sub: sub ?? `demo-${role.toLowerCase()}`,
    roles: [role],
    email,
    issuer: auth.issuer,
    audience: auth.audience,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
