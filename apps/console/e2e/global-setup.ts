/**
 * Starts the real system once for every spec (or uses CONSOLE_BASE_URL when it is already set,
 * e.g. a running `npm run up`), and stops it at the end. The container registry goes through a
 * webhook to a target system that refuses grants until told otherwise (target-system.ts).
 */
import { startSystem } from './system';
import { startTargetSystem } from './target-system';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.CONSOLE_BASE_URL) return undefined;
  const target = await startTargetSystem();
  const system = await startSystem(target.env);
  process.env.CONSOLE_BASE_URL = system.baseUrl;
  process.env.CONSOLE_MAILBOX_URL = system.mailboxUrl;
  process.env.CONSOLE_TARGET_URL = target.url;
  return async () => {
    await system.stop();
    await target.stop();
  };
}
