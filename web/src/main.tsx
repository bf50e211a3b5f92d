import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { api } from '@/api/client';
import { newQueryClient, Providers } from '@/app/Providers';
import { routes } from '@/app/routes';
import './styles/theme.css';
import './styles/base.css';
import './ui/ui.css';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const router = createBrowserRouter(routes);
createRoot(root).render(
  <StrictMode>
    <Providers client={newQueryClient()} refresher={api.refresher}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
