import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { router } from './app/router';
import { I18nProvider } from './lib/i18n';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    // 4xx answers are final (not yours, invalid): retry only what may pass next time.
    queries: {
      retry: (count, error) => count < 2 && !('status' in error && Number(error.status) < 500),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  </StrictMode>,
);
