import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/api-error';
import { router } from './app/router';
import { startI18n } from './i18n/i18n';
import { SessionProvider } from './session/session';
import './app/styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An answer the API refused (4xx) is not asked again; a network hiccup or 5xx is, twice.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      staleTime: 10_000,
    },
  },
});

const i18n = await startI18n();
// The API answers names, histories and errors in the language asked: ask again in the new one.
i18n.on('languageChanged', () => void queryClient.invalidateQueries());
const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
