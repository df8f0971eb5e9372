/**
 * Starts the real system once for every spec (or uses CONSOLE_BASE_URL when it is already set,
 * e.g. a running `npm run up`), and stops it at the end.
 */
import { startSystem } from './system';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.CONSOLE_BASE_URL) return undefined;
  const system = await startSystem();
  process.env.CONSOLE_BASE_URL = system.baseUrl;
  process.env.CONSOLE_MAILBOX_URL = system.mailboxUrl;
  return () => system.stop();
}
