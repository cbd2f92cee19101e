import type { RouteObject } from 'react-router';
import { RequireSignIn } from '../../app/guards';
import { ApplicationPage } from './application-page';
import { ApplicationsPage } from './applications-page';
import { CataloguePage } from './catalogue-page';
import { DraftPage } from './draft-page';
import { LicencesPage } from './licences-page';
import { NotificationsPage } from './notifications-page';
import { ServicePage } from './service-page';
import './portal.css';

/** The applicant's portal: catalogue, drafts, applications, licences, notifications. */
export const portalRoutes: RouteObject[] = [
  { path: 'services', element: <CataloguePage /> },
  { path: 'services/:serviceId', element: <ServicePage /> },
  {
    path: 'drafts/:draftId',
    element: (
      <RequireSignIn>
        <DraftPage />
      </RequireSignIn>
    ),
  },
  {
    path: 'my/applications',
    element: (
      <RequireSignIn>
        <ApplicationsPage />
      </RequireSignIn>
    ),
  },
  {
    path: 'my/applications/:applicationId',
    element: (
      <RequireSignIn>
        <ApplicationPage />
      </RequireSignIn>
    ),
  },
  {
    path: 'my/licences',
    element: (
      <RequireSignIn>
        <LicencesPage />
      </RequireSignIn>
    ),
  },
  {
    path: 'my/notifications',
    element: (
      <RequireSignIn>
        <NotificationsPage />
      </RequireSignIn>
    ),
  },
];
