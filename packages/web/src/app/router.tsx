import { createBrowserRouter } from 'react-router';
import { adminRoutes } from '../features/admin/routes';
import { centreRoutes } from '../features/centre/routes';
import { officeRoutes } from '../features/office/routes';
import { portalRoutes } from '../features/portal/routes';
import { registryRoutes } from '../features/registry/routes';
import { SignInPage } from '../session/sign-in-page';
import { HomePage, NotFoundPage } from './home-page';
import { Layout } from './layout';

/** Every page of the app; each part of it brings its own routes. */
export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'sign-in', element: <SignInPage /> },
      ...portalRoutes,
      ...registryRoutes,
      ...centreRoutes,
      ...officeRoutes,
      ...adminRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
