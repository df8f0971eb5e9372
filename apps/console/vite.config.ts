// The console is served by the API under /console (apps/api/src/console/serve-console.ts). In
// development, `npm run dev` proxies the API's paths to it (CONSOLE_API_URL, default :3000), so
// the session cookie stays same-origin.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.CONSOLE_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    // src/lib/format.ts shares the date formatting of the emails (domain/i18n/dates.ts).
    fs: { allow: ['.', '../../domain/i18n'] },
    proxy: { '/v1': api, '/auth': api, '/interaction': api, '/oidc': api },
  },
});
